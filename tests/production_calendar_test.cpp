// The production calendar: the shipped years against the decrees' totals and named facts,
// working-day arithmetic over holidays and year boundaries, and every refusal of a malformed
// calendar file with its line.
#include <catch2/catch.hpp>

#include <array>
#include <fstream>
#include <random>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "engine/calendar/ProductionCalendar.h"

using namespace shnor;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path CalendarDir() {
  return std::filesystem::path(SHNOR_SOURCE_DIR) / "workflows" / "calendars";
}

const ProductionCalendar& Shipped() {
  static const ProductionCalendar calendar = ProductionCalendar::LoadDirectory(CalendarDir());
  return calendar;
}

// One shipped year alone, to see what happens at its edges.
ProductionCalendar OnlyYear(int year) {
  const auto path = CalendarDir() / (std::to_string(year) + ".yaml");
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return ProductionCalendar::LoadText(text.str(), path.string());
}

Date D(const std::string& iso) {
  const auto date = ParseIsoDate(iso);
  REQUIRE(date);
  return *date;
}

std::string Iso(Date date) {
  return FormatIsoDate(date);
}

// Hours of a 40-hour five-day week: eight per working day, one less on each shortened day the
// year's file lists (the loader has checked that each is a working day).
int WorkingHours(int year) {
  const auto file = YAML::LoadFile((CalendarDir() / (std::to_string(year) + ".yaml")).string());
  return 8 * Shipped().WorkingDaysInYear(year) - static_cast<int>(file["shortened"].size());
}

std::array<int, 12> WorkingDaysByMonth(const ProductionCalendar& calendar, int year) {
  std::array<int, 12> days{};
  for (unsigned m = 1; m <= 12; ++m) {
    const auto ym = std::chrono::year{year} / std::chrono::month{m};
    days[m - 1] = calendar.WorkingDaysBetween(ym / 1, Date{ym / std::chrono::last});
  }
  return days;
}

// A valid one-year file: 2030 has 261 weekdays, less 1 January (a Tuesday).
const std::string kValid = R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-01-01
working_weekends: []
shortened: []
)";

