// The shipped templates of the document set, rendered against the sample contexts of
// tests/data/contexts and read back as a person would get them: the PDF's text through
// pdftotext, its pages, fonts and structure through pdfinfo, pdffonts and qpdf, the XLSX's cells
// and drop-down through libzip and pugixml. Page 1 of each PDF is left as a PNG in
// docset-png/ under the working folder, for a look by eye.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "output/PdfRenderer.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor::output;
namespace fs = std::filesystem;
using shnor::test::ReadText;

namespace {

using shnor::test::MissingInOrder;
using shnor::test::Quote;
using shnor::test::Run;
using shnor::test::Squash;
using shnor::test::ToolResult;

// Pages first..last (all when 0) as pdftotext reads them, whitespace collapsed to one space.
std::string PdfText(const fs::path& pdf, int first = 0, int last = 0) {
  return Squash(shnor::test::PdfText(pdf, first, last));
}

using shnor::test::Xlsx;
using shnor::test::Xml;

// --- The fixtures.

nlohmann::json Context(const std::string& name) {
  return nlohmann::json::parse(
      ReadText(shnor::test::SourceDir() / "tests/data/contexts" / (name + ".json")));
}

fs::path TemplatePath(const std::string& id) {
  return shnor::test::SourceDir() / "templates" / (id + ".yaml");
}

Document Rendered(const std::string& id, const nlohmann::json& context) {
  return RenderTemplate(LoadTemplate(TemplatePath(id)), context);
}

// --- The poppler and qpdf tools.

std::string Info(const fs::path& pdf, const std::string& field) {
  const ToolResult result = Run("pdfinfo " + Quote(pdf), pdf.parent_path());
  REQUIRE(result.exit_code == 0);
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) != 0) continue;
    const std::size_t value = line.find_first_not_of(' ', field.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

int PageCount(const fs::path& pdf) {
  return std::stoi(Info(pdf, "Pages"));
}

// The pages (1-based) whose text has `piece`.
std::vector<int> PagesWith(const fs::path& pdf, const std::string& piece) {
  std::vector<int> pages;
  for (int page = 1, count = PageCount(pdf); page <= count; ++page) {
    if (PdfText(pdf, page, page).find(piece) != std::string::npos) pages.push_back(page);
  }
  return pages;
}

// The fonts pdffonts lists that are not embedded (its "emb" column), or "" when all are.
std::string FontsNotEmbedded(const fs::path& pdf) {
  const ToolResult fonts = Run("pdffonts " + Quote(pdf), pdf.parent_path());
  REQUIRE(fonts.exit_code == 0);
  std::istringstream in(fonts.out);
  std::string line, missing;
  int rows = 0;
  // Past the header's rule: poppler's warnings come before it in the same output.
  while (std::getline(in, line) && line.rfind("-----", 0) != 0) {
  }
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::vector<std::string> tokens{std::istream_iterator<std::string>(fields), {}};
    REQUIRE(tokens.size() >= 6);
    ++rows;
    if (tokens[tokens.size() - 5] != "yes") missing += tokens.front() + " ";
  }
  CHECK(rows > 0);
  return missing;
}

void CheckPdfFile(const fs::path& pdf) {
  CHECK(Info(pdf, "Page size").find("595.276 x 841.89 pts (A4)") != std::string::npos);
  CHECK(FontsNotEmbedded(pdf) == "");
  const ToolResult check = Run("qpdf --check " + Quote(pdf), pdf.parent_path());
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

// Page 1 at 50 dpi into docset-png/<name>.png under the working folder, the whole PDF beside.
void KeepFirstPage(const fs::path& pdf, const std::string& name) {
  const fs::path dir = fs::current_path() / "docset-png";
  fs::create_directories(dir);
  fs::copy_file(pdf, dir / (name + ".pdf"), fs::copy_options::overwrite_existing);
  REQUIRE(Run("pdftoppm -png -r 50 -f 1 -l 1 -singlefile " + Quote(pdf) + " " + Quote(dir / name),
              pdf.parent_path())
              .exit_code == 0);
  const fs::path png = dir / (name + ".png");
  REQUIRE(fs::exists(png));
  CHECK(ReadText(png).rfind("\x89PNG", 0) == 0);
}

// The rows of column A from row 3 (the first data row) down, as the sheet holds them.
std::vector<std::string> ColumnA(const Xlsx& xlsx, const pugi::xml_document& sheet, int rows) {
  std::vector<std::string> cells;
  for (int row = 3; row < 3 + rows; ++row)
    cells.push_back(xlsx.CellText(sheet, "A" + std::to_string(row)));
  return cells;
}

}  // namespace

