#include "output/TemplateRenderer.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>

#include <mstch/mstch.hpp>

#include "output/MustacheCheck.h"

namespace shnor::output {
namespace {

constexpr char kCell = '\x1F';  // between the cells of one repeated row
constexpr char kRow = '\x1E';   // after each repeated row

// mstch HTML-escapes by default ("83/ОД" -> "83&#x2F;ОД"); documents want the text as it is.
void PrintLiterally() {
  static std::once_flag once;
  std::call_once(once, [] { mstch::config::escape = [](const std::string& s) { return s; }; });
}

mstch::node ToNode(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mstch::map map;
      for (const auto& [key, item] : value.items()) map.emplace(key, ToNode(item));
      return map;
    }
    case nlohmann::json::value_t::array: {
      mstch::array array;
      for (const auto& item : value) array.push_back(ToNode(item));
      return array;
    }
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>();
    case nlohmann::json::value_t::null:
      return false;
    default:
      return value.dump();  // numbers as JSON writes them: 42, 3.5
  }
}

void AddIndexes(nlohmann::json& value) {
  if (value.is_array()) {
    int index = 0;
    for (auto& item : value) {
      ++index;
      if (item.is_object() && !item.contains("index")) item["index"] = std::to_string(index);
      AddIndexes(item);
    }
  } else if (value.is_object()) {
    for (auto& [key, item] : value.items()) AddIndexes(item);
  }
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(separator); at != std::string::npos;
       at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

class Renderer {
 public:
  Renderer(const Template& tmpl, const nlohmann::json& context)
      : tmpl_(tmpl), source_(context.is_object() ? context : Empty()) {
    PrintLiterally();
    Take("template");
    context_["template"]["approved"] = Agree("УТВЕРЖДЕН", tmpl.gender);
    context_["template"]["approved_lower"] = Agree("утвержден", tmpl.gender);
    if (!tmpl_.data.empty()) MergeData();
  }

  Document Run() {
    Document doc;
    doc.template_id = tmpl_.id;
    doc.template_version = tmpl_.version;
    doc.profile = tmpl_.profile;
    doc.title = Expand(tmpl_.title);
    doc.author = Expand(tmpl_.author);
    doc.subject = Expand(tmpl_.subject);
    doc.date = Expand(tmpl_.date);
    for (const BlockSpec& b : tmpl_.blocks) {
      Block block = BlockOf(b);
      // A paragraph or title all inside a section the context leaves out ({{#stage_is.II}}…),
      // or a table with no rows whose caption is, is not printed: one template holds the
      // wording of every stage and the parts a campaign may leave out (the лист согласования).
      if (LeftOut(b, block)) continue;
      doc.blocks.push_back(std::move(block));
    }
    // A document never ends on an empty page.
    while (!doc.blocks.empty() && std::holds_alternative<PageBreak>(doc.blocks.back())) {
      doc.blocks.pop_back();
    }
    return doc;
  }

 private:
  static bool LeftOut(const BlockSpec& spec, const Block& block) {
    if (const auto* p = std::get_if<Paragraph>(&block)) return p->text.empty();
    if (const auto* t = std::get_if<Title>(&block)) return t->text.empty();
    if (const auto* t = std::get_if<Table>(&block)) {
      return t->rows.empty() && t->caption.empty() && !spec.text.text.empty();
    }
    return false;
  }

  static const nlohmann::json& Empty() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
  }

  // A campaign's context holds hundreds of task rows and schools that most templates never
  // name; copying and numbering all of it for each document was most of a render. So context_
  // takes a top-level key of the caller's context (copied, its lists numbered) only when a
  // string about to be rendered names it: every lookup starts at a tag's first name part, so
  // what the strings see, and so every output byte, is as with the whole context.
  void Take(const std::string& key) const {
    if (key.empty() || context_.contains(key)) return;
    auto it = source_.find(key);
    if (it == source_.end()) return;
    nlohmann::json value = *it;
    AddIndexes(value);
    context_[key] = std::move(value);
  }

  void TakeNamesOf(const std::string& text) const {
    for (const MustacheTag& tag : TokenizeMustache(text)) {
      if (tag.kind != '!') Take(tag.name.substr(0, tag.name.find('.')));
    }
  }

  // Data strings see the context only, not each other: the order of keys cannot matter.
  void MergeData() {
    nlohmann::json data = nlohmann::json::object();
    for (const DataField& field : tmpl_.data) {
      if (context_.contains(field.key) || source_.contains(field.key)) {
        Fail(field.line, "имя «" + field.key + "» из data уже есть в данных документа");
      }
      data[field.key] = DataJson(field.value);
    }
    AddIndexes(data);
    for (auto& [key, value] : data.items()) context_[key] = std::move(value);
  }

  nlohmann::json DataJson(const DataValue& value) const {
    switch (value.kind) {
      case DataValue::Kind::Flag:
        return value.text.text == "true";
      case DataValue::Kind::List: {
        nlohmann::json list = nlohmann::json::array();
        for (const DataValue& item : value.items) list.push_back(DataJson(item));
        return list;
      }
      case DataValue::Kind::Map: {
        nlohmann::json map = nlohmann::json::object();
        for (const DataField& field : value.fields) map[field.key] = DataJson(field.value);
        return map;
      }
      case DataValue::Kind::Text:
        break;
    }
    return Expand(value.text);
  }

  [[noreturn]] void Fail(int line, const std::string& message) const {
    throw TemplateError(tmpl_.file, line, message);
  }

  void Check(const std::string& text, int line) const {
    std::string unknown = FirstUnknownName(text, {&context_});
    if (!unknown.empty()) {
      Fail(line, "в данных документа нет значения «{{" + unknown + "}}»");
    }
  }

  std::string Expand(const TemplateText& t) const {
    if (t.text.find("{{") == std::string::npos) return t.text;
    TakeNamesOf(t.text);
    Check(t.text, t.line);
    if (auto filled = FillValues(t.text)) return *filled;
    return mstch::render(t.text, NodeFor(t.text));
  }

  // Most strings only print values. Those are filled in here as mstch prints a string (escaping
  // is off), which spares building an mstch tree for each; sections, comments and values that are
  // not strings go to mstch.
  std::optional<std::string> FillValues(const std::string& text) const {
    return FillValues(text, TokenizeMustache(text), {&context_});
  }

  std::optional<std::string> FillValues(const std::string& text,
                                        const std::vector<MustacheTag>& tags,
                                        const std::vector<const nlohmann::json*>& frames) const {
    std::string out;
    std::size_t at = 0;
    for (const MustacheTag& tag : tags) {
      if (tag.kind != 'v') return std::nullopt;
      const nlohmann::json* value = Lookup(tag.name, frames);
      if (!value || !value->is_string()) return std::nullopt;
      out.append(text, at, tag.begin - at);
      out += value->get_ref<const std::string&>();
      at = tag.end;
    }
    out.append(text, at, std::string::npos);
    return out;
  }

  // mstch copies the whole context it is given for every string it renders; a campaign's context
  // holds hundreds of task rows, so each string gets only the top-level keys its names start with
  // (a name inside a section that resolves in a list element may match one needlessly: harmless).
  mstch::node NodeFor(const std::string& text) const {
    mstch::map map;
    for (const MustacheTag& tag : TokenizeMustache(text)) {
      if (tag.kind == '!' || tag.kind == '/') continue;
      const std::string head = tag.name.substr(0, tag.name.find('.'));
      if (head.empty() || map.count(head)) continue;
      auto it = context_.find(head);
      if (it != context_.end()) map.emplace(head, ToNode(*it));
    }
    return map;
  }

  // Renders `parts` once per element of the list `name`: one vector of strings per element.
  std::vector<std::vector<std::string>> Repeat(const std::string& name,
                                               const std::vector<const TemplateText*>& parts,
                                               int line) const {
    Take(name.substr(0, name.find('.')));
    const nlohmann::json* list = Lookup(name, {&context_});
    if (!list) Fail(line, "в данных документа нет списка «" + name + "»");
    if (!list->is_array()) Fail(line, "«" + name + "» в данных документа — не список");
    std::string body;
    for (std::size_t i = 0; i < parts.size(); ++i)
      body += (i ? std::string(1, kCell) : "") + parts[i]->text;
    std::string text = "{{#" + name + "}}" + body + kRow + "{{/" + name + "}}";
    TakeNamesOf(text);
    std::string unknown = FirstUnknownName(text, {&context_});
    if (!unknown.empty())
      Fail(LineNaming(parts, unknown, line),
           "в строке списка «" + name + "» нет значения «{{" + unknown + "}}»");
    if (auto filled = FillRows(*list, parts)) return *filled;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> rendered = Split(mstch::render(text, NodeFor(text)), kRow);
    rendered.pop_back();  // after the last separator
    for (const std::string& row : rendered) rows.push_back(Split(row, kCell));
    return rows;
  }

  // Rows whose cells only print strings, filled in per element as mstch would render the
  // section, which spares converting the list to mstch and parsing its text for each document.
  std::optional<std::vector<std::vector<std::string>>> FillRows(
      const nlohmann::json& list, const std::vector<const TemplateText*>& parts) const {
    if (!list.is_array()) return std::nullopt;
    std::vector<std::vector<MustacheTag>> tags;
    for (const TemplateText* part : parts) tags.push_back(TokenizeMustache(part->text));
    std::vector<std::vector<std::string>> rows;
    for (const nlohmann::json& element : list) {
      std::vector<std::string>& row = rows.emplace_back();
      for (std::size_t p = 0; p < parts.size(); ++p) {
        std::optional<std::string> cell =
            FillValues(parts[p]->text, tags[p], {&context_, &element});
        // A separator inside a value would have split mstch's row: leave such rows to it.
        if (!cell || std::any_of(cell->begin(), cell->end(),
                                 [](char c) { return c == kCell || c == kRow; })) {
          return std::nullopt;
        }
        row.push_back(std::move(*cell));
      }
    }
    return rows;
  }

  static int LineNaming(const std::vector<const TemplateText*>& parts, const std::string& name,
                        int fallback) {
    for (const TemplateText* p : parts) {
      if (p->text.find(name) != std::string::npos) return p->line;
    }
    return fallback;
  }

  Block BlockOf(const BlockSpec& b) const {
    switch (b.type) {
      case BlockType::Letterhead:
        return LetterheadOf(b);
      case BlockType::Title:
        return Title{Expand(b.text), b.align};
      case BlockType::Paragraph:
        return Paragraph{Expand(b.text), b.align, b.indent, b.bold};
      case BlockType::List:
        return ListOf(b);
      case BlockType::Table:
        return TableOf(b);
      case BlockType::Signature:
        return Signature{Expand(b.text), Expand(b.second)};
      case BlockType::Approval:
        return ApprovalStamp{ExpandAll(b.lines), ExpandPresent(b.agreed)};
      case BlockType::Appendix:
        return AppendixHeading{ExpandAll(b.lines)};
      case BlockType::Addressee:
        return Addressee{ExpandPresent(b.lines)};
      case BlockType::Executor:
        return ExecutorMark{ExpandPresent(b.lines)};
      case BlockType::PageBreak:
        return PageBreak{};
      case BlockType::Spacer:
        return Spacer{b.mm};
      case BlockType::BarChart:
        return ChartOf(b);
    }
    return PageBreak{};
  }

  std::vector<std::string> ExpandAll(const std::vector<TemplateText>& lines) const {
    std::vector<std::string> out;
    for (const TemplateText& t : lines) out.push_back(Expand(t));
    return out;
  }

  // Lines that come out empty are dropped: a campaign without an e-mail prints no blank line.
  std::vector<std::string> ExpandPresent(const std::vector<TemplateText>& lines) const {
    std::vector<std::string> out;
    for (const TemplateText& t : lines) {
      std::string line = Expand(t);
      if (!line.empty()) out.push_back(std::move(line));
    }
    return out;
  }

  Letterhead LetterheadOf(const BlockSpec& b) const {
    Letterhead head;
    head.authority = ExpandAll(b.lines);
    head.kind = Expand(b.text);
    head.date = Expand(b.date);
    head.number = Expand(b.second);
    head.place = Expand(b.place);
    head.requisites = ExpandPresent(b.requisites);
    head.reference = Expand(b.reference);
    head.blank = FlagOf(b.blank);
    return head;
  }

  bool FlagOf(const TemplateText& t) const {
    const std::string value = Expand(t);
    if (value != "true" && value != "false" && !value.empty()) {
      Fail(t.line, "«" + value + "» вместо true или false");
    }
    return value == "true";
  }

  NumberedList ListOf(const BlockSpec& b) const {
    NumberedList list;
    AddItems(b.items, "", 1, list);
    return list;
  }

  void AddItems(const std::vector<ListItemSpec>& items, const std::string& prefix, int level,
                NumberedList& list) const {
    int n = 0;
    for (const ListItemSpec& item : items) {
      std::vector<std::string> texts;
      if (item.each.empty()) {
        texts.push_back(Expand(item.text));
      } else {
        for (auto& row : Repeat(item.each, {&item.text}, item.text.line)) texts.push_back(row[0]);
      }
      for (std::string& text : texts) {
        if (text.empty()) continue;  // an item left out by a section, as a paragraph is
        std::string number = prefix + std::to_string(++n) + ".";
        list.items.push_back(ListItem{number, std::move(text), level});
        // Sub-items of a repeated item would repeat identically; they belong to one-off items.
        if (item.each.empty()) AddItems(item.items, number, level + 1, list);
      }
    }
  }

  Table TableOf(const BlockSpec& b) const {
    Table table;
    table.caption = Expand(b.text);
    table.sheet = b.sheet;
    std::vector<const TemplateText*> values;
    for (const ColumnSpec& c : b.columns) {
      table.columns.push_back(
          TableColumn{Expand(c.header), c.width_mm, c.align, c.date, c.choices});
      values.push_back(&c.value);
    }
    table.rows = Repeat(b.rows, values, b.line);
    table.overdue_date_column = b.overdue_date_column;
    table.status_column = b.status_column;
    table.done_value = b.done_value;
    table.optional_column = b.optional_column;
    table.optional_value = b.optional_value;
    return table;
  }

  BarChart ChartOf(const BlockSpec& b) const {
    BarChart chart;
    chart.caption = Expand(b.text);
    for (const auto& row : Repeat(b.rows, {&b.label, &b.value}, b.line)) {
      chart.labels.push_back(row[0]);
      char* end = nullptr;
      double value = std::strtod(row[1].c_str(), &end);
      if (row[1].empty() || *end != '\0') {
        Fail(b.value.line, "значение диаграммы «" + row[1] + "» для «" + row[0] + "» — не число");
      }
      chart.values.push_back(value);
    }
    return chart;
  }

  const Template& tmpl_;
  const nlohmann::json& source_;  // the caller's context, never changed
  // What the strings have named of source_, and data; filled as they render (so mutable).
  mutable nlohmann::json context_ = nlohmann::json::object();
};

}  // namespace

Document RenderTemplate(const Template& tmpl, const nlohmann::json& context) {
  return Renderer(tmpl, context).Run();
}

}  // namespace shnor::output