CalendarFileError RefusalOf(const std::string& yaml) {
  try {
    ProductionCalendar::LoadText(yaml, "test.yaml");
  } catch (const CalendarFileError& e) {
    return e;
  }
  FAIL("the file was accepted");
  throw std::logic_error("unreachable");
}

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("shnor-calendar-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

// --- The shipped years -------------------------------------------------------------------------

TEST_CASE("Every shipped year from 2024 to 2027 loads from workflows/calendars", "[calendar]") {
  CHECK(Shipped().Years() == std::vector<int>{2024, 2025, 2026, 2027});
  for (int year = 2024; year <= 2027; ++year) CHECK(Shipped().Covers(year));
  CHECK_FALSE(Shipped().Covers(2023));
  CHECK_FALSE(Shipped().Covers(2028));
}

TEST_CASE("2024 has 248 working days as the decree says", "[calendar]") {
  CHECK(Shipped().WorkingDaysInYear(2024) == 248);
}

TEST_CASE("2025 has 247 working days as the decree says", "[calendar]") {
  CHECK(Shipped().WorkingDaysInYear(2025) == 247);
}

TEST_CASE("2026 has 247 working days as the decree says", "[calendar]") {
  CHECK(Shipped().WorkingDaysInYear(2026) == 247);
}

TEST_CASE("2027 has 247 working days in its provisional calendar", "[calendar]") {
  CHECK(Shipped().WorkingDaysInYear(2027) == 247);
}

TEST_CASE("Working hours of a 40-hour week match the yearly norms", "[calendar]") {
  // The norms count shortened days, so they check the `shortened` lists as well.
  CHECK(WorkingHours(2024) == 1979);
  CHECK(WorkingHours(2025) == 1972);
  CHECK(WorkingHours(2026) == 1972);
  CHECK(WorkingHours(2027) == 1972);
}

TEST_CASE("Working days per month of 2024 and 2025 match the official tables", "[calendar]") {
  CHECK(WorkingDaysByMonth(Shipped(), 2024) ==
        std::array<int, 12>{17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21});
  CHECK(WorkingDaysByMonth(Shipped(), 2025) ==
        std::array<int, 12>{17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22});
}

TEST_CASE("27 April, 2 November and 28 December 2024 are working Saturdays", "[calendar]") {
  CHECK(Shipped().IsWorkingDay(D("2024-04-27")));
  CHECK(Shipped().IsWorkingDay(D("2024-11-02")));
  CHECK(Shipped().IsWorkingDay(D("2024-12-28")));
  CHECK_FALSE(Shipped().IsWorkingDay(D("2024-04-28")));  // the Sunday after stays off
}

TEST_CASE("29 and 30 April and 1, 9 and 10 May 2024 are days off", "[calendar]") {
  for (const char* day : {"2024-04-29", "2024-04-30", "2024-05-01", "2024-05-09", "2024-05-10"}) {
    INFO(day);
    CHECK_FALSE(Shipped().IsWorkingDay(D(day)));
  }
  CHECK(Shipped().IsWorkingDay(D("2024-05-02")));
  CHECK(Shipped().IsWorkingDay(D("2024-05-08")));
}

TEST_CASE("1 November 2025 is a working Saturday and 3 November a day off", "[calendar]") {
  CHECK(Shipped().IsWorkingDay(D("2025-11-01")));
  CHECK_FALSE(Shipped().IsWorkingDay(D("2025-11-03")));
  CHECK_FALSE(Shipped().IsWorkingDay(D("2025-11-04")));
}

TEST_CASE("2026 moves 3 and 4 January to 9 January and 31 December", "[calendar]") {
  CHECK_FALSE(Shipped().IsWorkingDay(D("2026-01-09")));
  CHECK_FALSE(Shipped().IsWorkingDay(D("2026-12-31")));
  CHECK_FALSE(Shipped().IsWorkingDay(D("2026-03-09")));  // 8 March is a Sunday
  CHECK_FALSE(Shipped().IsWorkingDay(D("2026-05-11")));  // 9 May is a Saturday
  CHECK(Shipped().IsWorkingDay(D("2026-12-30")));
}

TEST_CASE("New Year holidays run from 1 to 8 January in every shipped year", "[calendar]") {
  for (int year = 2024; year <= 2027; ++year) {
    for (int day = 1; day <= 8; ++day) {
      const Date date = std::chrono::year{year} / 1 / day;
      INFO(Iso(date));
      CHECK_FALSE(Shipped().IsWorkingDay(date));
    }
  }
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2024-01-01"))) == "2024-01-09");
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2025-01-01"))) == "2025-01-09");
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2026-01-01"))) == "2026-01-12");
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2027-01-01"))) == "2027-01-11");
}

TEST_CASE("31 December is a day off in every shipped year", "[calendar]") {
  for (int year = 2024; year <= 2027; ++year) {
    INFO(year);
    CHECK_FALSE(Shipped().IsWorkingDay(std::chrono::year{year} / 12 / 31));
  }
}

// --- Arithmetic --------------------------------------------------------------------------------

TEST_CASE("Adding working days skips the May holidays of 2024", "[calendar]") {
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-04-27"), 1)) == "2024-05-02");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-04-26"), 2)) == "2024-05-02");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-08"), 1)) == "2024-05-13");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-04-25"), 8)) == "2024-05-13");
}

TEST_CASE("Adding working days crosses into the next year when both are loaded", "[calendar]") {
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-12-28"), 3)) == "2025-01-13");
  CHECK(Iso(Shipped().AddWorkingDays(D("2026-12-30"), 1)) == "2027-01-11");
}

TEST_CASE("Crossing into a year that is not loaded throws and names that year", "[calendar]") {
  const ProductionCalendar only2024 = OnlyYear(2024);
  CHECK_THROWS_AS(only2024.AddWorkingDays(D("2024-12-28"), 3), CalendarError);
  CHECK_THROWS_WITH(only2024.AddWorkingDays(D("2024-12-28"), 3),
                    Contains("2025 год не загружен") && Contains("есть 2024"));
  CHECK_THROWS_WITH(only2024.AddWorkingDays(D("2024-01-09"), -1), Contains("2023 год"));
  CHECK_THROWS_WITH(only2024.NextWorkingDayOnOrAfter(D("2024-12-29")), Contains("2025"));
  CHECK_THROWS_WITH(only2024.WorkingDaysBetween(D("2024-12-01"), D("2025-01-31")),
                    Contains("2025"));
}

