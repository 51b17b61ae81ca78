// The XLSX renderer's page and paper side, read back from the workbook's parts: who made it, the
// margins and page numbers, stamps above a plan, its section rows, the page breaks that keep a
// section with its first item, the chart over the table's own cells and the overdue rule's date.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <set>
#include <string>
#include <vector>

#include "output/XlsxRenderer.h"
#include "output/XlsxText.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor::output;
namespace fs = std::filesystem;
using shnor::test::Xlsx;
using shnor::test::Xml;

namespace {

const std::string kToday = "2024-05-10";

Document Base() {
  Document doc;
  doc.title = "Сводка";
  doc.author = "Департамент образования и науки Тюменской области";
  doc.subject = "Мониторинг";
  doc.date = "2024-05-08";
  return doc;
}

Table Summary() {
  Table table;
  table.caption = "Сводка по муниципальным образованиям";
  table.sheet = "Сводка";
  table.columns = {{"Муниципальное образование", 60, Align::Left, false, {}},
                   {"Школ", 20, Align::Right, false, {}},
                   {"% выполнения", 24, Align::Right, false, {}}};
  table.rows = {{"Абатский муниципальный район", "3", "87"},
                {"Армизонский муниципальный район", "2", "91"},
                {"Город Тобольск", "5", "100"}};
  return table;
}

// A road map: eleven sections of five measures each, with a column to mark them.
Table Plan() {
  Table table;
  table.caption = "Дорожная карта";
  table.sheet = "Дорожная карта";
  table.columns = {{"№", 12, Align::Center, false, {}},
                   {"Мероприятие", 90, Align::Left, false, {}},
                   {"Сроки", 32, Align::Center, false, {}},
                   {"Ответственные", 40, Align::Left, false, {}},
                   {"Отметка", 30, Align::Center, false, {"Выполнено", "Не выполнено"}}};
  for (int s = 1; s <= 11; ++s) {
    table.rows.push_back(
        {std::to_string(s) + ".", "Раздел номер " + std::to_string(s), "", "", ""});
    for (int m = 1; m <= 5; ++m) {
      table.rows.push_back({std::to_string(s) + "." + std::to_string(m) + ".",
                            "Мероприятие раздела с достаточно длинным описанием того, что "
                            "предстоит сделать школе, её педагогам и администрации",
                            "до 15.04.2024", "Администрация ОО, руководители ШМО", ""});
    }
  }
  return table;
}

fs::path Written(const shnor::test::TempDir& dir, const Document& doc) {
  const fs::path file = dir / "book.xlsx";
  WriteXlsx(doc, file, kToday);
  return file;
}

}  // namespace

TEST_CASE("XLSX properties name the authority not Microsoft Excel", "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  doc.blocks = {Summary()};
  Xlsx xlsx(Written(dir, doc));
  const std::string app = xlsx.Text("docProps/app.xml");
  CHECK(app.find("Microsoft Excel") == std::string::npos);
  CHECK(app.find("<Application>shnor</Application>") != std::string::npos);
  CHECK(app.find("<Company>Департамент образования и науки Тюменской области</Company>") !=
        std::string::npos);
  const std::string core = xlsx.Text("docProps/core.xml");
  CHECK(core.find("<dc:creator>Департамент образования и науки Тюменской области</dc:creator>") !=
        std::string::npos);
  // The rewritten part keeps the same data giving the same bytes.
  shnor::test::TempDir other;
  CHECK(shnor::test::ReadText(Written(other, doc)) == shnor::test::ReadText(dir / "book.xlsx"));
}

TEST_CASE("XLSX pages keep the standard's margins and number the pages at the top",
          "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  doc.blocks = {Summary()};
  Xml sheet = Xlsx(Written(dir, doc)).Sheet("Сводка");
  pugi::xml_node margins = sheet->select_node("//pageMargins").node();
  CHECK(margins.attribute("left").as_double() == Approx(30 / 25.4).epsilon(0.01));
  CHECK(margins.attribute("right").as_double() == Approx(15 / 25.4).epsilon(0.01));
  CHECK(margins.attribute("top").as_double() == Approx(20 / 25.4).epsilon(0.01));
  CHECK(margins.attribute("bottom").as_double() == Approx(20 / 25.4).epsilon(0.01));
  const std::string header = sheet->select_node("//headerFooter/oddHeader").node().text().get();
  CHECK(header.find("&C") != std::string::npos);
  CHECK(header.find("&P") != std::string::npos);
}

TEST_CASE("XLSX overdue rule reads the report date from its own cell", "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  Table table = Plan();
  table.columns[2].date = true;
  table.overdue_date_column = 2;
  table.status_column = 4;
  table.done_value = "Выполнено";
  doc.blocks = {table};
  Xlsx xlsx(Written(dir, doc));
  Xml sheet = xlsx.Sheet("Дорожная карта");
  const std::string formula = sheet->select_node("//cfRule/formula").node().text().get();
  CHECK(formula.find("DATE(") == std::string::npos);
  CHECK(formula.find("<$H$1") != std::string::npos);
  CHECK(xlsx.CellText(*sheet, "G1") == "Дата отчёта");
  CHECK(xlsx.Cell(*sheet, "H1").child("v").text().as_double() == 45422);  // 2024-05-10
}