// --- Document 1: the regional order.

TEST_CASE("regional order PDF reads as the order with its four appendices", "[docset]") {
  const nlohmann::json context = Context("campaign");
  shnor::test::TempDir dir;
  const fs::path pdf = dir / "order.pdf";
  shnor::test::WriteText(pdf, RenderPdf(Rendered("regional-order", context)));
  const std::string first_11 = context["list_1_1"].front()["name"];
  const std::string last_12 = context["list_1_2"].back()["name"];
  CHECK(MissingInOrder(PdfText(pdf),
                       {"Департамент образования и науки Тюменской области",
                        "ПРИКАЗ",
                        "23.01.2024",
                        "№ 83/ОД",
                        "г. Тюмень",
                        "Об организации работы по оказанию адресной методической помощи школам "
                        "с низкими образовательными результатами",
                        "приказываю:",
                        "1. Реализовать на территории Тюменской области проект",
                        "в период с 01.02.2024 по 31.12.2024",
                        "2. Утвердить список",
                        "(список 1.1)",
                        "приложению № 1",
                        "приложению № 2",
                        "приложению № 3",
                        "приложению № 4",
                        "Тюменский областной государственный институт",
                        "6.1. Обеспечить",
                        "Контроль за исполнением настоящего приказа",
                        "Директор департамента",
                        "Н.В. Соколова",
                        "Приложение № 1",
                        "к приказу Департамента",
                        "от 23.01.2024 № 83/ОД",
                        "Список 1.1. Региональный уровень",
                        first_11,
                        "Список 1.2. Муниципальный уровень",
                        last_12,
                        "Приложение № 2",
                        "от 23.01.2024 № 83/ОД",
                        "Лица, ответственные за реализацию Проекта",
                        "Должность",
                        "Орлова Светлана Юрьевна",
                        "Берестова Анна Сергеевна",
                        "Приложение № 3",
                        "от 23.01.2024 № 83/ОД",
                        "Школа-партнёр",
                        "Приложение № 4",
                        "от 23.01.2024 № 83/ОД",
                        "«дорожная карта»",
                        "I. Выбор ОО для участия в проекте",
                        "IV. Рефлексивно-аналитический этап"}) == "");
  CHECK(Info(pdf, "Title") == "Приказ от 23.01.2024 № 83/ОД");
  CheckPdfFile(pdf);
  KeepFirstPage(pdf, "regional-order");
}

TEST_CASE("regional order appendices start on their own pages after the order", "[docset]") {
  const nlohmann::json context = Context("campaign");
  shnor::test::TempDir dir;
  const fs::path pdf = dir / "order.pdf";
  shnor::test::WriteText(pdf, RenderPdf(Rendered("regional-order", context)));
  std::vector<int> starts;
  for (int n = 1; n <= 4; ++n) {
    const std::vector<int> pages = PagesWith(pdf, "Приложение № " + std::to_string(n));
    REQUIRE(pages.size() == 1);
    starts.push_back(pages.front());
  }
  CHECK(starts.front() >= 2);
  // 45 schools do not fit one page: list 1.2 runs on past the page appendix 1 starts on.
  const std::vector<int> last_school = PagesWith(pdf, context["list_1_2"].back()["name"]);
  REQUIRE(last_school.size() == 1);
  CHECK(last_school.front() > starts[0]);
  CHECK(last_school.front() < starts[1]);
  CHECK(starts[1] < starts[2]);
  CHECK(starts[2] < starts[3]);
  CHECK(PageCount(pdf) >= starts[3]);
  // A stage's tasks and their deadlines are in its row.
  CHECK(MissingInOrder(PdfText(pdf, starts[3], PageCount(pdf)),
                       {"1) Назначение управленческой команды школы", "до 09.02.2024", "(школа)",
                        // the stage cell is narrow: «программ-» / «ных документов»
                        "II. Формирование программ", "Диагностическая карта", "до 18.03.2024"}) ==
        "");
}

TEST_CASE("regional order without an order number is refused with the file and line", "[docset]") {
  nlohmann::json context = Context("campaign");
  context["order"].erase("number");
  const fs::path path = TemplatePath("regional-order");
  int line = 0;
  std::istringstream text(ReadText(path));
  std::string row;
  for (int n = 1; std::getline(text, row) && line == 0; ++n) {
    if (row.find("{{order.number}}") != std::string::npos && row.find('#') != 0) line = n;
  }
  REQUIRE(line > 0);
  try {
    RenderTemplate(LoadTemplate(path), context);
    FAIL("rendered without order.number");
  } catch (const TemplateError& e) {
    CHECK(e.file() == path.string());
    CHECK(e.line() == line);
    CHECK(std::string(e.what()) == path.string() + ":" + std::to_string(line) +
                                       ": в данных документа нет значения «{{order.number}}»");
  }
}