TEST_CASE("A negative count goes back over days off", "[calendar]") {
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-13"), -1)) == "2024-05-08");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-02"), -2)) == "2024-04-26");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-02"), -1)) == "2024-04-27");
  CHECK(Iso(Shipped().AddWorkingDays(D("2025-01-09"), -1)) == "2024-12-28");
}

TEST_CASE("Adding zero working days returns the day itself even on a day off", "[calendar]") {
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-09"), 0)) == "2024-05-09");
  CHECK(Iso(Shipped().AddWorkingDays(D("2024-05-08"), 0)) == "2024-05-08");
}

TEST_CASE("The nearest working day on or after and on or before skips days off", "[calendar]") {
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2024-05-08"))) == "2024-05-08");
  CHECK(Iso(Shipped().NextWorkingDayOnOrAfter(D("2024-05-09"))) == "2024-05-13");
  CHECK(Iso(Shipped().PreviousWorkingDayOnOrBefore(D("2024-05-12"))) == "2024-05-08");
  CHECK(Iso(Shipped().PreviousWorkingDayOnOrBefore(D("2025-01-08"))) == "2024-12-28");
  CHECK(Iso(Shipped().PreviousWorkingDayOnOrBefore(D("2025-11-02"))) == "2025-11-01");
}

TEST_CASE("Working days between two dates count both ends", "[calendar]") {
  CHECK(Shipped().WorkingDaysBetween(D("2024-05-08"), D("2024-05-08")) == 1);
  CHECK(Shipped().WorkingDaysBetween(D("2024-05-09"), D("2024-05-09")) == 0);
  CHECK(Shipped().WorkingDaysBetween(D("2024-05-08"), D("2024-05-02")) == 0);
  CHECK(Shipped().WorkingDaysBetween(D("2024-04-27"), D("2024-05-12")) == 6);
  CHECK(Shipped().WorkingDaysBetween(D("2025-01-01"), D("2025-01-31")) == 17);
  CHECK(Shipped().WorkingDaysBetween(D("2024-12-28"), D("2025-01-13")) == 4);
  CHECK(Shipped().WorkingDaysBetween(D("2024-01-01"), D("2027-12-31")) == 248 + 247 + 247 + 247);
}

TEST_CASE("The fifth working day of January 2025 is 15 January", "[calendar]") {
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2025, 1, 5)) == "2025-01-15");
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2025, 1, 1)) == "2025-01-09");
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2025, 1, 17)) == "2025-01-31");
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2026, 1, 1)) == "2026-01-12");
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2025, 11, 1)) == "2025-11-01");  // a Saturday
  CHECK(Iso(Shipped().NthWorkingDayOfMonth(2024, 5, 5)) == "2024-05-08");
}

TEST_CASE("A working day number beyond the month is refused in Russian", "[calendar]") {
  CHECK_THROWS_WITH(Shipped().NthWorkingDayOfMonth(2025, 1, 18),
                    Contains("в январе 2025 года только 17 рабочих дней"));
  CHECK_THROWS_WITH(Shipped().NthWorkingDayOfMonth(2025, 5, 20),
                    Contains("в мае 2025 года только 18 рабочих дней"));
  CHECK_THROWS_AS(Shipped().NthWorkingDayOfMonth(2025, 1, 0), CalendarError);
  CHECK_THROWS_AS(Shipped().NthWorkingDayOfMonth(2025, 13, 1), CalendarError);
}

TEST_CASE("A regional holiday is a day off that moves deadlines", "[calendar]") {
  // Bashkortostan's Republic Day, 11 October 2025, a Saturday, was given on Monday 13 October.
  ProductionCalendar calendar = Shipped();
  calendar.AddRegionalHolidays({D("2025-10-13")});
  CHECK_FALSE(calendar.IsWorkingDay(D("2025-10-13")));
  CHECK(Iso(calendar.AddWorkingDays(D("2025-10-10"), 1)) == "2025-10-14");
  CHECK(calendar.WorkingDaysInYear(2025) == 246);
  CHECK(Shipped().IsWorkingDay(D("2025-10-13")));  // the federal calendar is untouched
}

TEST_CASE("A regional holiday added before its year is loaded applies once merged", "[calendar]") {
  ProductionCalendar calendar = OnlyYear(2024);
  calendar.AddRegionalHolidays({D("2025-10-13")});
  calendar.Merge(OnlyYear(2025));
  CHECK_FALSE(calendar.IsWorkingDay(D("2025-10-13")));
}

