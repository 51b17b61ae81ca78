// The DOCX of the shipped templates, rendered against the sample contexts of tests/data/contexts
// and read back by readers that are not ours: python-docx (text, style names, table header and
// cantSplit flags, the section's headers), LibreOffice (converted to PDF, its words and page count
// against our own PDF of the same document), libzip (the container's integrity) and pugixml (the
// settings and styles a clerk's Word reads).
#include <catch2/catch.hpp>

#include <zip.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "output/DocxRenderer.h"
#include "output/PdfRenderer.h"
#include "output/RussianText.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/Typography.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor::output;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using shnor::test::Quote;
using shnor::test::Run;
using shnor::test::ToolResult;

struct Sample {
  std::string id;       // the template
  std::string context;  // tests/data/contexts/<context>.json
};

// Every template with a PDF, with a context that renders it.
const std::vector<Sample> kSamples = {
    {"regional-order", "campaign"},
    {"interview-schedule", "campaign"},
    {"road-map", "school"},
    {"interview-protocol", "school"},
    {"stage-notice", "school"},
    {"return-notice", "report-school"},
    {"final-report", "report-campaign"},
};

// The schedule's slots, which no sample context has: every school of the campaign, four an hour.
void AddSlots(json& context) {
  json slots = json::array();
  int n = 0;
  for (const json& school : context["schools"]) {
    const int day = 5 + n / 16;
    const std::string time = std::to_string(10 + n % 16 / 2) + (n % 2 ? ":30" : ":00");
    slots.push_back(
        {{"municipality", school["municipality"]},
         {"school", school["name"]},
         {"date_iso", "2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day)},
         {"time", time},
         {"curator", school["curator"]}});
    ++n;
  }
  context["slots"] = slots;
}

Document Rendered(const Sample& sample) {
  json context = json::parse(shnor::test::ReadText(
      shnor::test::SourceDir() / "tests/data/contexts" / (sample.context + ".json")));
  if (sample.id == "interview-schedule") AddSlots(context);
  return RenderTemplate(
      LoadTemplate(shnor::test::SourceDir() / "templates" / (sample.id + ".yaml")), context);
}

const Document& RegionalOrder() {
  static const Document doc = Rendered(kSamples.front());
  return doc;
}

bool HasChart(const Document& doc) {
  return std::any_of(doc.blocks.begin(), doc.blocks.end(),
                     [](const Block& b) { return std::holds_alternative<BarChart>(b); });
}

fs::path Helper() {
  return shnor::test::SourceDir() / "tests/docx_check.py";
}

// Words split at any whitespace, the no-break space included.
std::vector<std::string> Words(std::string text) {
  for (std::size_t at; (at = text.find("\u00a0")) != std::string::npos;) text.replace(at, 2, " ");
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string ValueText(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

// What a reader of the document must find, in order: every string of every block.
struct ModelText {
  std::string out;
  void Add(const std::string& text) { out += text + "\n"; }
  void operator()(const Letterhead& h) {
    if (!h.blank) {
      for (const std::string& line : h.authority) Add(line);
      for (const std::string& line : h.requisites) Add(line);
    }
    Add(h.kind);
    Add(h.date);
    if (!h.number.empty()) Add("№ " + h.number);
    Add(h.reference);
    Add(h.place);
  }
  void operator()(const Addressee& a) {
    for (const std::string& line : a.lines) Add(line);
  }
  void operator()(const ExecutorMark& m) {
    for (const std::string& line : m.lines) Add(line);
  }
  void operator()(const Title& t) { Add(t.text); }
  void operator()(const Paragraph& p) { Add(p.text); }
  void operator()(const NumberedList& list) {
    for (const ListItem& item : list.items) Add(item.number + " " + item.text);
  }
  void operator()(const Table& t) {
    Add(t.caption);
    for (const TableColumn& column : t.columns) Add(column.header);
    for (const std::vector<std::string>& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto date = t.columns[c].date ? NumericDate(row[c]) : std::nullopt;
        Add(date ? *date : row[c]);
      }
    }
  }
  void operator()(const Signature& s) { Add(s.position + " " + s.name); }
  void operator()(const ApprovalStamp& s) {
    for (const std::string& line : s.agreed) Add(line);
    for (const std::string& line : s.lines) Add(line);
  }
  void operator()(const AppendixHeading& s) {
    for (const std::string& line : s.lines) Add(line);
  }
  void operator()(const PageBreak&) {}
  void operator()(const Spacer&) {}
  void operator()(const BarChart& chart) {
    Add(chart.caption + " Показатель Значение");
    for (std::size_t i = 0; i < chart.labels.size(); ++i) {
      Add(chart.labels[i] + " " + ValueText(chart.values.at(i)));
    }
  }
};

// The model's words as both renderers draw them: typeset.
std::vector<std::string> ExpectedWords(const Document& doc) {
  Document typeset = doc;
  TypesetDocument(typeset);
  ModelText text;
  for (const Block& block : typeset.blocks) std::visit(text, block);
  return Words(text.out);
}

// The body's text as python-docx read it: paragraphs and table cells in order.
std::vector<std::string> ReadWords(const json& read) {
  std::string text;
  for (const json& block : read["blocks"]) {
    if (block.contains("p")) text += block["p"].get<std::string>() + "\n";
    if (!block.contains("table")) continue;
    for (const json& row : block["table"]) {
      for (const json& cell : row) text += cell.get<std::string>() + "\n";
    }
  }
  return Words(text);
}

// The first place where two word lists part, for the failure message.
std::string FirstDifference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size() && i == b.size()) return "";
  auto tail = [i](const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t k = i; k < std::min(words.size(), i + 8); ++k) out += words[k] + " ";
    return out;
  };
  return "word " + std::to_string(i) + ": model «" + tail(a) + "», DOCX «" + tail(b) + "»";
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() == '{') lines.push_back(json::parse(line));
  }
  return lines;
}

