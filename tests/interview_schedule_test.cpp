// The interview schedule: slots of each curator over the days, never across lunch or past the
// day's end, one curator never twice at once, a municipality's schools together; refusals that
// say what to change; and the schedule's template rendered to PDF and XLSX, read back.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/documents/InterviewSchedule.h"
#include "output/PdfRenderer.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"
#include "output/XlsxText.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

using shnor::test::MissingInOrder;

const std::string kBerestova = "А.С. Берестова";
const std::string kGusev = "И.П. Гусев";
const std::string kMorozova = "О.В. Морозова";

// Seven slots a day: 09:00 … 11:00, lunch 11:00–11:30, 11:30 … 13:00.
InterviewHours ShortDay() {
  return {"09:00", "13:00", "11:00", "11:30", 30};
}

InterviewSchool School(const std::string& code, const std::string& municipality,
                       const std::string& curator) {
  return {code, "СОШ № " + code, municipality, curator};
}

// Municipalities interleaved on purpose: the schedule must gather them.
std::vector<InterviewSchool> Schools() {
  return {School("11", "Вязьма", kBerestova),  School("21", "Смоленск", kGusev),
          School("31", "Гагарин", kBerestova), School("12", "Вязьма", kBerestova),
          School("41", "Ярцево", kMorozova),   School("22", "Смоленск", kGusev),
          School("13", "Вязьма", kBerestova),  School("51", "Угра", kGusev),
          School("32", "Гагарин", kBerestova), School("61", "Ельня", kBerestova),
          School("14", "Вязьма", kBerestova),  School("23", "Смоленск", kGusev),
          School("33", "Гагарин", kBerestova), School("62", "Ельня", kBerestova),
          School("42", "Ярцево", kMorozova),   School("63", "Ельня", kBerestova)};
}

const std::vector<std::string> kDays = {"2020-11-16", "2020-11-17"};

std::vector<InterviewSlot> Schedule() {
  return ScheduleInterviews(Schools(), kDays, ShortDay());
}

std::vector<std::string> Codes(const std::vector<InterviewSlot>& slots) {
  std::vector<std::string> codes;
  for (const auto& s : slots) codes.push_back(s.school_code);
  return codes;
}

std::string ScheduleRefusal(const std::vector<InterviewSchool>& schools,
                            const std::vector<std::string>& days, const InterviewHours& hours) {
  try {
    ScheduleInterviews(schools, days, hours);
  } catch (const ScheduleError& e) {
    return e.what();
  }
  return "";
}

std::string ScheduleRefusal(const InterviewHours& hours) {
  return ScheduleRefusal(Schools(), kDays, hours);
}

// The slots of one day as the schedule hands them out: one curator's schools on one day, as
// many as fit.
std::vector<std::pair<std::string, std::string>> DaySlots(const InterviewHours& hours) {
  std::vector<InterviewSchool> schools;
  std::vector<std::pair<std::string, std::string>> slots;
  for (int n = 1; n <= 40; ++n) {
    schools.push_back(School(std::to_string(n), "Вязьма", kBerestova));
    if (!ScheduleRefusal(schools, {"2020-11-16"}, hours).empty()) break;
    slots.clear();
    for (const auto& s : ScheduleInterviews(schools, {"2020-11-16"}, hours)) {
      slots.emplace_back(s.start, s.end);
    }
  }
  return slots;
}

// --- Reading the rendered files back.

std::string PdfLayoutText(const fs::path& pdf) {
  return test::PdfText(pdf, 0, 0, true);
}

// The single sheet's cells by reference ("C3"), text resolved through the shared strings and
// numbers (dates) as written.
std::map<std::string, std::string> SheetCells(const fs::path& xlsx) {
  pugi::xml_document strings, sheet;
  const std::string strings_xml = shnor::test::ZipEntry(xlsx, "xl/sharedStrings.xml").value_or("");
  const std::string sheet_xml =
      shnor::test::ZipEntry(xlsx, "xl/worksheets/sheet1.xml").value_or("");
  REQUIRE(strings.load_buffer(strings_xml.data(), strings_xml.size()));
  REQUIRE(sheet.load_buffer(sheet_xml.data(), sheet_xml.size()));
  std::vector<std::string> shared;
  for (auto si : strings.select_nodes("//si")) shared.push_back(si.node().child("t").text().get());
  std::map<std::string, std::string> cells;
  for (auto c : sheet.select_nodes("//sheetData/row/c")) {
    const pugi::xml_node cell = c.node();
    const std::string value = cell.child("v").text().get();
    const bool text = std::string(cell.attribute("t").value()) == "s";
    cells[cell.attribute("r").value()] =
        text ? shared.at(static_cast<std::size_t>(std::stoi(value))) : value;
  }
  return cells;
}

