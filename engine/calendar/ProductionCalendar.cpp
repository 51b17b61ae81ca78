#include "engine/calendar/ProductionCalendar.h"

#include "engine/base/Text.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

namespace shnor {

namespace {

using Days = std::chrono::sys_days;

// A date from a list in the file, with its line for messages.
struct Entry {
  Days day;
  int line;
};

struct YearFile {
  int year = 0;
  int year_line = 0;
  int working_days = 0;
  int working_days_line = 0;
  std::vector<Entry> holidays;
  std::vector<Entry> working_weekends;
  std::vector<Entry> shortened;
};

constexpr std::array<const char*, 7> kKeys = {
    "year", "source", "provisional", "working_days", "holidays", "working_weekends", "shortened"};

int YearOf(Date day) {
  return static_cast<int>(day.year());
}

bool IsWeekend(Days day) {
  const std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

std::string WeekdayName(Days day) {
  static constexpr std::array<const char*, 7> kNames = {
      "воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"};
  return kNames[std::chrono::weekday{day}.c_encoding()];
}

std::string WorkingDaysText(int n) {
  return CountOf(n, "рабочий день", "рабочих дня", "рабочих дней");
}

std::string MonthInText(unsigned month) {
  static constexpr std::array<const char*, 12> kMonths = {
      "январе", "феврале", "марте",    "апреле",  "мае",    "июне",
      "июле",   "августе", "сентябре", "октябре", "ноябре", "декабре"};
  return kMonths[month - 1];
}

// "есть 2024–2027", "есть 2024, 2026–2027".
std::string LoadedYearsText(const std::vector<int>& years) {
  if (years.empty()) return "не загружено ни одного года";
  std::string out = "есть ";
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    if (i > 0) out += ", ";
    out += std::to_string(years[i]);
    if (j > i) out += "–" + std::to_string(years[j]);
    i = j + 1;
  }
  return out;
}

int LineOf(const YAML::Node& node) {
  return node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
}

std::optional<int> AsCount(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  if (text.empty() || text.size() > 6) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoi(text);
}

// Reads one year's file and checks what can be checked without counting days.
class FileReader {
 public:
  FileReader(std::string_view yaml, std::string source) : source_(std::move(source)) {
    Parse(yaml);
  }
  YearFile Read();

 private:
  [[noreturn]] void Fail(int line, const std::string& reason) const {
    throw CalendarFileError(source_, line, reason);
  }
  void Parse(std::string_view yaml);
  void ScanKeys();
  void Require(const std::string& key, const std::string& what) const;
  void ReadYear(YearFile& file) const;
  void ReadSource() const;
  void ReadWorkingDays(YearFile& file) const;
  void CheckProvisional() const;
  std::vector<Entry> ReadDates(const std::string& key, int year) const;
  Entry ReadDate(const YAML::Node& item, int year) const;
  void CheckWorkingWeekends(const YearFile& file) const;