const std::set<std::string> kOurStyles = {"Текст документа",        "Заголовок документа",
                                          "Реквизиты бланка",       "Справочные данные",
                                          "Дата и номер документа", "Место издания",
                                          "Гриф утверждения",       "Пункт документа",
                                          "Название таблицы",       "Текст таблицы",
                                          "Заголовок таблицы",      "Подпись",
                                          "Отметка об исполнителе", "Адресат",
                                          "Номер страницы",         "Ссылка на документ"};

void CheckTables(const json& read, const std::string& id) {
  for (const json& block : read["blocks"]) {
    if (!block.contains("table") || block["style"] == "Таблица без границ") continue;
    INFO(id << ": table starting «" << block["table"][0][0].get<std::string>() << "»");
    CHECK(block["style"] == "Таблица документа");
    const std::vector<bool> header = block["header"];
    REQUIRE(!header.empty());
    CHECK(header.front());
    CHECK(std::count(header.begin(), header.end(), true) == 1);
    const std::vector<bool> whole = block["cant_split"];
    CHECK(std::count(whole.begin(), whole.end(), false) == 0);
    for (const std::string style : block["cell_styles"]) {
      CHECK((style == "Текст таблицы" || style == "Заголовок таблицы"));
    }
  }
}

std::set<std::string> StylesUsed(const json& read) {
  std::set<std::string> used;
  for (const json& block : read["blocks"]) {
    if (block.contains("p")) used.insert(block["style"].get<std::string>());
  }
  return used;
}

std::map<std::string, std::string> Parts(const fs::path& file) {
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(zip);
  std::map<std::string, std::string> parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(zip, i, 0, &stat) == 0);
    zip_file_t* entry = zip_fopen_index(zip, i, 0);
    REQUIRE(entry);
    std::string bytes(stat.size, '\0');
    // Reading to the end checks the entry's CRC.
    CHECK(zip_fread(entry, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(stat.size));
    CHECK(zip_fclose(entry) == 0);
    parts[stat.name] = bytes;
  }
  zip_close(zip);
  return parts;
}

pugi::xml_document ParsePart(const std::string& bytes) {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(bytes.c_str()));
  return doc;
}

}  // namespace