// --- Document 2: the school's road map.

TEST_CASE("road map XLSX has the eleven sections with prefilled deadlines and a status list",
          "[docset]") {
  shnor::test::TempDir dir;
  const fs::path file = dir / "road-map.xlsx";
  WriteXlsx(Rendered("road-map", Context("school")), file, "2024-05-20");
  Xlsx xlsx(file);
  Xml sheet_xml = xlsx.Sheet("Дорожная карта");
  const pugi::xml_document& sheet = *sheet_xml;
  // The director approves the school's plan at the top right, above the caption.
  CHECK(xlsx.CellText(sheet, "C1") == "УТВЕРЖДАЮ");
  CHECK(xlsx.CellText(sheet, "C2") == "Директор МАОУ «Ключевская СОШ»");
  // … and the municipal coordinator agrees it at the top left.
  CHECK(xlsx.CellText(sheet, "A1") == "СОГЛАСОВАНО");
  CHECK(xlsx.CellText(sheet, "A3") == "______________ Е.А.\u00A0Рябинина");
  const std::string title = xlsx.CellText(sheet, "A6");
  // Initials stay with their surnames: a no-break space, U+00A0.
  CHECK(MissingInOrder(title,
                       {"Дорожная карта (план мероприятий)", "МАОУ «Ключевская СОШ»",
                        "(Исетский муниципальный район)", "Куратор проекта: А.С.\u00A0Берестова",
                        "Муниципальный координатор: Е.А.\u00A0Рябинина"}) == "");
  CHECK(xlsx.CellText(sheet, "B7") == "Мероприятие");
  CHECK(xlsx.CellText(sheet, "E7") == "Отметка о выполнении");
  CHECK(xlsx.CellText(sheet, "A8") == "1.");
  CHECK(xlsx.CellText(sheet, "B8") == "Мониторинговые и оценочные мероприятия");
  std::vector<std::string> sections;
  for (const std::string& number : ColumnA(xlsx, sheet, 50)) {
    const bool numbered = !number.empty() && number[0] >= '0' && number[0] <= '9';
    if (numbered && number.find('.') == number.size() - 1) sections.push_back(number);
  }
  CHECK(sections == std::vector<std::string>{"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.",
                                             "10.", "11."});
  CHECK(xlsx.CellText(sheet, "A10") == "1.2.");
  CHECK(xlsx.CellText(sheet, "B10") == "Заполнение диагностической карты школы (ДТК)");
  CHECK(xlsx.CellText(sheet, "C10") == "до 18.03.2024");
  CHECK(xlsx.CellText(sheet, "D10") == "Т.И.\u00A0Журавлёва");
  pugi::xml_node validation = sheet.select_node("//dataValidations/dataValidation").node();
  CHECK(std::string(validation.attribute("type").value()) == "list");
  // Items only: the section heading of row 8 has nothing to mark.
  CHECK(std::string(validation.attribute("sqref").value()).rfind("E9:E", 0) == 0);
  Xml lists_xml = xlsx.Sheet("Списки");
  const pugi::xml_document& lists = *lists_xml;
  CHECK(xlsx.CellText(lists, "A1") == "Выполнено");
  CHECK(xlsx.CellText(lists, "A2") == "В работе");
  CHECK(xlsx.CellText(lists, "A3") == "Не выполнено");
  fs::create_directories(fs::current_path() / "docset-png");
  fs::copy_file(file, fs::current_path() / "docset-png/road-map.xlsx",
                fs::copy_options::overwrite_existing);
}

TEST_CASE("road map says in words a deadline the workflow has not fixed yet", "[docset]") {
  nlohmann::json context = Context("school");
  context["due"]["failure_prevention_plan"] = "";
  context["due_by"]["failure_prevention_plan"] = "в течение 15 рабочих дней после утверждения ДТК";
  context["due"]["monthly_report"] = "ежемесячно, до 5-го рабочего дня месяца";
  const Document doc = Rendered("road-map", context);
  REQUIRE(doc.blocks.size() == 2);  // the approval stamp, the plan
  const Table& table = std::get<Table>(doc.blocks[1]);
  std::optional<std::string> plan, monthly;
  for (const auto& row : table.rows) {
    if (row[0] == "8.1.") plan = row[2];
    if (row[0] == "1.3.") monthly = row[2];
  }
  CHECK(plan == "в течение 15 рабочих дней после утверждения ДТК");
  CHECK(monthly == "ежемесячно, до 5-го рабочего дня месяца");  // never «до ежемесячно»
  const Table fixed = std::get<Table>(Rendered("road-map", Context("school")).blocks[1]);
  CHECK(fixed.rows.at(table.rows.size() - 1).at(2) == "до 20.12.2024");
}