nlohmann::json Context(const std::vector<InterviewSlot>& slots) {
  return {{"authority", "Департамент Смоленской области по образованию и науке"},
          {"project", "Проект по оказанию адресной методической помощи школам"},
          {"year", "2020"},
          {"document",
           {{"number", "12-Г"},
            {"date", "10.11.2020"},
            {"date_long", "10 ноября 2020 г."},
            {"iso", "2020-11-10"}}},
          {"signer",
           {{"position", "Начальник департамента"},
            {"name", "Е.В. Иванова"},
            {"full_name", "Иванова Елена Викторовна"}}},
          {"operator_full", "ГАУ ДПО СОИРО"},
          {"schedule_approver",
           {{"position", "Ректор"},
            {"name", "О.П. Лисова"},
            {"full_name", "Лисова Ольга Петровна"},
            {"organisation", "ГАУ ДПО СОИРО"}}},
          {"slots", InterviewSlotsContext(slots)}};
}

}  // namespace

TEST_CASE("a working day is cut into slots around lunch", "[interview]") {
  auto slots = DaySlots({});
  REQUIRE(slots.size() == 14);
  CHECK(slots.front() == std::pair<std::string, std::string>{"09:00", "09:30"});
  CHECK(slots[7] == std::pair<std::string, std::string>{"12:30", "13:00"});
  CHECK(slots[8] == std::pair<std::string, std::string>{"14:00", "14:30"});
  CHECK(slots.back() == std::pair<std::string, std::string>{"16:30", "17:00"});

  // A slot that would straddle lunch waits for its end; none runs past the day's end.
  slots = DaySlots({"09:00", "17:00", "13:00", "14:00", 45});
  REQUIRE(slots.size() == 9);
  CHECK(slots[4] == std::pair<std::string, std::string>{"12:00", "12:45"});
  CHECK(slots[5] == std::pair<std::string, std::string>{"14:00", "14:45"});
  CHECK(slots.back() == std::pair<std::string, std::string>{"16:15", "17:00"});
  CHECK(DaySlots({"09:00", "10:50", "", "", 30}).size() == 3);  // no lunch, 10:30–11:00 left out
}

TEST_CASE("interviews over two days keep lunch and curators apart", "[interview]") {
  const auto slots = Schedule();
  REQUIRE(slots.size() == Schools().size());

  std::vector<std::string> codes = Codes(slots);
  std::sort(codes.begin(), codes.end());
  CHECK(std::adjacent_find(codes.begin(), codes.end()) == codes.end());  // each school once

  for (const auto& s : slots) {
    INFO(s.school_code << " " << s.date << " " << s.start << "–" << s.end);
    CHECK((s.date == kDays[0] || s.date == kDays[1]));
    CHECK(s.start >= "09:00");
    CHECK(s.end <= "13:00");
    CHECK((s.end <= "11:00" || s.start >= "11:30"));  // never across lunch
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    for (std::size_t j = i + 1; j < slots.size(); ++j) {
      const auto& a = slots[i];
      const auto& b = slots[j];
      if (a.curator != b.curator || a.date != b.date) continue;
      INFO(a.curator << ": " << a.school_code << " and " << b.school_code << " on " << a.date);
      CHECK((a.end <= b.start || b.end <= a.start));
    }
  }
  CHECK(std::is_sorted(slots.begin(), slots.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.start, a.curator) < std::tie(b.date, b.start, b.curator);
  }));
}