TEST_CASE("DOCX of every sample document reads back in python-docx as its model", "[docx]") {
  shnor::test::TempDir dir;
  std::string files;
  std::vector<Document> docs;
  for (const Sample& sample : kSamples) {
    docs.push_back(Rendered(sample));
    shnor::test::WriteText(dir / (sample.id + ".docx"), RenderDocx(docs.back()));
    files += " " + Quote(dir / (sample.id + ".docx"));
  }
  const ToolResult read = Run("/usr/bin/python3 " + Quote(Helper()) + " read" + files, dir.path());
  REQUIRE(read.exit_code == 0);
  const std::vector<json> lines = JsonLines(read.out);
  REQUIRE(lines.size() == kSamples.size());
  for (std::size_t i = 0; i < kSamples.size(); ++i) {
    INFO(kSamples[i].id);
    const json& line = lines[i];
    const std::vector<std::string> expected = ExpectedWords(docs[i]);
    const std::vector<std::string> words = ReadWords(line);
    CHECK(FirstDifference(expected, words) == "");
    for (const std::string& style : StylesUsed(line)) CHECK(kOurStyles.count(style) == 1);
    CheckTables(line, kSamples[i].id);
    CHECK(line["language"] == "ru-RU");
    CHECK(line["different_first_page"] == true);
    CHECK(line["first_header_text"] == "");
    CHECK(line["header_text"] == "2");  // the PAGE field's cached result
    CHECK(line["page_width_mm"] == 210);
    CHECK(line["left_margin_mm"] == 30);
    CHECK(line["title"] == docs[i].title);
  }
  const std::set<std::string> order_styles = StylesUsed(lines.front());
  for (const char* style :
       {"Реквизиты бланка", "Дата и номер документа", "Заголовок документа", "Текст документа",
        "Пункт документа", "Подпись", "Гриф утверждения", "Название таблицы"}) {
    CHECK(order_styles.count(style) == 1);
  }
}

TEST_CASE("DOCX converted by LibreOffice has the words and the page count of our PDF",
          "[docx][libreoffice]") {
  shnor::test::TempDir dir;
  std::string files;
  for (const Sample& sample : kSamples) {
    const Document doc = Rendered(sample);
    shnor::test::WriteText(dir / (sample.id + ".docx"), RenderDocx(doc));
    shnor::test::WriteText(dir / (sample.id + ".pdf"), RenderPdf(doc));
    files += " " + Quote(dir / (sample.id + ".docx"));
  }
  fs::create_directory(dir / "lo");
  // One soffice for every file: it takes seconds to start.
  const ToolResult converted =
      Run("soffice --headless -env:UserInstallation=file://" + (dir / "profile").string() +
              " --convert-to pdf --outdir " + Quote(dir / "lo") + files,
          dir.path());
  REQUIRE(converted.exit_code == 0);
  for (const Sample& sample : kSamples) {
    const fs::path other = dir / "lo" / (sample.id + ".pdf");
    INFO(sample.id << ": " << converted.out);
    REQUIRE(fs::exists(other));
    const ToolResult compared = Run("/usr/bin/python3 " + Quote(Helper()) + " compare " +
                                        Quote(dir / (sample.id + ".pdf")) + " " + Quote(other),
                                    dir.path());
    REQUIRE(compared.exit_code == 0);
    const json figures = JsonLines(compared.out).at(0);
    INFO(figures.dump());
    WARN(sample.id << ": pages ours " << figures["ours_pages"] << ", LibreOffice "
                   << figures["other_pages"] << "; words in order "
                   << figures["in_order"].get<double>());
    // The same letters: nothing lost or added. Words may part where one layout cut a word in a
    // narrow cell and the other hyphenated it, and table cells may be read in another order.
    // A chart is drawn in our PDF and a table of its values in the DOCX: its letters differ.
    if (!HasChart(Rendered(sample))) CHECK(figures["same_letters"] == true);
    CHECK(figures["in_order"].get<double>() >= 0.9);
    // Both break lines by their own rules (LibreOffice hyphenates): a page more or less.
    CHECK(std::abs(figures["ours_pages"].get<int>() - figures["other_pages"].get<int>()) <= 1);
  }
}

TEST_CASE("the same document gives the same DOCX bytes and another date other bytes", "[docx]") {
  const std::string once = RenderDocx(RegionalOrder());
  CHECK(RenderDocx(RegionalOrder()) == once);
  Document later = RegionalOrder();
  later.date = "2024-02-01";
  const std::string other = RenderDocx(later);
  CHECK(other != once);
}

