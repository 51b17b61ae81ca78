// The report and notice templates of templates/ rendered against the sample contexts of
// tests/data/contexts (campaign and school scope, as templates/README.md describes them) and
// read back the way a reader sees them: the monitoring workbook through its zip parts, the PDFs
// through pdftotext, pdfinfo, pdffonts and qpdf.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/workflow/StatusNames.h"
#include "output/PdfRenderer.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor::output;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using shnor::test::MissingInOrder;
using shnor::test::Quote;
using shnor::test::Run;
using shnor::test::Squash;
using shnor::test::ToolResult;

using shnor::test::Xlsx;
using shnor::test::Xml;

// --- The templates and their sample contexts.

fs::path TemplatePath(const std::string& id) {
  return shnor::test::SourceDir() / "templates" / (id + ".yaml");
}

json Fixture(const std::string& name) {
  return json::parse(
      shnor::test::ReadText(shnor::test::SourceDir() / "tests/data/contexts" / name));
}

json CampaignContext() {
  static const json context = Fixture("report-campaign.json");
  return context;
}

// The school's context as its return to stage II made it.
json SchoolContext() {
  static const json context = Fixture("report-school.json");
  return context;
}

// The same school withdrawn on stage III, or completing the project on stage IV: the stage a
// withdrawal or a completion leaves the school on, the transition and the notice's own number.
json SchoolAt(const std::string& stage_id, const std::string& kind, const std::string& reason,
              const json& document) {
  json context = SchoolContext();
  for (const json& stage : context["stages"]) {
    if (stage["id"] != stage_id) continue;
    std::string name = stage["title"];
    if (name.ends_with(" этап")) name.erase(name.size() - std::string(" этап").size());
    context["stage"] = {{"id", stage_id},
                        {"title", stage["title"]},
                        {"name", name},
                        {"from", stage["from"]},
                        {"to", stage["to"]}};
  }
  context["transition"] = {
      {"kind", kind}, {"from", stage_id}, {"to", stage_id}, {"reason", reason}};
  context["document"] = document;
  return context;
}

const std::string kWithdrawalReason =
    "Реорганизация образовательной организации в форме присоединения к МАОУ Ленинская СОШ "
    "(постановление администрации городского округа от 02.09.2024 № 1310)";

const json kWithdrawal = {{"number", "9-УИ"},
                          {"date", "16.09.2024"},
                          {"date_long", "16 сентября 2024 г."},
                          {"iso", "2024-09-16"}};
const json kCompletion = {{"number", "31-УЗ"},
                          {"date", "26.12.2024"},
                          {"date_long", "26 декабря 2024 г."},
                          {"iso", "2024-12-26"}};

Document Render(const std::string& id, const json& context) {
  return RenderTemplate(LoadTemplate(TemplatePath(id)), context);
}

// The 1-based line of the first line of `file` that contains `text`, 0 when none does.
int LineWith(const fs::path& file, const std::string& text) {
  std::istringstream in(shnor::test::ReadText(file));
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find(text) != std::string::npos) return number;
  }
  return 0;
}

// --- The poppler and qpdf tools.

// A PDF written from a document, kept in a temporary folder with its text.
struct Pdf {
  Pdf(const Document& doc, const std::string& name) {
    file = dir / name;
    shnor::test::WriteText(file, RenderPdf(doc));
    if (const char* keep = std::getenv("SHNOR_PDF_TEST_OUT")) {
      fs::create_directories(keep);
      fs::copy_file(file, fs::path(keep) / name, fs::copy_options::overwrite_existing);
    }
    const fs::path text_file = dir / "text.txt";
    const ToolResult result =
        Run("pdftotext -q -enc UTF-8 " + Quote(file) + " " + Quote(text_file), dir.path());
    REQUIRE(result.exit_code == 0);
    text = Squash(shnor::test::ReadText(text_file));
  }

  // A pdfinfo field ("Pages", "Page size"), trimmed.
  std::string Info(const std::string& field) const {
    const ToolResult result = Run("pdfinfo " + Quote(file), dir.path());
    REQUIRE(result.exit_code == 0);
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(field + ":", 0) != 0) continue;
      const std::size_t value = line.find_first_not_of(' ', field.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
    return "";
  }

