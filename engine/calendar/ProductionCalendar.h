#pragma once
// The Russian production calendar (производственный календарь): which days are worked, year by
// year, as the government's yearly decree on moving days off sets them. Deadlines in working days
// are counted on it. Years come from data files (workflows/calendars/YYYY.yaml) rather than from
// a rule, because each year's transfers are a decision, not a formula; and a day in a year that
// is not loaded is an error, never a guess.
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include <string>
#include <string_view>
#include <vector>
#include "engine/base/DefinitionError.h"

#include "engine/calendar/Date.h"

namespace shnor {

// A question the loaded calendar cannot answer, e.g. a day of a year that is not loaded. The
// message is Russian and names the year.
class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A calendar file refused while loading, with its file and line.
using CalendarFileError = DefinitionError;

class ProductionCalendar {
 public:
  // Loads every *.yaml in `dir` (normally workflows/calendars), one year per file. Throws
  // CalendarFileError for a refused file (including a year defined twice) and CalendarError when
  // the folder is missing or holds no files.
  static ProductionCalendar LoadDirectory(const std::filesystem::path& dir);
  // One year's file; `source_name` names it in messages (usually its path).
  static ProductionCalendar LoadText(std::string_view yaml, const std::string& source_name);

  // Takes the years of `other`; a year both define is a CalendarFileError naming other's file.
  void Merge(ProductionCalendar other);
  // A region's own non-working days (e.g. a republic's day). Days of years not loaded are kept
  // and take effect once the year is merged in.
  void AddRegionalHolidays(const std::vector<Date>& days);

  bool Covers(int year) const;
  std::vector<int> Years() const;  // ascending

  // Every query below throws CalendarError naming the year when it needs a day of a year that is
  // not loaded.
  bool IsWorkingDay(Date day) const;
  Date NextWorkingDayOnOrAfter(Date day) const;
  Date PreviousWorkingDayOnOrBefore(Date day) const;
  // n > 0: the n-th working day after `day`; n < 0: the |n|-th working day before; n == 0: `day`
  // itself, worked or not.
  Date AddWorkingDays(Date day, int n) const;
  // Working days in the closed interval [from, to]; 0 when to < from.
  int WorkingDaysBetween(Date from, Date to) const;
  int WorkingDaysInYear(int year) const;
  // The n-th working day of a month (1-based): "monthly report by the 5th working day". Throws
  // CalendarError when the month has fewer than n working days.
  Date NthWorkingDayOfMonth(int year, unsigned month, int n) const;

 private:
  struct YearInfo {
    std::string file;
    int line = 0;  // of `year:`, to point at the second file defining a year
  };

  void RequireYear(int year) const;

  std::map<int, YearInfo> years_;
  std::set<std::chrono::sys_days> holidays_;
  std::set<std::chrono::sys_days> working_weekends_;
  std::set<std::chrono::sys_days> regional_;
};

}  // namespace shnor