TEST_CASE("DOCX reopens in libzip with every part whole and in a fixed order", "[docx]") {
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "order.docx", RenderDocx(RegionalOrder()));
  const std::map<std::string, std::string> parts = Parts(dir / "order.docx");
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
        "word/header1.xml", "word/header2.xml"}) {
    INFO(name);
    REQUIRE(parts.count(name) == 1);
    ParsePart(parts.at(name));
  }
  int error = 0;
  zip_t* zip = zip_open((dir / "order.docx").c_str(), ZIP_RDONLY, &error);
  REQUIRE(zip);
  CHECK(std::string(zip_get_name(zip, 0, 0)) == "[Content_Types].xml");
  zip_close(zip);
  CHECK(parts.at("docProps/app.xml").find("<Application>shnor</Application>") != std::string::npos);
  CHECK(parts.at("docProps/core.xml").find("2024-01-23T00:00:00Z") != std::string::npos);
}

TEST_CASE("DOCX turns Russian hyphenation on and numbers pages from page 2", "[docx]") {
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "order.docx", RenderDocx(RegionalOrder()));
  const std::map<std::string, std::string> parts = Parts(dir / "order.docx");
  const pugi::xml_document settings = ParsePart(parts.at("word/settings.xml"));
  CHECK(settings.select_node("//w:autoHyphenation[@w:val='true']"));
  const pugi::xml_document styles = ParsePart(parts.at("word/styles.xml"));
  CHECK(styles.select_node("//w:docDefaults//w:lang[@w:val='ru-RU']"));
  CHECK(styles.select_node("//w:docDefaults//w:rFonts[@w:ascii='Times New Roman']"));
  CHECK(styles.select_node("//w:docDefaults//w:sz[@w:val='28']"));
  // The signature's name stands at a right tab on the text's edge: A4 less the margins.
  CHECK(styles.select_node(
      "//w:style[@w:styleId='ShnorSignature']//w:tab[@w:val='right'][@w:pos='9355']"));
  CHECK(styles.select_node("//w:style[@w:styleId='ShnorBody']//w:ind[@w:firstLine='709']"));
  const pugi::xml_document header = ParsePart(parts.at("word/header2.xml"));
  CHECK(std::string(header.select_node("//w:instrText").node().text().get()) == " PAGE ");
  const pugi::xml_document body = ParsePart(parts.at("word/document.xml"));
  CHECK(body.select_node("//w:sectPr/w:titlePg"));
  CHECK(body.select_node("//w:sectPr/w:headerReference[@w:type='first']"));
  // The appendices start on pages of their own, as in the PDF.
  CHECK(body.select_nodes("//w:pageBreakBefore").size() >= 4);
}

TEST_CASE("a DOCX of a malformed document is refused in Russian", "[docx]") {
  Document doc;
  Table table;
  table.caption = "Список";
  table.columns.resize(2);
  table.rows = {{"одна ячейка"}};
  doc.blocks.push_back(table);
  CHECK_THROWS_WITH(RenderDocx(doc), Catch::Contains("строка 1 из 1 ячеек, а столбцов 2"));
  Document dated;
  dated.date = "23.01.2024";
  CHECK_THROWS_WITH(RenderDocx(dated), Catch::Contains("не в виде ГГГГ-ММ-ДД"));
  Document broken;
  broken.blocks.push_back(Paragraph{"\xff\xfe"});
  CHECK_THROWS_AS(RenderDocx(broken), DocxError);
  Document control;
  control.blocks.push_back(Paragraph{std::string("звонок\x07")});
  CHECK(RenderDocx(control).size() > 1000);  // the control character is left out
}