TEST_CASE("A year outside 2024 to 2027 throws with the year in the message", "[calendar]") {
  CHECK_THROWS_AS(Shipped().IsWorkingDay(D("2028-01-10")), CalendarError);
  CHECK_THROWS_WITH(Shipped().IsWorkingDay(D("2028-01-10")),
                    "производственный календарь на 2028 год не загружен (есть 2024–2027)");
  CHECK_THROWS_WITH(Shipped().IsWorkingDay(D("2023-12-29")), Contains("2023"));
  CHECK_THROWS_WITH(Shipped().WorkingDaysInYear(2028), Contains("2028"));
  CHECK_THROWS_WITH(Shipped().NthWorkingDayOfMonth(2028, 1, 1), Contains("2028"));
  CHECK_THROWS_WITH(Shipped().AddWorkingDays(D("2027-12-30"), 1), Contains("2028"));
}

TEST_CASE("Years from separate sources merge and a year twice is refused", "[calendar]") {
  ProductionCalendar calendar = OnlyYear(2024);
  calendar.Merge(OnlyYear(2026));
  CHECK(calendar.Years() == std::vector<int>{2024, 2026});
  CHECK_THROWS_WITH(calendar.IsWorkingDay(D("2025-03-03")),
                    Contains("на 2025 год не загружен (есть 2024, 2026)"));
  CHECK_THROWS_AS(calendar.Merge(OnlyYear(2026)), CalendarFileError);
}

// --- Refused files -----------------------------------------------------------------------------

TEST_CASE("A valid file loads and a holiday listed on a weekend changes nothing", "[calendar]") {
  CHECK(ProductionCalendar::LoadText(kValid, "test.yaml").WorkingDaysInYear(2030) == 260);
  const auto calendar = ProductionCalendar::LoadText(R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-01-01
  - 2030-01-05
working_weekends:
shortened:
)",
                                                     "test.yaml");
  CHECK_FALSE(calendar.IsWorkingDay(D("2030-01-05")));
}

TEST_CASE("A refusal reads file, line and reason", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-02-30
)");
  CHECK(error.file() == "test.yaml");
  CHECK(error.line() == 5);
  CHECK_THAT(error.what(), Contains("test.yaml:5: «2030-02-30» — не дата"));
  CHECK_THAT(RefusalOf("source: x\nworking_days: 1\n").what(), Contains("test.yaml: нет поля"));
}

TEST_CASE("A file without a year is refused", "[calendar]") {
  const auto error = RefusalOf("source: \"тест\"\nworking_days: 260\n");
  CHECK(error.line() == 0);
  CHECK_THAT(error.reason(), Contains("«year»"));
}

TEST_CASE("A year that is not four digits is refused on its line", "[calendar]") {
  const auto error = RefusalOf("source: \"тест\"\nyear: двадцать\nworking_days: 260\n");
  CHECK(error.line() == 2);
  CHECK_THAT(error.reason(), Contains("четырёх цифр"));
}

TEST_CASE("A file without its decree or its yearly total is refused", "[calendar]") {
  CHECK_THAT(RefusalOf("year: 2030\nworking_days: 260\n").reason(), Contains("«source»"));
  CHECK_THAT(RefusalOf("year: 2030\nsource: \"тест\"\n").reason(), Contains("«working_days»"));
  const auto error = RefusalOf("year: 2030\nsource: \"тест\"\nworking_days: много\n");
  CHECK(error.line() == 3);
  CHECK_THAT(error.reason(), Contains("целым числом"));
}

TEST_CASE("A date of another year is refused on its line", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-01-01
  - 2031-01-01
)");
  CHECK(error.line() == 6);
  CHECK_THAT(error.reason(), Contains("относится к 2031 году, а файл описывает 2030 год"));
}

TEST_CASE("A date listed twice in one list is refused", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-01-01
  - 2030-01-01
)");
  CHECK(error.line() == 6);
  CHECK_THAT(error.reason(), Contains("уже указана в holidays (строка 5)"));
}

TEST_CASE("A date both off and a working weekend is refused", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 261
holidays:
  - 2030-01-01
  - 2030-01-05
working_weekends:
  - 2030-01-05
)");
  CHECK(error.line() == 8);
  CHECK_THAT(error.reason(), Contains("holidays, строка 6"));
}