  // The text as laid out on the pages, spaces keeping the columns.
  std::string Layout() const {
    const fs::path text_file = dir / "layout.txt";
    const ToolResult result =
        Run("pdftotext -q -layout -enc UTF-8 " + Quote(file) + " " + Quote(text_file), dir.path());
    REQUIRE(result.exit_code == 0);
    return shnor::test::ReadText(text_file);
  }

  shnor::test::TempDir dir;
  fs::path file;
  std::string text;  // squashed
};

// A whole number of a line of the layout text and the column of its middle.
struct NumberAt {
  int value = 0;
  double centre = 0;
};

// The numbers of a line that holds nothing but numbers and spaces (bar values, bar labels);
// none for any other line.
std::vector<NumberAt> NumbersOf(const std::string& line) {
  std::vector<NumberAt> numbers;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == ' ' || line[i] == '\f') {
      ++i;
      continue;
    }
    if (line[i] < '0' || line[i] > '9') return {};
    const std::size_t start = i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    numbers.push_back({std::stoi(line.substr(start, i - start)), (start + i - 1) / 2.0});
  }
  return numbers;
}

// Every font of the PDF is embedded: pdffonts' "emb" column says yes on each row under its rule
// (stderr, captured too, may carry poppler's warnings before the table).
void CheckFontsEmbedded(const Pdf& pdf) {
  const ToolResult fonts = Run("pdffonts " + Quote(pdf.file), pdf.dir.path());
  REQUIRE(fonts.exit_code == 0);
  std::istringstream in(fonts.out);
  int rows = 0;
  bool table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("-----", 0) == 0) {
      table = true;
      continue;
    }
    if (!table || line.empty()) continue;
    std::istringstream fields(line);
    std::vector<std::string> tokens{std::istream_iterator<std::string>(fields), {}};
    REQUIRE(tokens.size() >= 6);
    INFO(line);
    CHECK(tokens[tokens.size() - 5] == "yes");  // name type… encoding emb sub uni object ID
    ++rows;
  }
  CHECK(rows >= 1);
}

void CheckA4AndSound(const Pdf& pdf) {
  CHECK(pdf.Info("Page size").find("(A4)") != std::string::npos);
  CheckFontsEmbedded(pdf);
  const ToolResult check = Run("qpdf --check " + Quote(pdf.file), pdf.dir.path());
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

std::string ErrorOf(const std::string& id, const json& context) {
  try {
    Render(id, context);
  } catch (const TemplateError& error) {
    return error.what();
  }
  return "";
}

std::string Str(const json& value) {
  return value.get<std::string>();
}

std::string Cell(const char* column, std::size_t row) {
  return column + std::to_string(row);
}

}  // namespace

// --- The sample contexts themselves.

TEST_CASE("report fixtures are consistent with their own totals", "[reports]") {
  const json c = CampaignContext();
  REQUIRE(c["municipalities"].size() >= 8);
  REQUIRE(c["schools"].size() >= 30);
  int schools = 0, tasks = 0, done = 0, overdue = 0;
  for (const json& m : c["municipalities"]) {
    schools += std::stoi(Str(m["schools"]));
    tasks += std::stoi(Str(m["tasks"]));
    done += std::stoi(Str(m["done"]));
    overdue += std::stoi(Str(m["overdue"]));
  }
  CHECK(std::to_string(schools) == Str(c["totals"]["schools"]));
  CHECK(std::to_string(tasks) == Str(c["totals"]["tasks"]));
  CHECK(std::to_string(done) == Str(c["totals"]["done"]));
  CHECK(std::to_string(overdue) == Str(c["totals"]["overdue"]));
  CHECK(c["task_rows"].size() == std::size_t(tasks));
  // Overdue is what the monitoring sheet highlights: a deadline before the report's date and a
  // status other than the approved one.
  const std::string today = Str(c["document"]["iso"]);
  const std::string approved = shnor::RussianName(shnor::storage::TaskStatus::Approved);
  int late = 0;
  for (const json& row : c["task_rows"]) {
    const std::string due = Str(row["due_iso"]);
    late += !due.empty() && due < today && Str(row["status"]) != approved;
  }
  CHECK(late == overdue);
  CHECK(late > 0);
}

// --- Document 6: the monitoring workbook.