TEST_CASE("a DOCX of profile 2025 carries its QR code at the bottom right of page 1", "[docx]") {
  Document doc = RegionalOrder();
  doc.profile = Profile::Gost2025;
  doc.qr_text = "https://shnor.example.ru/d/83-OD?date=2024-01-23";
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "order.docx", RenderDocx(doc));
  const std::map<std::string, std::string> parts = Parts(dir / "order.docx");
  REQUIRE(parts.count("word/media/qr.png") == 1);
  const std::string& png = parts.at("word/media/qr.png");
  CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  const pugi::xml_document body = ParsePart(parts.at("word/document.xml"));
  const pugi::xpath_node anchor = body.select_node("//wp:anchor");
  REQUIRE(anchor);
  CHECK(std::string(anchor.node().select_node(".//wp:positionH/wp:align").node().text().get()) ==
        "right");
  CHECK(std::string(anchor.node().select_node(".//wp:positionV/wp:align").node().text().get()) ==
        "bottom");
  CHECK(std::string(anchor.node().child("wp:extent").attribute("cx").value()) == "900000");
  CHECK(parts.at("word/_rels/document.xml.rels").find("media/qr.png") != std::string::npos);
  CHECK(parts.at("[Content_Types].xml").find("image/png") != std::string::npos);
  // Its one IDAT inflates (zlib, as any PNG reader does) to the rows the header announces.
  shnor::test::WriteText(dir / "qr.png", png);
  const ToolResult inflated =
      Run("/usr/bin/python3 -c \"import sys, zlib, struct; d = open(sys.argv[1], 'rb').read(); "
          "w = struct.unpack('>I', d[16:20])[0]; n = struct.unpack('>I', d[33:37])[0]; "
          "print(len(zlib.decompress(d[41:41 + n])) == w * ((w + 7) // 8 + 1))\" " +
              Quote(dir / "qr.png"),
          dir.path());
  CHECK(inflated.out.find("True") != std::string::npos);
  Document missing = RegionalOrder();
  missing.profile = Profile::Gost2025;
  CHECK_THROWS_WITH(RenderDocx(missing), Catch::Contains("qr_text"));
}

TEST_CASE("a letter's DOCX has the addressee, the requisites, both stamps and the executor mark",
          "[docx]") {
  Document doc;
  doc.date = "2024-03-01";
  Letterhead head;
  head.authority = {"Департамент образования и науки Тюменской области"};
  head.requisites = {"ул. Володарского, д. 49, г. Тюмень, 625000", "тел. +7 (3452) 00-00-00"};
  head.kind = "УВЕДОМЛЕНИЕ";
  head.date = "01.03.2024";
  head.number = "1-УП";
  head.reference = "К приказу от 23.01.2024 № 83/ОД";
  doc.blocks.push_back(head);
  doc.blocks.push_back(Addressee{{"Директору", "МАОУ СОШ № 1"}});
  ApprovalStamp stamp;
  stamp.agreed = {"СОГЛАСОВАНО", "Муниципальный координатор"};
  stamp.lines = {"УТВЕРЖДАЮ", "Директор школы"};
  doc.blocks.push_back(stamp);
  doc.blocks.push_back(Paragraph{"Сообщаем о переходе на этап II."});
  doc.blocks.push_back(Signature{"Куратор проекта", "А.С. Берестова"});
  doc.blocks.push_back(ExecutorMark{{"Петрова Ольга Ивановна", "+7 (3452) 00-00-01"}});
  Document blank = doc;
  std::get<Letterhead>(blank.blocks[0]).blank = true;
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "letter.docx", RenderDocx(doc));
  shnor::test::WriteText(dir / "blank.docx", RenderDocx(blank));
  const ToolResult read = Run("/usr/bin/python3 " + Quote(Helper()) + " read " +
                                  Quote(dir / "letter.docx") + " " + Quote(dir / "blank.docx"),
                              dir.path());
  REQUIRE(read.exit_code == 0);
  const std::vector<json> lines = JsonLines(read.out);
  REQUIRE(lines.size() == 2);
  CHECK(FirstDifference(ExpectedWords(doc), ReadWords(lines[0])) == "");
  CHECK(FirstDifference(ExpectedWords(blank), ReadWords(lines[1])) == "");
  std::map<std::string, std::string> style_of;
  json side_by_side;
  for (const json& block : lines[0]["blocks"]) {
    if (block.contains("p")) style_of[block["p"].get<std::string>()] = block["style"];
    if (block.contains("table")) side_by_side = block;
  }
  CHECK(style_of[Typeset("ул. Володарского, д. 49, г. Тюмень, 625000")] == "Справочные данные");
  CHECK(style_of[Typeset("К приказу от 23.01.2024 № 83/ОД")] == "Ссылка на документ");
  CHECK(style_of["Директору"] == "Адресат");
  CHECK(style_of["Петрова Ольга Ивановна"] == "Отметка об исполнителе");
  CHECK(lines[0]["blocks"].back()["p"] == "+7 (3452) 00-00-01");  // the executor comes last
  REQUIRE(side_by_side.contains("table"));
  CHECK(side_by_side["style"] == "Таблица без границ");
  const json& cells = side_by_side["table"][0];
  REQUIRE(cells.size() == 2);
  CHECK(cells[0] == "СОГЛАСОВАНО\nМуниципальный координатор");
  CHECK(cells[1] == "УТВЕРЖДАЮ\nДиректор школы");
  // A бланк keeps the authority's and requisites' lines, empty.
  CHECK(lines[1]["blocks"][0]["p"] == "");
  CHECK(lines[1]["blocks"][0]["style"] == "Реквизиты бланка");
  CHECK(lines[1]["blocks"][2]["style"] == "Справочные данные");
  CHECK(lines[1]["blocks"][3]["p"] == "УВЕДОМЛЕНИЕ");
}