TEST_CASE("a municipality's schools take consecutive slots of their curator", "[interview]") {
  const auto slots = Schedule();
  // Берестова: Вязьма, Гагарин, then Ельня on the second day; Гусев: Смоленск, Угра; Морозова:
  // Ярцево. Municipalities in order of first appearance, schools in the given order.
  std::map<std::string, std::vector<std::string>> by_curator;
  for (const auto& s : slots) by_curator[s.curator].push_back(s.school_code);
  CHECK(by_curator[kBerestova] ==
        std::vector<std::string>{"11", "12", "13", "14", "31", "32", "33", "61", "62", "63"});
  CHECK(by_curator[kGusev] == std::vector<std::string>{"21", "22", "23", "51"});
  CHECK(by_curator[kMorozova] == std::vector<std::string>{"41", "42"});

  // The whole schedule, sorted by date, time and curator.
  CHECK(Codes(slots) == std::vector<std::string>{"11", "21", "41", "12", "22", "42", "13", "23",
                                                 "14", "51", "31", "32", "33", "61", "62", "63"});
  const auto& gagarin = slots[10];
  CHECK(gagarin.school_code == "31");
  CHECK(gagarin.date == "2020-11-16");
  CHECK(gagarin.start == "11:30");  // after lunch
  CHECK(gagarin.end == "12:00");
  CHECK(gagarin.municipality == "Гагарин");
  CHECK(gagarin.school_name == "СОШ № 31");
  const auto& yelnya = slots[13];
  CHECK(yelnya.date == "2020-11-17");
  CHECK(yelnya.start == "09:00");
  CHECK(yelnya.curator == kBerestova);
}

TEST_CASE("different curators interview at the same time", "[interview]") {
  const auto slots = Schedule();
  std::vector<std::string> at_nine;
  for (const auto& s : slots) {
    if (s.date == "2020-11-16" && s.start == "09:00") at_nine.push_back(s.curator);
  }
  CHECK(at_nine == std::vector<std::string>{kBerestova, kGusev, kMorozova});

  const auto two = ScheduleInterviews(
      {School("1", "Угра", kMorozova), School("2", "Вязьма", kBerestova)}, {"2020-11-18"});
  REQUIRE(two.size() == 2);
  CHECK(two[0].curator == kBerestova);
  CHECK(two[1].curator == kMorozova);
  CHECK(two[0].start == "09:00");
  CHECK(two[1].start == "09:00");
}

TEST_CASE("an impossible request names how many slots each short curator lacks", "[interview]") {
  std::vector<InterviewSchool> schools;
  for (int i = 0; i < 10; ++i)
    schools.push_back(School("b" + std::to_string(i), "Вязьма", kBerestova));
  for (int i = 0; i < 7; ++i)
    schools.push_back(School("g" + std::to_string(i), "Смоленск", kGusev));
  for (int i = 0; i < 9; ++i)
    schools.push_back(School("m" + std::to_string(i), "Ярцево", kMorozova));
  CHECK(ScheduleRefusal(schools, {"2020-11-16"}, ShortDay()) ==
        "Не хватает слотов собеседований: куратор А.С. Берестова — 3 (школ 10, слотов 7); "
        "куратор О.В. Морозова — 2 (школ 9, слотов 7). Добавьте дни собеседований или сократите "
        "длительность слота");
  CHECK_NOTHROW(ScheduleInterviews(schools, kDays, ShortDay()));
  // A day too short for a single slot.
  CHECK_THAT(ScheduleRefusal(schools, kDays, {"09:00", "09:20", "", "", 30}),
             Contains("куратор И.П. Гусев — 7 (школ 7, слотов 0)"));
  CHECK_THROWS_AS(ScheduleInterviews(schools, {"2020-11-16"}, ShortDay()), InputError);
}