TEST_CASE("monitoring report is a workbook of the monitoring and the summary sheets", "[reports]") {
  const json c = CampaignContext();
  const Document doc = Render("monitoring-report", c);
  shnor::test::TempDir dir;
  const fs::path file = dir / "monitoring.xlsx";
  WriteXlsx(doc, file, Str(c["document"]["iso"]));
  Xlsx xlsx(file);

  const auto sheets = xlsx.Sheets();
  REQUIRE(sheets.size() == 3);
  CHECK(sheets[0] == std::pair<std::string, std::string>{"Мониторинг", ""});
  CHECK(sheets[1] == std::pair<std::string, std::string>{"Сводка по МО", ""});
  CHECK(sheets[2] == std::pair<std::string, std::string>{"Списки", "hidden"});

  const json& rows = c["task_rows"];
  const std::size_t last = rows.size() + 2;  // title, header, then a row per task
  Xml monitoring = xlsx.Sheet("Мониторинг");
  CHECK(xlsx.CellText(*monitoring, "A1") ==
        "Мониторинг выполнения задач проекта по состоянию на 27.12.2024");
  CHECK(xlsx.CellText(*monitoring, "B2") == "ОО");
  CHECK(xlsx.CellText(*monitoring, "E2") == "Срок");
  CHECK(xlsx.CellText(*monitoring, "A3") == Str(rows[0]["municipality"]));
  CHECK(xlsx.CellText(*monitoring, "B3") == Str(rows[0]["school"]));
  CHECK(xlsx.CellText(*monitoring, "B3") == "МАОУ СОШ № 97 г. Тюмени");
  CHECK(xlsx.CellText(*monitoring, "C3") == "I");
  CHECK(xlsx.CellText(*monitoring, "D3") ==
        "Назначение управленческой команды школы и ответственного за проект");
  CHECK(xlsx.CellText(*monitoring, "F3") == "утверждена");
  CHECK(xlsx.CellText(*monitoring, "G3") == "школа");
  CHECK(xlsx.CellText(*monitoring, Cell("B", last)) == Str(rows.back()["school"]));
  CHECK(xlsx.CellText(*monitoring, Cell("D", last)) == Str(rows.back()["task"]));
  CHECK(!Xlsx::Cell(*monitoring, Cell("A", last + 1)));

  SECTION("deadlines are real dates in dd.mm.yyyy") {
    for (std::size_t row : {std::size_t(3), last}) {
      pugi::xml_node due = Xlsx::Cell(*monitoring, Cell("E", row));
      INFO("E" << row);
      CHECK(std::string(due.attribute("t").value()).empty());  // a number, not a string
      CHECK(xlsx.FormatCode(due) == "dd.mm.yyyy");
    }
    CHECK(Xlsx::Cell(*monitoring, "E3").child("v").text().as_double() == 45331);  // 2024-02-09
  }

  SECTION("overdue rows are highlighted against the report's date") {
    pugi::xml_node rules = monitoring->select_node("//conditionalFormatting").node();
    CHECK(std::string(rules.attribute("sqref").value()) == "A3:" + Cell("H", last));
    // The report's date in its own cell beside the caption, which the rule reads; a task «при
    // необходимости» (Обязательная: нет) is never overdue.
    CHECK(std::string(rules.child("cfRule").child("formula").text().get()) ==
          "AND($E3<>\"\",$E3<$K$1,$F3<>\"утверждена\",$H3<>\"нет\")");
    CHECK(xlsx.CellText(*monitoring, "J1") == "Дата отчёта");
    CHECK(Xlsx::Cell(*monitoring, "K1").child("v").text().as_double() == 45653);  // 27.12.2024
    std::size_t optional = 0;
    for (std::size_t row = 3; row <= last; ++row) {
      const std::string task = xlsx.CellText(*monitoring, Cell("D", row));
      const std::string required = xlsx.CellText(*monitoring, Cell("H", row));
      INFO(task);
      CHECK(required == (task.find("при необходимости") != std::string::npos ? "нет" : "да"));
      optional += required == "нет" ? 1 : 0;
    }
    CHECK(optional > 0);
  }

  SECTION("statuses are chosen from the engine's status names") {
    pugi::xml_node validation = monitoring->select_node("//dataValidations/dataValidation").node();
    CHECK(std::string(validation.attribute("type").value()) == "list");
    CHECK(std::string(validation.attribute("sqref").value()) == "F3:" + Cell("F", last));
    CHECK(std::string(validation.child("formula1").text().get()) == "'Списки'!$A$1:$A$4");
    Xml lists = xlsx.Sheet("Списки");
    using shnor::storage::TaskStatus;
    const std::vector<TaskStatus> statuses = {TaskStatus::Open, TaskStatus::Submitted,
                                              TaskStatus::Approved, TaskStatus::Returned};
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      CHECK(xlsx.CellText(*lists, Cell("A", i + 1)) == shnor::RussianName(statuses[i]));
    }
    for (const json& row : rows) {
      const std::string status = Str(row["status"]);
      const bool known = std::any_of(statuses.begin(), statuses.end(),
                                     [&](TaskStatus s) { return status == shnor::RussianName(s); });
      INFO(status);
      CHECK(known);
    }
  }

  SECTION("the summary lists every municipality over a bar chart of their done share") {
    const json& municipalities = c["municipalities"];
    Xml summary = xlsx.Sheet("Сводка по МО");
    CHECK(xlsx.CellText(*summary, "A2") == "Муниципальное образование");
    CHECK(xlsx.CellText(*summary, "F2") == "% выполнения");
    // The counts say what they count.
    CHECK(xlsx.CellText(*summary, "C2") == "Задач школ и координаторов");
    CHECK(xlsx.CellText(*summary, "E2") == "Просрочено обязательных");
    for (std::size_t i = 0; i < municipalities.size(); ++i) {
      const json& m = municipalities[i];
      INFO(Str(m["name"]));
      CHECK(xlsx.CellText(*summary, Cell("A", i + 3)) == Str(m["name"]));
      // Counts are numbers, so Excel sums and charts them.
      auto number = [&](const char* column) {
        pugi::xml_node cell = Xlsx::Cell(*summary, Cell(column, i + 3));
        CHECK(std::string(cell.attribute("t").value()).empty());
        return std::to_string(cell.child("v").text().as_int());
      };
      CHECK(number("B") == Str(m["schools"]));
      CHECK(number("E") == Str(m["overdue"]));
      CHECK(number("F") == Str(m["done_percent"]));
      // The chart plots the table itself: no copy of its data beside it.
      CHECK(!Xlsx::Cell(*summary, Cell("H", i + 3)));
    }
    CHECK(!monitoring->select_node("//drawing"));
    CHECK(summary->select_node("//drawing"));
    REQUIRE(xlsx.Has("xl/charts/chart1.xml"));
    CHECK(!xlsx.Has("xl/charts/chart2.xml"));
    const std::string chart = xlsx.Text("xl/charts/chart1.xml");
    // Level bars: the municipalities' names read at the left, not rotated under the plot.
    CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
    CHECK(chart.find("<c:min val=\"0\"/>") != std::string::npos);
    CHECK(chart.find("Доля выполненных задач по муниципальным образованиям, %") !=
          std::string::npos);
    const std::string end = std::to_string(municipalities.size() + 2);
    CHECK(chart.find("'Сводка по МО'!$A$3:$A$" + end) != std::string::npos);
    CHECK(chart.find("'Сводка по МО'!$F$3:$F$" + end) != std::string::npos);
  }
}