TEST_CASE("a DOCX list item has its number at the 1.25 cm indent and its lines at the margin",
          "[docx]") {
  Document doc;
  doc.date = "2024-03-01";
  const std::string long_text(40, 'x');
  NumberedList list;
  list.items = {{"1.", "Утвердить состав рабочей группы проекта " + long_text, 1},
                {"1.1.", "Назначить руководителем рабочей группы " + long_text, 2},
                {"2.", "Контроль исполнения приказа оставляю за собой.", 1}};
  doc.blocks.push_back(list);
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "list.docx", RenderDocx(doc));
  const ToolResult read =
      Run("/usr/bin/python3 " + Quote(Helper()) + " read " + Quote(dir / "list.docx"), dir.path());
  REQUIRE(read.exit_code == 0);
  const std::vector<json> lines = JsonLines(read.out);
  REQUIRE(lines.size() == 1);
  std::vector<json> items;
  for (const json& block : lines[0]["blocks"]) {
    if (block.contains("p") && block["style"] == "Пункт документа") items.push_back(block);
  }
  REQUIRE(items.size() == 3);
  for (std::size_t i = 0; i < items.size(); ++i) {
    INFO(items[i].dump());
    CHECK(items[i]["first_line"] == 709);  // 1.25 cm, the paragraph indent
    CHECK(items[i]["left"] == 0);          // further lines at the left margin, sub-items too
    CHECK(items[i]["p"].get<std::string>().rfind(list.items[i].number + " ", 0) == 0);
  }
  // No hanging indent left in the style either.
  const pugi::xml_document styles = ParsePart(Parts(dir / "list.docx").at("word/styles.xml"));
  const pugi::xpath_node ind =
      styles.select_node("//w:style[@w:styleId='ShnorListItem']/w:pPr/w:ind");
  REQUIRE(ind);
  CHECK(ind.node().attribute("w:firstLine").as_int() == 709);
  CHECK(!ind.node().attribute("w:hanging"));
  CHECK(ind.node().attribute("w:left").as_int() == 0);
}

TEST_CASE("a DOCX is typeset as the PDF: «ёлочки» for straight quotes, initials tied", "[docx]") {
  Document doc;
  doc.date = "2024-03-01";
  doc.blocks.push_back(Paragraph{"Школа \"Родник\" переходит на этап II."});
  doc.blocks.push_back(Signature{"Куратор проекта", "А.С. Берестова"});
  shnor::test::TempDir dir;
  shnor::test::WriteText(dir / "typeset.docx", RenderDocx(doc));
  const std::string xml = Parts(dir / "typeset.docx").at("word/document.xml");
  CHECK(xml.find("Школа «Родник» переходит") != std::string::npos);
  CHECK(xml.find("\"Родник\"") == std::string::npos);
  CHECK(xml.find("А.С.\u00A0Берестова") != std::string::npos);
  // The PDF's strings exactly.
  CHECK(xml.find(Typeset("Школа \"Родник\" переходит на этап II.")) != std::string::npos);
}
