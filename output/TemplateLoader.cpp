// templates/*.yaml -> Template. Every refusal names the file and line of the offending node.
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "output/MustacheCheck.h"
#include "output/Template.h"

namespace shnor::output {
namespace {

int LineOf(const YAML::Node& node) {
  return node.Mark().line + 1;
}

bool IsFlagText(const std::string& text) {
  return text.empty() || text == "true" || text == "false";
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& message) const {
    throw TemplateError(file_, LineOf(node), message);
  }

  TemplateText Text(const YAML::Node& node, const std::string& what) const {
    if (!node || !node.IsScalar()) Fail(node, "поле «" + what + "» должно быть строкой");
    TemplateText t{node.as<std::string>(), LineOf(node)};
    std::string problem;
    try {
      problem = CheckSections(t.text);
    } catch (const std::invalid_argument& e) {
      problem = e.what();
    }
    if (!problem.empty()) Fail(node, "«" + what + "»: " + problem);
    return t;
  }

  TemplateText Optional(const YAML::Node& map, const char* key) const {
    return map[key] ? Text(map[key], key) : TemplateText{"", LineOf(map)};
  }

  std::vector<TemplateText> Lines(const YAML::Node& node, const std::string& what) const {
    std::vector<TemplateText> lines;
    if (node.IsScalar()) return {Text(node, what)};
    if (!node.IsSequence()) Fail(node, "поле «" + what + "» должно быть строкой или списком строк");
    for (const auto& line : node) lines.push_back(Text(line, what));
    return lines;
  }

  void OnlyKeys(const YAML::Node& map, const std::string& block,
                const std::set<std::string>& allowed) const {
    if (!map.IsMap()) Fail(map, "блок «" + block + "» должен быть словарём полей");
    for (const auto& kv : map) {
      auto key = kv.first.as<std::string>();
      if (!allowed.count(key))
        Fail(kv.first, "неизвестное поле «" + key + "» в блоке «" + block + "»");
    }
  }

  Align AlignOf(const YAML::Node& node, Align fallback) const {
    if (!node) return fallback;
    auto text = node.as<std::string>();
    if (text == "justify") return Align::Justify;
    if (text == "left") return Align::Left;
    if (text == "center") return Align::Center;
    if (text == "right") return Align::Right;
    Fail(node, "выравнивание «" + text + "»: допустимы justify, left, center, right");
  }

  double Number(const YAML::Node& node, const std::string& what, double min, double max) const {
    double value = 0;
    try {
      value = node.as<double>();
    } catch (const YAML::Exception&) {
      Fail(node, "поле «" + what + "» должно быть числом");
    }
    if (value < min || value > max) {
      Fail(node, "поле «" + what + "» вне пределов " + Format(min) + "…" + Format(max));
    }
    return value;
  }

  bool Flag(const YAML::Node& node, bool fallback) const {
    if (!node) return fallback;
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      Fail(node, "ожидается true или false");
    }
  }

  const std::string& file() const { return file_; }

 private:
  static std::string Format(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
  }
  std::string file_;
};

ListItemSpec ReadListItem(const Reader& r, const YAML::Node& node) {
  ListItemSpec item;
  if (node.IsScalar()) {
    item.text = r.Text(node, "пункт списка");
    return item;
  }
  r.OnlyKeys(node, "list", {"text", "each", "items"});
  item.text = r.Text(node["text"], "text");
  if (node["each"]) item.each = node["each"].as<std::string>();
  if (node["items"]) {
    if (!node["items"].IsSequence()) r.Fail(node["items"], "«items» должно быть списком пунктов");
    for (const auto& sub : node["items"]) item.items.push_back(ReadListItem(r, sub));
  }
  return item;
}

ColumnSpec ReadColumn(const Reader& r, const YAML::Node& node) {
  r.OnlyKeys(node, "table.columns", {"header", "width", "value", "align", "date", "choices"});
  ColumnSpec c;
  c.header = r.Text(node["header"], "header");
  if (!node["width"])
    r.Fail(node, "у столбца «" + c.header.text + "» не задана ширина (width, мм)");
  c.width_mm = r.Number(node["width"], "width", 3, 400);
  c.value = r.Text(node["value"], "value");
  c.align = r.AlignOf(node["align"], Align::Left);
  c.date = r.Flag(node["date"], false);
  if (node["choices"]) {
    for (const auto& v : node["choices"]) c.choices.push_back(v.as<std::string>());
  }
  return c;
}

