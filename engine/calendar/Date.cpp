#include "engine/calendar/Date.h"

#include <cstdio>

namespace shnor {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

std::optional<Date> MakeDate(int y, int m, int d) {
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) return std::nullopt;
  return MakeDate(ToInt(y), ToInt(m), ToInt(d));
}

std::string FormatIsoDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::string FormatRussianDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(date.day()),
                static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
  return buf;
}

std::string IsoToRussianDate(const std::string& iso, const std::string& if_missing) {
  auto date = ParseIsoDate(iso);
  return date ? FormatRussianDate(*date) : if_missing;
}

Date AddDays(Date date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

int DaysBetween(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

Date LocalDate(TimePoint moment, int offset_minutes) {
  auto local = moment + std::chrono::minutes{offset_minutes};
  return Date{std::chrono::floor<std::chrono::days>(local)};
}

TimePoint StartOfLocalDay(Date date, int offset_minutes) {
  return TimePoint{std::chrono::sys_days{date}} - std::chrono::minutes{offset_minutes};
}

TimePoint EndOfLocalDay(Date date, int offset_minutes) {
  return StartOfLocalDay(AddDays(date, 1), offset_minutes) - std::chrono::seconds{1};
}

std::string FormatUtc(TimePoint moment) {
  auto day = std::chrono::floor<std::chrono::days>(moment);
  std::chrono::hh_mm_ss hms{moment - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", FormatIsoDate(Date{day}).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string FormatOffset(int offset_minutes) {
  char sign = offset_minutes < 0 ? '-' : '+';
  int abs = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, abs / 60, abs % 60);
  return buf;
}

std::string FormatLocal(TimePoint moment, int offset_minutes) {
  auto local = moment + std::chrono::minutes{offset_minutes};
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::hh_mm_ss hms{local - day};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d %s", FormatIsoDate(Date{day}).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), FormatOffset(offset_minutes).c_str());
  return buf;
}

}  // namespace shnor
