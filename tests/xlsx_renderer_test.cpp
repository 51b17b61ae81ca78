// The XLSX renderer: one sheet per table, read back from the zip and its XML parts the way
// Excel would see them (shared strings, styles, validations, rules, print setup, charts).
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output/XlsxRenderer.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor::output;
namespace fs = std::filesystem;

namespace {

using shnor::test::Xlsx;
using shnor::test::Xml;

std::string Bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// --- Documents.

const std::string kToday = "2024-05-10";
const std::string kLongTask =
    "Обеспечить участие педагогических работников в региональном семинаре по вопросам "
    "повышения качества образования и представить отчёт о результатах участия";

Table AssignmentsTable() {
  Table table;
  table.caption = "Сведения о выполнении поручений";
  table.sheet = "Поручения";
  table.columns = {{"№", 10, Align::Center, false, {}},
                   {"Поручение", 80, Align::Justify, false, {}},
                   {"Срок", 30, Align::Center, true, {}},
                   {"Исполнитель", 50, Align::Left, false, {}},
                   {"Статус", 35, Align::Left, false, {"Не начато", "В работе", "Выполнено"}}};
  table.rows = {{"1", kLongTask, "2024-05-01", "Иванова Е.В.", "В работе"},
                {"2", "Сдать отчёт", "2024-06-01", "Петров П.П.", "Выполнено"},
                {"3", "Провести совещание", "по графику", "Сидоров С.С.", "Не начато"},
                {"4", "Согласовать план", "", "Кузнецова А.А.", "Не начато"}};
  table.overdue_date_column = 2;
  table.status_column = 4;
  table.done_value = "Выполнено";
  return table;
}

Table NarrowTable(const std::string& caption, const std::string& sheet = "") {
  Table table;
  table.caption = caption;
  table.sheet = sheet;
  table.columns = {{"Муниципалитет", 60, Align::Left, false, {}},
                   {"Школ", 20, Align::Right, false, {}}};
  table.rows = {{"Тюмень", "12"}, {"Ишим", "3"}};
  return table;
}

Document BaseDocument() {
  Document doc;
  doc.title = "Отчёт о ходе мониторинга";
  doc.author = "Департамент образования";
  doc.subject = "Мониторинг поручений";
  doc.date = "2024-05-08";
  return doc;
}

Document SampleDocument() {
  Document doc = BaseDocument();
  doc.blocks = {
      Title{"Отчёт", Align::Center},
      Paragraph{"Текст только для PDF.", Align::Justify, true, false},
      AssignmentsTable(),
      Spacer{},
      BarChart{"Поручения по статусам", {"Не начато", "В работе", "Выполнено"}, {2, 1, 1}},
      NarrowTable("Школы по муниципалитетам")};
  return doc;
}

fs::path Written(const shnor::test::TempDir& dir, const Document& doc,
                 const std::string& name = "report.xlsx") {
  const fs::path file = dir / name;
  WriteXlsx(doc, file, kToday);
  return file;
}

}  // namespace

TEST_CASE("XLSX has one sheet per table and a hidden lists sheet", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  const auto sheets = xlsx.Sheets();
  REQUIRE(sheets.size() == 3);
  CHECK(sheets[0] == std::pair<std::string, std::string>{"Поручения", ""});
  CHECK(sheets[1] == std::pair<std::string, std::string>{"Школы по муниципалитетам", ""});
  CHECK(sheets[2] == std::pair<std::string, std::string>{"Списки", "hidden"});
}

TEST_CASE("XLSX sheet names are cleaned cut and unique", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = BaseDocument();
  doc.blocks = {NarrowTable("Итоги: 2024/2025 [черновик]"),
                NarrowTable("Другое", "итоги_ 2024_2025 _черновик_"),
                NarrowTable("Сведения о результатах мониторинга образовательных организаций"),
                NarrowTable(""),
                NarrowTable("'Кавычки'"),
                NarrowTable("Списки")};
  const auto names = Xlsx(Written(dir, doc)).SheetNames();
  REQUIRE(names.size() == 6);
  CHECK(names[0] == "Итоги_ 2024_2025 _черновик_");
  CHECK(names[1] == "итоги_ 2024_2025 _черновик_ (2)");
  CHECK(names[2] == "Сведения о результатах монитори");  // 31 characters
  CHECK(names[3] == "Таблица 4");
  CHECK(names[4] == "Кавычки");
  CHECK(names[5] == "Списки");  // no drop-downs, so the name is free
}