// --- Document 7: the final analytical report.

TEST_CASE("final report PDF gives the totals and every municipality in order", "[reports]") {
  const json c = CampaignContext();
  const Document doc = Render("final-report", c);
  CHECK(doc.title == "Аналитическая справка по итогам реализации проекта в 2024 году");
  CHECK(doc.date == "2024-12-27");
  Pdf pdf(doc, "final-report.pdf");
  const std::string& text = pdf.text;
  const json& totals = c["totals"];

  CHECK(MissingInOrder(Squash(text),
                       {"ГАОУ ТО ДПО «Тюменский областной государственный институт развития",
                        "Аналитическая справка по итогам реализации проекта в 2024 году",
                        "по состоянию на 27.12.2024",
                        "Проект по оказанию адресной методической помощи школам с низкими "
                        "образовательными результатами (далее — проект)",
                        "с 01.02.2024 по 31.12.2024",
                        "приказом Департамента образования и науки Тюменской области от 23.01.2024 "
                        "№ 83/ОД",
                        "Оператор проекта — ГАОУ ТО ДПО", "Этап I «Выбор ОО для участия в проекте»",
                        "Этап IV «Рефлексивно-аналитический этап» — с 01.12.2024 по 31.12.2024"}) ==
        "");
  // Numbers agree with their nouns: no «(ОО): 33», no «задачи …: 768».
  CHECK(MissingInOrder(Squash(text),
                       {"В проекте участвовали 33 общеобразовательные организации, из них "
                        "24 завершили проект, 2 выбыли из проекта.",
                        "Школам и муниципальным координаторам поставлено 768 задач, из "
                        "них выполнены " +
                            Str(totals["done"]),
                        "(" + Str(totals["done_percent"]) + " %)",
                        "На дату справки не выполнено в установленный срок 35 "
                        "обязательных задач",
                        "Кураторам проекта поставлено 66 задач, из них выполнены 52"}) == "");
  CHECK(text.find("(ОО): ") == std::string::npos);

  SECTION("the table has a row per municipality in the context's order") {
    const std::size_t chart = text.find("Рисунок 1 —");
    REQUIRE(chart != std::string::npos);
    const std::string table = text.substr(0, chart);
    std::vector<std::string> names = {"Таблица 1 — Итоги реализации проекта"};
    for (const json& m : c["municipalities"]) names.push_back(Str(m["name"]));
    CHECK(MissingInOrder(table, names) == "");
  }

  SECTION("the chart shows each municipality's share over its number in the table") {
    CHECK(text.find("Рисунок 1 — Доля выполненных задач по муниципальным образованиям, % (номер "
                    "муниципального образования — по таблице 1)") != std::string::npos);
    // In the page's layout the labels 1…N stand on one line under the bars, and each value
    // stands somewhere above its own label.
    const json& municipalities = c["municipalities"];
    std::istringstream lines(pdf.Layout());
    std::string line;
    while (std::getline(lines, line) && line.find("Рисунок 1 —") == std::string::npos) {
    }
    std::vector<NumberAt> values, labels;
    while (std::getline(lines, line)) {
      const std::vector<NumberAt> numbers = NumbersOf(line);
      if (numbers.size() == municipalities.size() && numbers.front().value == 1) {
        labels = numbers;
        break;
      }
      values.insert(values.end(), numbers.begin(), numbers.end());
    }
    REQUIRE(labels.size() == municipalities.size());
    CHECK(values.size() == municipalities.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const std::string name = Str(municipalities[i]["name"]);
      INFO(name);
      CHECK(labels[i].value == int(i + 1));
      const auto nearest =
          std::min_element(values.begin(), values.end(), [&](const NumberAt& a, const NumberAt& b) {
            return std::abs(a.centre - labels[i].centre) < std::abs(b.centre - labels[i].centre);
          });
      REQUIRE(nearest != values.end());
      CHECK(nearest->value == std::stoi(Str(municipalities[i]["done_percent"])));
    }
  }

  CHECK(MissingInOrder(
            text, {"Выводы и предложения", "составила 95 %", "Ректор", "И.Н. Лебедева"}) == "");
  CheckA4AndSound(pdf);
}