  std::string source_;
  YAML::Node root_;
  std::map<std::string, int> key_lines_;
};

void FileReader::Parse(std::string_view yaml) {
  try {
    root_ = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    Fail(e.mark.line >= 0 ? e.mark.line + 1 : 0, "ошибка разметки YAML: " + e.msg);
  }
  if (root_.IsNull()) Fail(0, "файл пуст");
  if (!root_.IsMap()) {
    Fail(LineOf(root_),
         "ожидаются поля year, source, working_days, holidays, working_weekends, "
         "shortened");
  }
}

void FileReader::ScanKeys() {
  for (const auto& pair : root_) {
    const std::string name = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
    const int line = LineOf(pair.first);
    if (std::find(kKeys.begin(), kKeys.end(), name) == kKeys.end()) {
      Fail(line, "неизвестное поле «" + name +
                     "»; ожидаются year, source, provisional, working_days, holidays, "
                     "working_weekends, shortened");
    }
    if (key_lines_.count(name) > 0) Fail(line, "поле «" + name + "» указано дважды");
    key_lines_[name] = line;
  }
}

void FileReader::Require(const std::string& key, const std::string& what) const {
  if (key_lines_.count(key) == 0) Fail(0, "нет поля «" + key + "» — " + what);
}

void FileReader::ReadYear(YearFile& file) const {
  Require("year", "год, который описывает файл");
  const YAML::Node node = root_["year"];
  const auto year = AsCount(node);
  file.year_line = key_lines_.at("year");
  if (!year || *year < 1000 || *year > 9999) {
    Fail(file.year_line, "year должен быть годом из четырёх цифр, например 2025");
  }
  file.year = *year;
}

void FileReader::ReadSource() const {
  Require("source",
          "постановление Правительства о переносе выходных дней, по которому составлен "
          "календарь");
  const YAML::Node node = root_["source"];
  if (!node.IsScalar() || node.Scalar().empty()) {
    Fail(key_lines_.at("source"), "source должен быть текстом: номер и дата постановления");
  }
}

void FileReader::ReadWorkingDays(YearFile& file) const {
  Require("working_days", "число рабочих дней в году по постановлению, им проверяется файл");
  const auto count = AsCount(root_["working_days"]);
  file.working_days_line = key_lines_.at("working_days");
  if (!count) Fail(file.working_days_line, "working_days должно быть целым числом, например 247");
  file.working_days = *count;
}

// `provisional` and `shortened` are notes for the people who keep the files (the decree is not
// adopted yet; the pre-holiday days a worker leaves an hour early): deadlines are counted in
// whole days, so the program only checks that they are well formed.
void FileReader::CheckProvisional() const {
  if (key_lines_.count("provisional") == 0) return;
  try {
    static_cast<void>(root_["provisional"].as<bool>());
  } catch (const YAML::Exception&) {
    Fail(key_lines_.at("provisional"), "provisional должно быть true или false");
  }
}

Entry FileReader::ReadDate(const YAML::Node& item, int year) const {
  const int line = LineOf(item);
  const auto date = item.IsScalar() ? ParseIsoDate(item.Scalar()) : std::nullopt;
  if (!date) {
    const std::string text = item.IsScalar() ? "«" + item.Scalar() + "» — не дата" : "не дата";
    Fail(line, text + "; ожидается ГГГГ-ММ-ДД, например " + std::to_string(year) + "-05-09");
  }
  if (YearOf(*date) != year) {
    Fail(line, "дата " + FormatIsoDate(*date) + " относится к " + std::to_string(YearOf(*date)) +
                   " году, а файл описывает " + std::to_string(year) + " год");
  }
  return Entry{Days{*date}, line};
}

std::vector<Entry> FileReader::ReadDates(const std::string& key, int year) const {
  std::vector<Entry> entries;
  const YAML::Node list = root_[key];
  if (key_lines_.count(key) == 0 || list.IsNull()) return entries;
  if (!list.IsSequence()) Fail(key_lines_.at(key), key + " должен быть списком дат ГГГГ-ММ-ДД");
  for (const auto& item : list) {
    const Entry entry = ReadDate(item, year);
    for (const Entry& seen : entries) {
      if (seen.day == entry.day) {
        Fail(entry.line, "дата " + FormatIsoDate(Date{entry.day}) + " уже указана в " + key +
                             " (строка " + std::to_string(seen.line) + ")");
      }
    }
    entries.push_back(entry);
  }
  return entries;
}

void FileReader::CheckWorkingWeekends(const YearFile& file) const {
  for (const Entry& entry : file.working_weekends) {
    const std::string date = FormatIsoDate(Date{entry.day});
    if (!IsWeekend(entry.day)) {
      Fail(entry.line, date + " — " + WeekdayName(entry.day) +
                           "; в working_weekends перечисляются только субботы и воскресенья, "
                           "ставшие рабочими днями");
    }
    for (const Entry& holiday : file.holidays) {
      if (holiday.day == entry.day) {
        Fail(entry.line, date + " указана и среди нерабочих дней (holidays, строка " +
                             std::to_string(holiday.line) + "), и среди рабочих выходных");
      }
    }
  }
}

YearFile FileReader::Read() {
  ScanKeys();
  YearFile file;
  ReadYear(file);
  ReadSource();
  ReadWorkingDays(file);
  CheckProvisional();
  file.holidays = ReadDates("holidays", file.year);
  file.working_weekends = ReadDates("working_weekends", file.year);
  file.shortened = ReadDates("shortened", file.year);
  CheckWorkingWeekends(file);
  return file;
}

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw CalendarFileError(path.string(), 0, "не удалось прочитать файл");
  return text.str();
}

std::vector<std::filesystem::path> CalendarFiles(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw CalendarError("папка производственного календаря не найдена: " + dir.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  if (files.empty()) {
    throw CalendarError("в папке " + dir.string() +
                        " нет файлов производственного календаря *.yaml");
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ProductionCalendar ProductionCalendar::LoadDirectory(const std::filesystem::path& dir) {
  ProductionCalendar all;
  for (const auto& file : CalendarFiles(dir))
    all.Merge(LoadText(ReadWholeFile(file), file.string()));
  return all;
}

ProductionCalendar ProductionCalendar::LoadText(std::string_view yaml,
                                                const std::string& source_name) {
  const YearFile file = FileReader(yaml, source_name).Read();
  ProductionCalendar calendar;
  calendar.years_[file.year] = YearInfo{source_name, file.year_line};
  for (const Entry& e : file.holidays) calendar.holidays_.insert(e.day);
  for (const Entry& e : file.working_weekends) calendar.working_weekends_.insert(e.day);
  // Checked on the filled calendar so the file is judged by the same rules the queries use.
  for (const Entry& e : file.shortened) {
    if (!calendar.IsWorkingDay(Date{e.day})) {
      throw CalendarFileError(source_name, e.line,
                              "сокращённый день " + FormatIsoDate(Date{e.day}) +
                                  " не рабочий: сокращаются только рабочие дни");
    }
  }
  const int counted = calendar.WorkingDaysInYear(file.year);
  if (counted != file.working_days) {
    throw CalendarFileError(source_name, file.working_days_line,
                            "по спискам файла в " + std::to_string(file.year) + " году " +
                                WorkingDaysText(counted) +
                                ", а working_days = " + std::to_string(file.working_days) +
                                ": проверьте holidays и working_weekends по постановлению");
  }
  return calendar;
}

void ProductionCalendar::Merge(ProductionCalendar other) {
  for (const auto& [year, info] : other.years_) {
    if (auto it = years_.find(year); it != years_.end()) {
      throw CalendarFileError(
          info.file, info.line,
          "календарь на " + std::to_string(year) + " год уже загружен из файла " + it->second.file);
    }
  }
  years_.merge(other.years_);
  holidays_.merge(other.holidays_);
  working_weekends_.merge(other.working_weekends_);
  regional_.merge(other.regional_);
}

void ProductionCalendar::AddRegionalHolidays(const std::vector<Date>& days) {
  for (Date day : days) regional_.insert(Days{day});
}

bool ProductionCalendar::Covers(int year) const {
  return years_.count(year) > 0;
}

std::vector<int> ProductionCalendar::Years() const {
  std::vector<int> years;
  for (const auto& entry : years_) years.push_back(entry.first);
  return years;
}

void ProductionCalendar::RequireYear(int year) const {
  if (Covers(year)) return;
  throw CalendarError("производственный календарь на " + std::to_string(year) +
                      " год не загружен (" + LoadedYearsText(Years()) + ")");
}

bool ProductionCalendar::IsWorkingDay(Date day) const {
  if (!day.ok()) throw CalendarError("несуществующая дата " + FormatIsoDate(day));
  RequireYear(YearOf(day));
  const Days d{day};
  if (regional_.count(d) > 0 || holidays_.count(d) > 0) return false;
  return !IsWeekend(d) || working_weekends_.count(d) > 0;
}

Date ProductionCalendar::NextWorkingDayOnOrAfter(Date day) const {
  while (!IsWorkingDay(day)) day = AddDays(day, 1);
  return day;
}

Date ProductionCalendar::PreviousWorkingDayOnOrBefore(Date day) const {
  while (!IsWorkingDay(day)) day = AddDays(day, -1);
  return day;
}

Date ProductionCalendar::AddWorkingDays(Date day, int n) const {
  const int step = n < 0 ? -1 : 1;
  // long long: -n overflows for the smallest int.
  for (long long left = n < 0 ? -static_cast<long long>(n) : n; left > 0;) {
    day = AddDays(day, step);
    if (IsWorkingDay(day)) --left;
  }
  return day;
}

int ProductionCalendar::WorkingDaysBetween(Date from, Date to) const {
  int count = 0;
  for (Date day = from; Days{day} <= Days{to}; day = AddDays(day, 1)) {
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

int ProductionCalendar::WorkingDaysInYear(int year) const {
  RequireYear(year);
  const std::chrono::year y{year};
  return WorkingDaysBetween(y / std::chrono::January / 1, y / std::chrono::December / 31);
}

Date ProductionCalendar::NthWorkingDayOfMonth(int year, unsigned month, int n) const {
  if (month < 1 || month > 12) throw CalendarError("нет месяца с номером " + std::to_string(month));
  if (n < 1) {
    throw CalendarError("рабочие дни месяца нумеруются с 1, а указан " + std::to_string(n));
  }
  RequireYear(year);
  const auto ym = std::chrono::year{year} / std::chrono::month{month};
  const Date last{ym / std::chrono::last};
  int seen = 0;
  for (Date day = ym / 1; Days{day} <= Days{last}; day = AddDays(day, 1)) {
    if (IsWorkingDay(day) && ++seen == n) return day;
  }
  throw CalendarError("в " + MonthInText(month) + " " + std::to_string(year) + " года только " +
                      WorkingDaysText(seen) + ", " + std::to_string(n) + "-го рабочего дня нет");
}

}  // namespace shnor