TEST_CASE("XLSX cells hold the Cyrillic texts under a merged title", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  CHECK(xlsx.CellText(*sheet, "A1") == "Сведения о выполнении поручений");
  CHECK(sheet->select_node("//mergeCells/mergeCell[@ref='A1:E1']"));
  CHECK(xlsx.CellText(*sheet, "B2") == "Поручение");
  CHECK(xlsx.CellText(*sheet, "E2") == "Статус");
  CHECK(xlsx.CellText(*sheet, "B3") == kLongTask);
  CHECK(xlsx.CellText(*sheet, "D4") == "Петров\u00A0П.П.");  // the initials kept with him
  // A column of whole numbers is written as numbers; codes and texts stay text.
  CHECK(std::string(xlsx.Cell(*sheet, "A3").attribute("t").value()).empty());
  CHECK(xlsx.Cell(*sheet, "A3").child("v").text().as_int() == 1);
}

TEST_CASE("XLSX date columns hold real dates with a dd.mm.yyyy style", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  pugi::xml_node date = xlsx.Cell(*sheet, "C3");
  CHECK(std::string(date.attribute("t").value()).empty());  // a number, not a string
  CHECK(date.child("v").text().as_double() == 45413);       // 2024-05-01
  CHECK(xlsx.FormatCode(date) == "dd.mm.yyyy");
  CHECK(xlsx.CellText(*sheet, "C5") == "по графику");  // not a date: text
  pugi::xml_node empty = xlsx.Cell(*sheet, "C6");
  CHECK(empty);  // blank, but bordered
  CHECK(!empty.child("v"));
}

TEST_CASE("XLSX freezes the panes under the header and filters the table", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  pugi::xml_node pane = sheet->select_node("//sheetView/pane").node();
  CHECK(std::string(pane.attribute("ySplit").value()) == "2");
  CHECK(std::string(pane.attribute("topLeftCell").value()) == "A3");
  CHECK(std::string(pane.attribute("state").value()) == "frozen");
  CHECK(std::string(sheet->child("worksheet").child("autoFilter").attribute("ref").value()) ==
        "A2:E6");
}

TEST_CASE("XLSX drop-downs read their values from the hidden lists sheet", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  pugi::xml_node validation = sheet->select_node("//dataValidations/dataValidation").node();
  CHECK(std::string(validation.attribute("type").value()) == "list");
  CHECK(std::string(validation.attribute("sqref").value()) == "E3:E6");
  CHECK(std::string(validation.child("formula1").text().get()) == "'Списки'!$A$1:$A$3");
  Xml lists = xlsx.Sheet("Списки");
  CHECK(xlsx.CellText(*lists, "A1") == "Не начато");
  CHECK(xlsx.CellText(*lists, "A3") == "Выполнено");
}

TEST_CASE("XLSX long choice lists go through the hidden sheet without aborting", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = BaseDocument();
  Table table = NarrowTable("Статусы");
  for (int i = 1; i <= 20; ++i) {
    table.columns[0].choices.push_back("Статус согласования номер " + std::to_string(i));
  }
  std::size_t bytes = 0;
  for (const auto& choice : table.columns[0].choices) bytes += choice.size() + 1;
  REQUIRE(bytes > 255);
  doc.blocks = {table};
  Xlsx xlsx(Written(dir, doc));
  Xml sheet = xlsx.Sheet("Статусы");
  CHECK(std::string(sheet->select_node("//dataValidation/formula1").node().text().get()) ==
        "'Списки'!$A$1:$A$20");
  CHECK(xlsx.CellText(*xlsx.Sheet("Списки"), "A20") == "Статус согласования номер 20");
}

TEST_CASE("XLSX highlights overdue rows against the report date", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  pugi::xml_node rules = sheet->select_node("//conditionalFormatting").node();
  CHECK(std::string(rules.attribute("sqref").value()) == "A3:E6");
  pugi::xml_node rule = rules.child("cfRule");
  CHECK(std::string(rule.attribute("type").value()) == "expression");
  CHECK(std::string(rule.child("formula").text().get()) ==
        "AND($C3<>\"\",$C3<$H$1,$E3<>\"Выполнено\")");
  CHECK(xlsx.Cell(*sheet, "H1").child("v").text().as_double() == 45422);  // 2024-05-10
  CHECK(xlsx.Text("xl/styles.xml").find("FFFFC7CE") != std::string::npos);
  CHECK(!xlsx.Sheet("Школы по муниципалитетам")->select_node("//conditionalFormatting"));
}