// --- The notices to one school.

TEST_CASE("return letter of the institute names the school the stage it returned to and the reason",
          "[reports]") {
  const json c = SchoolContext();
  REQUIRE(c["transition"]["kind"] == "return");
  const Document doc = Render("return-notice", c);
  CHECK(doc.title == "Письмо о возврате на этап II: МАОУ Падунская ООШ");
  CHECK(doc.author == Str(c["operator_full"]));
  Pdf pdf(doc, "return-notice.pdf");
  CHECK(MissingInOrder(
            pdf.text,
            {Str(c["operator_full"]).substr(0, 30), "ул. Малыгина, д. 100", "togirro@example.ru",
             "20.05.2024", "№ 17-УВ", "Руководителю МАОУ Падунская ООШ",
             "Копия: муниципальному координатору проекта Г.М. Ручейникова",
             "О возврате на этап II «Формирование программных документов»",
             "Во исполнение приказа Департамента образования и науки Тюменской области от "
             "23.01.2024 № 83/ОД",
             "возвращена с этапа III на этап II",
             "Причина возврата: " + Str(c["transition"]["reason"]), "Задачи этапа II",
             "Диагностическая карта школы (ДТК)", "03.06.2024", "возвращена на", "Ректор",
             "И.Н. Лебедева"}) == "");
  CHECK(pdf.text.find("Берестова Анна Сергеевна") != std::string::npos);  // the executor
  // Not the curator under another body's letterhead, not the coordinator's own review.
  CHECK(pdf.text.find("Департамент образования и науки Тюменской области УВЕДОМЛЕНИЕ") ==
        std::string::npos);
  CHECK(pdf.text.find("Заключение муниципального координатора") == std::string::npos);
  CheckA4AndSound(pdf);
}