TEST_CASE("malformed hours are refused with what to fix", "[interview]") {
  CHECK(ScheduleRefusal({"09:00", "08:00", "", "", 30}) ==
        "Рабочий день заканчивается (08:00) не позже, чем начинается (09:00)");
  CHECK(ScheduleRefusal({"09:00", "09:00", "", "", 30}) ==
        "Рабочий день заканчивается (09:00) не позже, чем начинается (09:00)");
  CHECK(ScheduleRefusal({"09:00", "17:00", "08:00", "09:00", 30}) ==
        "Обед 08:00–09:00 выходит за рабочий день 09:00–17:00");
  CHECK(ScheduleRefusal({"09:00", "17:00", "16:30", "17:30", 30}) ==
        "Обед 16:30–17:30 выходит за рабочий день 09:00–17:00");
  CHECK(ScheduleRefusal({"09:00", "17:00", "14:00", "13:00", 30}) ==
        "Обед заканчивается (13:00) не позже, чем начинается (14:00)");
  CHECK(ScheduleRefusal({"09:00", "17:00", "13:00", "14:00", 0}) ==
        "Длительность слота собеседования должна быть больше нуля, задано 0 мин.");
  CHECK_THAT(ScheduleRefusal({"09:00", "17:00", "13:00", "14:00", -30}),
             Contains("задано -30 мин."));
  CHECK(ScheduleRefusal({"9:00", "17:00", "13:00", "14:00", 30}) ==
        "Время начала рабочего дня «9:00» не в формате ЧЧ:ММ (например, 09:00)");
  CHECK_THAT(ScheduleRefusal({"09:00", "24:00", "13:00", "14:00", 30}),
             Contains("окончания рабочего дня «24:00»"));
  CHECK_THAT(ScheduleRefusal({"09:00", "17:00", "12:60", "14:00", 30}),
             Contains("начала обеда «12:60»"));
  CHECK_THAT(ScheduleRefusal({"09:00", "17:00", "13:00", "14.00", 30}),
             Contains("окончания обеда «14.00»"));
  CHECK_THAT(ScheduleRefusal({"09:00", "17:00", "", "14:00", 30}), Contains("начала обеда «»"));
  CHECK_THAT(ScheduleRefusal({"ab:cd", "17:00", "13:00", "14:00", 30}), Contains("«ab:cd»"));
}

TEST_CASE("malformed days and schools are refused", "[interview]") {
  CHECK(ScheduleRefusal(Schools(), {}, ShortDay()) == "Не заданы дни собеседований");
  CHECK(ScheduleRefusal(Schools(), {"2020-11-16", "2020-11-31"}, ShortDay()) ==
        "День собеседований «2020-11-31» не является датой в формате ГГГГ-ММ-ДД");
  CHECK(ScheduleRefusal(Schools(), {"17.11.2020"}, ShortDay()) ==
        "День собеседований «17.11.2020» не является датой в формате ГГГГ-ММ-ДД");
  CHECK(ScheduleRefusal(Schools(), {"2020-11-17", "2020-11-16"}, ShortDay()) ==
        "Дни собеседований должны идти по возрастанию без повторов: 2020-11-16 указан после "
        "2020-11-17");
  CHECK_THAT(ScheduleRefusal(Schools(), {"2020-11-16", "2020-11-16"}, ShortDay()),
             Contains("без повторов"));
  auto schools = Schools();
  schools[2].curator = "";
  CHECK(ScheduleRefusal(schools, kDays, ShortDay()) ==
        "У школы «СОШ № 31» (31) не назначен куратор");
  schools = Schools();
  schools.push_back(School("12", "Угра", kGusev));
  CHECK(ScheduleRefusal(schools, kDays, ShortDay()) ==
        "Школа с кодом «12» указана в графике дважды");
  CHECK(ScheduleInterviews({}, kDays, ShortDay()).empty());
}

TEST_CASE("the slots context gives Russian dates and time ranges", "[interview]") {
  const auto context = InterviewSlotsContext(Schedule());
  REQUIRE(context.size() == Schools().size());
  const auto gagarin = std::find_if(context.begin(), context.end(),
                                    [](const auto& s) { return s["school"] == "СОШ № 31"; });
  REQUIRE(gagarin != context.end());
  CHECK(*gagarin == nlohmann::json{{"municipality", "Гагарин"},
                                   {"school", "СОШ № 31"},
                                   {"code", "31"},
                                   {"date", "16.11.2020"},
                                   {"date_iso", "2020-11-16"},
                                   {"time", "11:30–12:00"},
                                   {"curator", kBerestova}});
  CHECK(InterviewSlotsContext({}) == nlohmann::json::array());
}