void ReadTable(const Reader& r, const YAML::Node& node, BlockSpec& b) {
  r.OnlyKeys(node, "table", {"caption", "sheet", "rows", "columns", "overdue"});
  b.text = r.Optional(node, "caption");
  if (node["sheet"]) b.sheet = node["sheet"].as<std::string>();
  if (!node["rows"]) r.Fail(node, "у таблицы не задан список строк (rows)");
  b.rows = node["rows"].as<std::string>();
  if (!node["columns"] || !node["columns"].IsSequence() || node["columns"].size() == 0) {
    r.Fail(node, "у таблицы нет столбцов (columns)");
  }
  for (const auto& c : node["columns"]) b.columns.push_back(ReadColumn(r, c));
  if (const auto& o = node["overdue"]) {
    r.OnlyKeys(o, "table.overdue",
               {"date_column", "status_column", "done", "optional_column", "optional"});
    auto last = static_cast<double>(b.columns.size());
    b.overdue_date_column =
        static_cast<int>(r.Number(o["date_column"], "date_column", 1, last)) - 1;
    b.status_column = static_cast<int>(r.Number(o["status_column"], "status_column", 1, last)) - 1;
    b.done_value = o["done"] ? o["done"].as<std::string>() : "";
    if (o["optional_column"]) {
      b.optional_column =
          static_cast<int>(r.Number(o["optional_column"], "optional_column", 1, last)) - 1;
      b.optional_value = o["optional"] ? o["optional"].as<std::string>() : "";
    }
  }
}

// `blank` is a flag or a Mustache string that renders to one; a constant is checked here.
TemplateText ReadBlankFlag(const Reader& r, const YAML::Node& map) {
  TemplateText blank = r.Optional(map, "blank");
  const bool constant = blank.text.find("{{") == std::string::npos;
  if (constant && !IsFlagText(blank.text))
    r.Fail(map["blank"], "«blank»: ожидается true или false");
  return blank;
}

void ReadLetterhead(const Reader& r, const YAML::Node& node, BlockSpec& b) {
  r.OnlyKeys(node, "letterhead",
             {"authority", "requisites", "reference", "blank", "kind", "date", "number", "place"});
  if (!node["authority"]) r.Fail(node, "в реквизитах не указан орган (authority)");
  b.lines = r.Lines(node["authority"], "authority");
  if (node["requisites"]) b.requisites = r.Lines(node["requisites"], "requisites");
  b.reference = r.Optional(node, "reference");
  b.blank = ReadBlankFlag(r, node);
  b.text = r.Optional(node, "kind");
  b.date = r.Optional(node, "date");
  b.second = r.Optional(node, "number");
  b.place = r.Optional(node, "place");
}

// `approval: [lines]` or `approval: { lines: [...], agreed: [...] }`.
void ReadApproval(const Reader& r, const YAML::Node& node, BlockSpec& b) {
  if (!node.IsMap()) {
    b.lines = r.Lines(node, "approval");
    return;
  }
  r.OnlyKeys(node, "approval", {"lines", "agreed"});
  if (!node["lines"]) r.Fail(node, "в грифе утверждения нет строк (lines)");
  b.lines = r.Lines(node["lines"], "lines");
  if (node["agreed"]) b.agreed = r.Lines(node["agreed"], "agreed");
}

void ReadTextBlock(const Reader& r, const YAML::Node& node, BlockSpec& b, const char* name) {
  if (node.IsScalar()) {
    b.text = r.Text(node, name);
    return;
  }
  r.OnlyKeys(node, name, {"text", "align", "indent", "bold"});
  b.text = r.Text(node["text"], "text");
  b.align = r.AlignOf(node["align"], b.align);
  b.indent = r.Flag(node["indent"], b.indent);
  b.bold = r.Flag(node["bold"], b.bold);
}

void ReadChart(const Reader& r, const YAML::Node& node, BlockSpec& b) {
  r.OnlyKeys(node, "chart", {"caption", "rows", "label", "value"});
  b.text = r.Optional(node, "caption");
  if (!node["rows"]) r.Fail(node, "у диаграммы не задан список строк (rows)");
  b.rows = node["rows"].as<std::string>();
  b.label = r.Text(node["label"], "label");
  b.value = r.Text(node["value"], "value");
}

BlockSpec ReadBlock(const Reader& r, const YAML::Node& node) {
  BlockSpec b;
  b.line = LineOf(node);
  if (node.IsScalar()) {
    auto name = node.as<std::string>();
    if (name != "page-break") r.Fail(node, "неизвестный тип блока «" + name + "»");
    b.type = BlockType::PageBreak;
    return b;
  }
  if (!node.IsMap() || node.size() != 1)
    r.Fail(node, "блок — это словарь из одного ключа: типа блока");
  auto type = node.begin()->first.as<std::string>();
  // A copy: the iterator yields a temporary pair, and a reference into it dangles.
  const YAML::Node body = node.begin()->second;
  if (type == "letterhead") {
    b.type = BlockType::Letterhead;
    ReadLetterhead(r, body, b);
  } else if (type == "title") {
    b.type = BlockType::Title;
    b.align = Align::Center;
    b.indent = false;
    b.bold = true;
    ReadTextBlock(r, body, b, "title");
  } else if (type == "paragraph") {
    ReadTextBlock(r, body, b, "paragraph");
  } else if (type == "list") {
    b.type = BlockType::List;
    if (!body.IsSequence()) r.Fail(body, "блок «list» должен быть списком пунктов");
    for (const auto& item : body) b.items.push_back(ReadListItem(r, item));
  } else if (type == "table") {
    b.type = BlockType::Table;
    ReadTable(r, body, b);
  } else if (type == "signature") {
    b.type = BlockType::Signature;
    r.OnlyKeys(body, "signature", {"position", "name"});
    b.text = r.Text(body["position"], "position");
    b.second = r.Text(body["name"], "name");
  } else if (type == "approval") {
    b.type = BlockType::Approval;
    ReadApproval(r, body, b);
  } else if (type == "appendix" || type == "addressee" || type == "executor") {
    b.type = type == "appendix"    ? BlockType::Appendix
             : type == "addressee" ? BlockType::Addressee
                                   : BlockType::Executor;
    b.lines = r.Lines(body, type);
  } else if (type == "spacer") {
    b.type = BlockType::Spacer;
    b.mm = r.Number(body, "spacer", 0, 200);
  } else if (type == "chart") {
    b.type = BlockType::BarChart;
    ReadChart(r, body, b);
  } else {
    r.Fail(node.begin()->first, "неизвестный тип блока «" + type + "»");
  }
  return b;
}