// --- Document 4: the interview protocol.

TEST_CASE("interview protocol PDF has the chair the secretary and per item decisions", "[docset]") {
  shnor::test::TempDir dir;
  const fs::path pdf = dir / "protocol.pdf";
  shnor::test::WriteText(pdf, RenderPdf(Rendered("interview-protocol", Context("school"))));
  const std::string text = shnor::test::Squash(PdfText(pdf));
  CHECK(MissingInOrder(text, {"ГАОУ ТО ДПО «Тюменский областной государственный институт",
                              "ПРОТОКОЛ",
                              "15.05.2024",
                              "№ 27-ПС",
                              "г. Тюмень",
                              "собеседования куратора проекта с управленческой командой МАОУ "
                              "«Ключевская СОШ»",
                              "видеоконференция (ВКС). Время проведения: 14:30",
                              "Председатель — Берестова Анна Сергеевна, Куратор проекта",
                              "Секретарь — Рябинина Елена Александровна, Муниципальный координатор "
                              "(Исетский муниципальный район)",
                              "Присутствовали: Журавлёва Татьяна Ивановна",
                              "ПОВЕСТКА ДНЯ:",
                              "1. О выполнении задач этапа III",
                              "2. О ходе реализации дорожной карты",
                              "1. СЛУШАЛИ:",
                              "Задачи этапа III",
                              "08.05.2024",
                              "ВЫСТУПИЛИ:",
                              "РЕШИЛИ:",
                              "ежемесячно, до 5-го рабочего дня месяца",
                              "до 14.06.2024",
                              "до 31.10.2024",
                              "до 15.11.2024",
                              "Председатель",
                              "А.С. Берестова",
                              "Секретарь",
                              "Е.А. Рябинина"}) == "");
  // Stage III discusses neither the programme documents' review nor the stage I analysis.
  CHECK(text.find("экспертиз") == std::string::npos);
  CHECK(text.find("глубокого анализа") == std::string::npos);
  // The stage's tasks carry ISO dates for the XLSX; the PDF prints them in Russian style.
  CHECK(text.find("2024-") == std::string::npos);
  CHECK(Info(pdf, "Title") == "Протокол собеседования: МАОУ «Ключевская СОШ»");
  CheckPdfFile(pdf);
  KeepFirstPage(pdf, "interview-protocol");
}

TEST_CASE("a date column prints ISO dates Russian style and other text as it is", "[docset]") {
  nlohmann::json context = Context("campaign");
  nlohmann::json slot = {{"curator", "А.С. Берестова"}, {"municipality", "г. Тюмень"},
                         {"school", "МАОУ СОШ № 1"},    {"code", "tmn-001"},
                         {"date", "12.02.2024"},        {"date_iso", "2024-02-12"},
                         {"time", "09:00–09:30"}};
  context["slots"] = nlohmann::json::array({slot, slot});
  context["slots"][1]["date_iso"] = "по графику";
  shnor::test::TempDir dir;
  const fs::path pdf = dir / "schedule.pdf";
  shnor::test::WriteText(pdf, RenderPdf(Rendered("interview-schedule", context)));
  const std::string text = PdfText(pdf);
  CHECK(MissingInOrder(text, {"График собеседований", "12.02.2024", "по графику"}) == "");
  CHECK(text.find("2024-02-12") == std::string::npos);
}

TEST_CASE("an order without visas has no лист согласования and no empty last page",
          "[documents][order]") {
  nlohmann::json context = Context("campaign");
  const Document with = Rendered("regional-order", context);
  REQUIRE(std::holds_alternative<Table>(with.blocks.back()));
  CHECK(std::get<Table>(with.blocks.back()).rows.size() == 2);  // the two visas of the sample
  context["visas_given"] = false;
  context["visas"] = nlohmann::json::array();
  const Document without = Rendered("regional-order", context);
  // The page break, the heading, the line naming the draft and the table are left out.
  CHECK(without.blocks.size() + 4 == with.blocks.size());
  REQUIRE(std::holds_alternative<Table>(without.blocks.back()));
  CHECK(std::get<Table>(without.blocks.back()).columns.front().header == "Этап, сроки");
}