TEST_CASE("XLSX print setup is A4 one page wide with repeated header rows", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  // Hold each parsed sheet: a node outlives nothing but its document.
  Xml wide_sheet = xlsx.Sheet("Поручения");
  pugi::xml_node wide = wide_sheet->select_node("//pageSetup").node();
  CHECK(std::string(wide.attribute("paperSize").value()) == "9");
  CHECK(std::string(wide.attribute("orientation").value()) == "landscape");  // 205 mm
  CHECK(std::string(wide.attribute("fitToHeight").value()) == "0");
  Xml narrow_sheet = xlsx.Sheet("Школы по муниципалитетам");
  pugi::xml_node narrow = narrow_sheet->select_node("//pageSetup").node();
  CHECK(std::string(narrow.attribute("orientation").value()) != "landscape");  // 80 mm
  CHECK(std::string(narrow.attribute("paperSize").value()) == "9");
  Xml book = xlsx.Parse("xl/workbook.xml");
  CHECK(
      std::string(book->select_node("//definedName[@name='_xlnm.Print_Titles'][@localSheetId='0']")
                      .node()
                      .text()
                      .get()) == "'Поручения'!$1:$2");
  CHECK(book->select_node("//definedName[@name='_xlnm.Print_Area']"));
}

TEST_CASE("XLSX row heights fit the wrapped text", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml sheet = xlsx.Sheet("Поручения");
  auto height = [&](const char* row) {
    pugi::xml_node node =
        sheet->select_node((std::string("//row[@r='") + row + "']").c_str()).node();
    CHECK(std::string(node.attribute("customHeight").value()) == "1");
    return node.attribute("ht").as_double();
  };
  CHECK(height("1") >= 18);
  CHECK(height("3") >= 3 * 15.75);  // 150 characters in a 36-character column
  CHECK(height("4") == Approx(15.75));
}

TEST_CASE("XLSX cells use Times New Roman 12 and a bold 14 title", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  Xml styles = xlsx.Parse("xl/styles.xml");
  CHECK(styles->select_node("//fonts/font[name/@val='Times New Roman'][sz/@val='12']"));
  CHECK(styles->select_node("//fonts/font[name/@val='Times New Roman'][sz/@val='14'][b]"));
}

TEST_CASE("XLSX bar chart after a table becomes a native bar chart", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = SampleDocument();
  doc.blocks.insert(doc.blocks.begin(), BarChart{"До таблиц", {"а"}, {1}});  // no sheet: skipped
  Xlsx xlsx(Written(dir, doc));
  REQUIRE(xlsx.Has("xl/charts/chart1.xml"));
  CHECK(!xlsx.Has("xl/charts/chart2.xml"));
  const std::string chart = xlsx.Text("xl/charts/chart1.xml");
  CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
  CHECK(chart.find("Поручения по статусам") != std::string::npos);
  CHECK(chart.find("'Поручения'!$G$3:$G$5") != std::string::npos);
  CHECK(chart.find("'Поручения'!$H$3:$H$5") != std::string::npos);
  CHECK(xlsx.Has("xl/drawings/drawing1.xml"));
  Xml sheet = xlsx.Sheet("Поручения");
  CHECK(sheet->select_node("//drawing"));
  CHECK(xlsx.CellText(*sheet, "G4") == "В работе");
  CHECK(xlsx.Cell(*sheet, "H3").child("v").text().as_double() == 2);
}

TEST_CASE("XLSX document properties come from the document", "[xlsx]") {
  shnor::test::TempDir dir;
  Xlsx xlsx(Written(dir, SampleDocument()));
  const std::string core = xlsx.Text("docProps/core.xml");
  CHECK(core.find("<dc:title>Отчёт о ходе мониторинга</dc:title>") != std::string::npos);
  CHECK(core.find("<dc:creator>Департамент образования</dc:creator>") != std::string::npos);
  CHECK(core.find("<dc:subject>Мониторинг поручений</dc:subject>") != std::string::npos);
  CHECK(core.find("2024-05-08T00:00:00Z</dcterms:created>") != std::string::npos);
}