DataValue ReadDataValue(const Reader& r, const YAML::Node& node, const std::string& path);

std::vector<DataField> ReadDataMap(const Reader& r, const YAML::Node& node,
                                   const std::string& path) {
  std::vector<DataField> fields;
  for (const auto& kv : node) {
    auto key = kv.first.as<std::string>();
    if (key.empty() || key.find('.') != std::string::npos)
      r.Fail(kv.first, "ключ «" + key + "» в «" + path + "»: нужно имя без точек");
    fields.push_back({key, LineOf(kv.first), ReadDataValue(r, kv.second, path + "." + key)});
  }
  return fields;
}

DataValue ReadDataValue(const Reader& r, const YAML::Node& node, const std::string& path) {
  DataValue v;
  if (node.IsMap()) {
    v.kind = DataValue::Kind::Map;
    v.fields = ReadDataMap(r, node, path);
  } else if (node.IsSequence()) {
    v.kind = DataValue::Kind::List;
    for (const auto& item : node) v.items.push_back(ReadDataValue(r, item, path));
  } else if (node.IsScalar()) {
    v.text = r.Text(node, path);
    // A quoted "true" stays text; only the plain word is a flag.
    const bool plain = node.Tag() == "?";
    if (plain && (v.text.text == "true" || v.text.text == "false")) v.kind = DataValue::Kind::Flag;
  } else {
    v.text = TemplateText{"", LineOf(node)};  // `key:` with nothing, or `~`
  }
  return v;
}

void ReadData(const Reader& r, const YAML::Node& root, Template& t) {
  const YAML::Node data = root["data"];
  if (!data) return;
  if (!data.IsMap()) r.Fail(data, "«data» должно быть словарём: имя → значение");
  t.data = ReadDataMap(r, data, "data");
}

void ReadHeader(const Reader& r, const YAML::Node& root, Template& t) {
  r.OnlyKeys(root, "шаблон",
             {"id", "version", "gender", "profile", "title", "author", "subject", "date", "data",
              "blocks"});
  if (!root["id"]) r.Fail(root, "у шаблона нет id");
  t.id = root["id"].as<std::string>();
  if (!root["version"]) r.Fail(root, "у шаблона нет version");
  t.version = static_cast<int>(r.Number(root["version"], "version", 1, 1000000));
  if (!root["title"]) r.Fail(root, "у шаблона нет title");
  t.title = r.Text(root["title"], "title");
  t.author = r.Optional(root, "author");
  t.subject = r.Optional(root, "subject");
  t.date = r.Optional(root, "date");
  if (const auto& g = root["gender"]) {
    auto gender = ParseGender(g.as<std::string>());
    if (!gender) r.Fail(g, "род документа: masculine, feminine, neuter или plural");
    t.gender = *gender;
  }
  if (const auto& p = root["profile"]) {
    auto text = p.as<std::string>();
    if (text != "2016" && text != "2025") r.Fail(p, "профиль ГОСТ Р 7.0.97: 2016 или 2025");
    t.profile = text == "2025" ? Profile::Gost2025 : Profile::Gost2016;
  }
}

}  // namespace

TemplateError::TemplateError(const std::string& file, int line, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + message),
      file_(file),
      line_(line) {}

Template ParseTemplate(const std::string& yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::ParserException& e) {
    throw TemplateError(file, e.mark.line + 1, "ошибка синтаксиса YAML: " + e.msg);
  }
  Reader r(file);
  Template t;
  t.file = file;
  try {
    ReadHeader(r, root, t);
    ReadData(r, root, t);
    if (!root["blocks"] || !root["blocks"].IsSequence())
      r.Fail(root, "у шаблона нет блоков (blocks)");
    for (const auto& block : root["blocks"]) t.blocks.push_back(ReadBlock(r, block));
  } catch (const YAML::Exception& e) {
    throw TemplateError(file, e.mark.line + 1, "неверное значение: " + e.msg);
  }
  return t;
}

Template LoadTemplate(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TemplateError(path.string(), 0, "файл шаблона не открывается");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseTemplate(text.str(), path.string());
}

}  // namespace shnor::output