TEST_CASE("XLSX chart plots the table's own cells as level bars from zero", "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  doc.blocks = {Summary(), BarChart{"Доля выполненных задач, %",
                                    {"Абатский муниципальный район",
                                     "Армизонский муниципальный район", "Город Тобольск"},
                                    {87, 91, 100}}};
  Xlsx xlsx(Written(dir, doc));
  const std::string chart = xlsx.Text("xl/charts/chart1.xml");
  CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
  CHECK(chart.find("'Сводка'!$A$3:$A$5") != std::string::npos);
  CHECK(chart.find("'Сводка'!$C$3:$C$5") != std::string::npos);
  CHECK(chart.find("<c:min val=\"0\"/>") != std::string::npos);
  Xml sheet = xlsx.Sheet("Сводка");
  CHECK(xlsx.CellText(*sheet, "E2").empty());  // no copy of the data beside the table
}

TEST_CASE("XLSX road map: approval right, agreement left, bold sections without drop-downs",
          "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  doc.blocks = {ApprovalStamp{{"УТВЕРЖДАЮ", "Директор МАОУ СОШ № 1", "______ / ______",
                               "«___» ________ 2024 г."},
                              {"СОГЛАСОВАНО", "Муниципальный координатор", "______ Е.А. Рябинина"}},
                Plan(), ExecutorMark{{"Петрова Ольга Ивановна", "+7 (3452) 00-00-01"}}};
  Xlsx xlsx(Written(dir, doc));
  Xml sheet = xlsx.Sheet("Дорожная карта");
  // Columns 12/90 | 32/40/30 mm: the stamp takes the right half, C..E, a line a row.
  CHECK(xlsx.CellText(*sheet, "C1") == "УТВЕРЖДАЮ");
  CHECK(sheet->select_node("//mergeCell[@ref='C1:E1']"));
  CHECK(xlsx.CellText(*sheet, "C4") == "«___» ________ 2024 г.");
  CHECK(xlsx.CellText(*sheet, "A1") == "СОГЛАСОВАНО");  // the coordinator agrees, at the left
  CHECK(sheet->select_node("//mergeCell[@ref='A1:B1']"));
  // The executor's mark under the plan (66 rows from row 8), after an empty row, in the print.
  CHECK(xlsx.CellText(*sheet, "A75") == "Петрова Ольга Ивановна");
  CHECK(xlsx.CellText(*sheet, "A76") == "+7 (3452) 00-00-01");
  CHECK(xlsx.CellText(*sheet, "A6") == "Дорожная карта");  // the caption after an empty row
  CHECK(xlsx.CellText(*sheet, "A8") == "1.");
  CHECK(sheet->select_node("//mergeCell[@ref='B8:E8']"));  // the section across the columns
  // The drop-down skips each section row: E9:E13, then E15:E19, …
  std::set<std::string> ranges;
  for (auto node : sheet->select_nodes("//dataValidation")) {
    std::string sqref = node.node().attribute("sqref").value();
    for (std::size_t at = 0; at < sqref.size();) {
      const std::size_t space = sqref.find(' ', at);
      ranges.insert(sqref.substr(at, space - at));
      at = space == std::string::npos ? sqref.size() : space + 1;
    }
  }
  CHECK(ranges.count("E9:E13") == 1);
  CHECK(ranges.count("E15:E19") == 1);
  CHECK(ranges.size() == 11);
  Xml styles = xlsx.Parse("xl/styles.xml");
  const int style = xlsx.Cell(*sheet, "B8").attribute("s").as_int();
  const auto xf = styles->select_nodes("//cellXfs/xf")[style].node();
  const auto font = styles->select_nodes("//fonts/font")[xf.attribute("fontId").as_int()].node();
  CHECK(font.child("b"));
}

TEST_CASE("XLSX page breaks never leave a section heading at the foot of a page", "[xlsx-layout]") {
  shnor::test::TempDir dir;
  Document doc = Base();
  doc.blocks = {Plan()};
  Xml sheet = Xlsx(Written(dir, doc)).Sheet("Дорожная карта");
  auto breaks = sheet->select_nodes("//rowBreaks/brk");
  REQUIRE(breaks.size() >= 2);  // 66 rows of two or three lines: several pages
  for (auto brk : breaks) {
    // <brk id="N"/>: a break after row N (1-based), so row N is the last of its page.
    const int last = brk.node().attribute("id").as_int();
    INFO("row " << last);
    const int plan_row = last - 3;  // data from row 3
    CHECK(plan_row % 6 != 0);       // rows 0, 6, 12… of the plan are its sections
  }
}

TEST_CASE("XLSX cells keep initials with their surnames", "[xlsx-layout]") {
  const std::string nb = "\u00A0";
  CHECK(KeepTogether("Т.П. Боярышникова, Г.М. Ручейникова") ==
        "Т.П." + nb + "Боярышникова, Г.М." + nb + "Ручейникова");
  CHECK(KeepTogether("Берестова А.С., Иванов И.") == "Берестова" + nb + "А.С., Иванов" + nb + "И.");
  CHECK(KeepTogether("Администрация ОО, А.С. Берестова") ==
        "Администрация ОО, А.С." + nb + "Берестова");
  CHECK(KeepTogether("МАОУ СОШ № 1 г. Тюмени") == "МАОУ СОШ № 1 г. Тюмени");  // searchable
  CHECK(KeepTogether("до 15.04.2024") == "до 15.04.2024");
  CHECK(KeepTogether("Куратор: А.С. Берестова") == "Куратор: А.С." + nb + "Берестова");
}