TEST_CASE("a withdrawal is an amending order of the authority that strikes the school off its list",
          "[reports]") {
  const Document doc = Render("withdrawal-notice",
                              SchoolAt("III", "withdraw", kWithdrawalReason + ".", kWithdrawal));
  CHECK(doc.title ==
        "Приказ о внесении изменения в приказ от 23.01.2024 № 83/ОД: МАОУ Падунская ООШ");
  Pdf pdf(doc, "withdrawal-notice.pdf");
  CHECK(
      MissingInOrder(
          pdf.text,
          {"Департамент образования и науки Тюменской области", "ПРИКАЗ", "16.09.2024", "№ 9-УИ",
           "О внесении изменения в приказ Департамента образования и науки Тюменской области от "
           "23.01.2024 № 83/ОД",
           "В связи с выбытием МАОУ Падунская ООШ (Заводоуковский городской округ)",
           "на этапе III «Реализация запланированных мер»", "Основание: " + kWithdrawalReason + ".",
           "приказываю:", "Внести в приложение № 1 к приказу",
           "исключив из списка 1.2 МАОУ Падунская ООШ (Заводоуковский городской округ).",
           "Контроль за исполнением настоящего приказа", "Директор департамента",
           "Н.В. Соколова"}) == "");
  CHECK(pdf.text.find("УВЕДОМЛЕНИЕ") == std::string::npos);
  CHECK(pdf.Info("Pages") == "1");
  CheckA4AndSound(pdf);
}

TEST_CASE("completion letter names the school and every stage as it really passed them",
          "[reports]") {
  const Document doc = Render("completion-notice", SchoolAt("IV", "complete", "", kCompletion));
  CHECK(doc.title == "Письмо о завершении проекта: МАОУ Падунская ООШ");
  Pdf pdf(doc, "completion-notice.pdf");
  CHECK(MissingInOrder(pdf.text, {"Тюменский областной государственный институт",
                                  "26.12.2024",
                                  "№ 31-УЗ",
                                  "О завершении участия в проекте",
                                  "Во исполнение приказа",
                                  "МАОУ Падунская ООШ завершила участие в проекте",
                                  "заключительного этапа IV «Рефлексивно-аналитический»",
                                  "Этапы проекта, пройденные школой",
                                  "I",
                                  "Выбор ОО для участия в проекте",
                                  "01.02.2024 — 01.03.2024",
                                  "II",
                                  "Формирование программных документов",
                                  "III",
                                  "Реализация запланированных мер",
                                  "IV",
                                  "Рефлексивно-аналитический этап",
                                  "02.12.2024 — 26.12.2024",
                                  "в 2024 году",
                                  "Ректор",
                                  "И.Н. Лебедева"}) == "");
  CHECK(pdf.text.find("Берестова Анна Сергеевна") != std::string::npos);
  CheckA4AndSound(pdf);
}

TEST_CASE("a notice without the transition's reason names the template file and line",
          "[reports]") {
  for (const std::string id : {"return-notice", "withdrawal-notice"}) {
    INFO(id);
    const fs::path path = TemplatePath(id);
    const int line = LineWith(path, "{{transition.reason}}");
    REQUIRE(line > 0);
    json context = SchoolContext();
    context["transition"].erase("reason");
    try {
      Render(id, context);
      FAIL("no error");
    } catch (const TemplateError& error) {
      CHECK(error.file() == path.string());
      CHECK(error.line() == line);
      CHECK_THAT(error.what(), Catch::Contains("{{transition.reason}}"));
    }
    context.erase("transition");
    CHECK_THAT(ErrorOf(id, context), Catch::Contains(path.string() + ":"));
  }
}