TEST_CASE("A working weekend that is a weekday is refused", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 261
holidays:
  - 2030-01-01
working_weekends:
  - 2030-01-04
)");
  CHECK(error.line() == 7);
  CHECK_THAT(error.reason(), Contains("2030-01-04 — пятница"));
}

TEST_CASE("A shortened day that is not worked is refused", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 260
holidays:
  - 2030-01-01
shortened:
  - 2030-01-02
  - 2030-01-05
)");
  CHECK(error.line() == 8);
  CHECK_THAT(error.reason(), Contains("сокращённый день 2030-01-05 не рабочий"));
}

TEST_CASE("A yearly total that differs from the lists is refused on its line", "[calendar]") {
  const auto error = RefusalOf(R"(year: 2030
source: "тест"
working_days: 259
holidays:
  - 2030-01-01
)");
  CHECK(error.line() == 3);
  CHECK_THAT(error.reason(), Contains("в 2030 году 260 рабочих дней, а working_days = 259"));
}

TEST_CASE("An unknown or repeated field is refused on its line", "[calendar]") {
  auto error =
      RefusalOf("year: 2030\nsource: \"тест\"\nworking_days: 261\nholiday:\n  - 2030-01-01\n");
  CHECK(error.line() == 4);
  CHECK_THAT(error.reason(), Contains("неизвестное поле «holiday»"));
  error = RefusalOf("year: 2030\nsource: \"тест\"\nworking_days: 261\nyear: 2031\n");
  CHECK(error.line() == 4);
  CHECK_THAT(error.reason(), Contains("указано дважды"));
}

TEST_CASE("A list of dates written as a single value is refused", "[calendar]") {
  const auto error =
      RefusalOf("year: 2030\nsource: \"тест\"\nworking_days: 260\nholidays: 2030-01-01\n");
  CHECK(error.line() == 4);
  CHECK_THAT(error.reason(), Contains("списком дат"));
}

TEST_CASE("A provisional flag that is not true or false is refused", "[calendar]") {
  const auto error = RefusalOf(
      "year: 2030\nsource: \"тест\"\nprovisional: наверное\n"
      "working_days: 261\n");
  CHECK(error.line() == 3);
}

TEST_CASE("Broken YAML, an empty file and a bare list are refused", "[calendar]") {
  const auto broken = RefusalOf("year: 2030\nsource: тест: да\nworking_days: 261\n");
  CHECK(broken.line() == 2);
  CHECK_THAT(broken.reason(), Contains("YAML"));
  CHECK_THAT(RefusalOf("").reason(), Contains("пуст"));
  const auto list = RefusalOf("- 2030-01-01\n");
  CHECK(list.line() == 1);
  CHECK_THAT(list.reason(), Contains("ожидаются поля"));
}

TEST_CASE("A folder with the same year twice names the second file", "[calendar]") {
  TempDir dir;
  dir.Write("a.yaml", kValid);
  dir.Write("b.yaml", "# the same year again\n" + kValid);
  dir.Write("README.txt", "not a calendar");
  try {
    ProductionCalendar::LoadDirectory(dir.path());
    FAIL("the folder was accepted");
  } catch (const CalendarFileError& e) {
    CHECK(e.file() == (dir.path() / "b.yaml").string());
    CHECK(e.line() == 2);
    CHECK_THAT(e.reason(), Contains("2030 год уже загружен") && Contains("a.yaml"));
  }
}

TEST_CASE("A refused file in a folder is named by its path", "[calendar]") {
  TempDir dir;
  dir.Write("2030.yaml", "year: 2030\nsource: \"тест\"\nworking_days: 1\n");
  try {
    ProductionCalendar::LoadDirectory(dir.path());
    FAIL("the folder was accepted");
  } catch (const CalendarFileError& e) {
    CHECK(e.file() == (dir.path() / "2030.yaml").string());
    CHECK(e.line() == 3);
  }
}

TEST_CASE("A missing or empty calendar folder is refused", "[calendar]") {
  TempDir dir;
  CHECK_THROWS_WITH(ProductionCalendar::LoadDirectory(dir.path() / "absent"),
                    Contains("не найдена"));
  CHECK_THROWS_WITH(ProductionCalendar::LoadDirectory(dir.path()), Contains("нет файлов"));
}