TEST_CASE("the slots context groups the slots curator by curator", "[interview]") {
  const auto context = InterviewSlotsContext(Schedule());
  std::vector<std::string> curators;
  for (const auto& s : context) {
    if (curators.empty() || curators.back() != s["curator"]) curators.push_back(s["curator"]);
  }
  // Each curator's slots in one run, in the order of their first slot, by date and time.
  CHECK(curators == std::vector<std::string>{kBerestova, kGusev, kMorozova});
  for (std::size_t i = 1; i < context.size(); ++i) {
    if (context[i]["curator"] != context[i - 1]["curator"]) continue;
    const std::string a =
        context[i - 1]["date_iso"].get<std::string>() + context[i - 1]["time"].get<std::string>();
    const std::string b =
        context[i]["date_iso"].get<std::string>() + context[i]["time"].get<std::string>();
    CHECK(a < b);
  }
}

TEST_CASE("the interview schedule renders to PDF and XLSX curator by curator", "[interview]") {
  const auto tmpl = output::LoadTemplate(test::SourceDir() / "templates/interview-schedule.yaml");
  const nlohmann::json context = Context(Schedule());
  const nlohmann::json& slots = context["slots"];
  const output::Document doc = output::RenderTemplate(tmpl, context);
  CHECK(doc.template_id == "interview-schedule");
  CHECK(doc.date == "2020-11-10");
  // Approved by the person the campaign names, not «by an order» with its own number.
  CHECK(std::get<output::ApprovalStamp>(doc.blocks[0]).lines ==
        std::vector<std::string>{"УТВЕРЖДАЮ", "Ректор", "ГАУ ДПО СОИРО", "____________ О.П. Лисова",
                                 "10.11.2020"});

  test::TempDir dir;
  test::WriteText(dir / "schedule.pdf", output::RenderPdf(doc));
  const std::string text = PdfLayoutText(dir / "schedule.pdf");
  CHECK(text.find("приказом") == std::string::npos);
  std::vector<std::string> in_order = {
      "УТВЕРЖДАЮ",           "ГАУ ДПО СОИРО", "График собеседований на 2020 год",
      "видеоконференцсвязи", "30 минут",      "График собеседований с"};
  for (const auto& s : slots) in_order.push_back(s["school"]);
  CHECK(MissingInOrder(text, in_order) == "");
  CHECK_THAT(text, Contains("11:30–12:00"));

  output::WriteXlsx(doc, dir / "schedule.xlsx", "2020-11-10");
  CHECK_THAT(shnor::test::ZipEntry(dir / "schedule.xlsx", "xl/workbook.xml").value_or(""),
             Contains("name=\"График\""));
  auto cells = SheetCells(dir / "schedule.xlsx");
  // The approval stamp takes the first rows at the right, an empty row after it; then the sheet's
  // title, which says which year's schedule it is, with its number and date.
  CHECK(cells["E1"] == "УТВЕРЖДАЮ");
  CHECK_THAT(cells["A7"], Contains("на 2020 год") && Contains("12-Г") && Contains("10.11.2020"));
  CHECK(cells["A8"] == "№");
  CHECK(cells["B8"] == "Куратор");
  CHECK(cells["F8"] == "Образовательная организация");
  const std::map<std::string, std::string> serial = {{"2020-11-16", "44151"},
                                                     {"2020-11-17", "44152"}};
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::string row = std::to_string(i + 9);  // after the stamp, the title and the header
    INFO("row " << row);
    CHECK(cells["A" + row] == std::to_string(i + 1));
    CHECK(cells["B" + row] == output::KeepTogether(slots[i]["curator"].get<std::string>()));
    CHECK(cells["C" + row] == serial.at(slots[i]["date_iso"]));  // a real date
    CHECK(cells["D" + row] == slots[i]["time"]);
    CHECK(cells["E" + row] == output::KeepTogether(slots[i]["municipality"].get<std::string>()));
    CHECK(cells["F" + row] == output::KeepTogether(slots[i]["school"].get<std::string>()));
  }
  CHECK(cells.count("A" + std::to_string(slots.size() + 9)) == 0);
}