TEST_CASE("XLSX written twice has identical bytes", "[xlsx]") {
  shnor::test::TempDir dir;
  const fs::path first = Written(dir, SampleDocument(), "first.xlsx");
  const fs::path second = Written(dir, SampleDocument(), "second.xlsx");
  CHECK(Bytes(first) == Bytes(second));
  CHECK(Bytes(first).size() > 1000);
}

TEST_CASE("XLSX handles an empty one-column table", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = BaseDocument();
  Table table;
  table.caption = "Пустая";
  table.columns = {{"Школа", 60, Align::Left, false, {"Да", "Нет"}}};
  doc.blocks = {table};
  Xlsx xlsx(Written(dir, doc));
  Xml sheet = xlsx.Sheet("Пустая");
  CHECK(xlsx.CellText(*sheet, "A1") == "Пустая");
  CHECK(!sheet->select_node("//mergeCell"));
  CHECK(std::string(sheet->child("worksheet").child("autoFilter").attribute("ref").value()) ==
        "A2:A3");
}

TEST_CASE("XLSX refuses a missing directory naming the path", "[xlsx]") {
  shnor::test::TempDir dir;
  const fs::path file = dir / "нет-такого" / "report.xlsx";
  try {
    WriteXlsx(SampleDocument(), file, kToday);
    FAIL("no error");
  } catch (const XlsxError& error) {
    CHECK_THAT(error.what(), Catch::Contains(file.string()));
  }
  CHECK(!fs::exists(file));
}

TEST_CASE("XLSX refuses a path it cannot write naming the path", "[xlsx]") {
  shnor::test::TempDir dir;
  const fs::path file = dir / "report.xlsx";
  fs::create_directory(file);  // a directory where the file should go
  try {
    WriteXlsx(SampleDocument(), file, kToday);
    FAIL("no error");
  } catch (const XlsxError& error) {
    CHECK_THAT(error.what(), Catch::Contains(file.string()));
    CHECK_THAT(error.what(), Catch::Contains("Не удалось записать"));
  }
}

TEST_CASE("XLSX refuses a row with the wrong cell count naming table and row", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = SampleDocument();
  std::get<Table>(doc.blocks[2]).rows[1].pop_back();
  const fs::path file = dir / "report.xlsx";
  try {
    WriteXlsx(doc, file, kToday);
    FAIL("no error");
  } catch (const XlsxError& error) {
    CHECK_THAT(error.what(), Catch::Contains("«Сведения о выполнении поручений»"));
    CHECK_THAT(error.what(), Catch::Contains("строка 2"));
  }
  CHECK(!fs::exists(file));
}

TEST_CASE("XLSX refuses a bad report date and a document without tables", "[xlsx]") {
  shnor::test::TempDir dir;
  CHECK_THROWS_AS(WriteXlsx(SampleDocument(), dir / "a.xlsx", "10.05.2024"), XlsxError);
  Document doc = BaseDocument();
  doc.blocks = {Paragraph{"Только текст", Align::Justify, true, false}};
  CHECK_THROWS_WITH(WriteXlsx(doc, dir / "b.xlsx", kToday), Catch::Contains("нет таблиц"));
  CHECK(!fs::exists(dir / "b.xlsx"));
}

TEST_CASE("XLSX keeps the lists sheet name for itself", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = BaseDocument();
  Table table = NarrowTable("Списки");
  table.columns[1].choices = {"Да", "Нет"};
  doc.blocks = {table};
  Xlsx xlsx(Written(dir, doc));
  const auto sheets = xlsx.Sheets();
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0] == std::pair<std::string, std::string>{"Списки (2)", ""});
  CHECK(sheets[1] == std::pair<std::string, std::string>{"Списки", "hidden"});
}

TEST_CASE("XLSX refuses a cell text longer than Excel allows naming the cell", "[xlsx]") {
  shnor::test::TempDir dir;
  Document doc = BaseDocument();
  Table table = NarrowTable("Школы");
  table.rows[1][0] = std::string(40000, 'x');
  doc.blocks = {table};
  const fs::path file = dir / "report.xlsx";
  CHECK_THROWS_WITH(WriteXlsx(doc, file, kToday),
                    Catch::Contains(file.string()) && Catch::Contains("ячейка A4"));
  CHECK(!fs::exists(file));
}
