#pragma once
// Calendar dates and moments. Deadlines are dates in the region's local time; moments are stored
// in UTC. Russian regions have kept fixed offsets since 2014, so an offset in minutes is enough.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace shnor {

using Date = std::chrono::year_month_day;
using TimePoint = std::chrono::sys_seconds;

// "2024-01-23"; nullopt when malformed or not a real day (2023-02-29).
std::optional<Date> ParseIsoDate(std::string_view text);

std::string FormatIsoDate(Date date);      // 2024-01-23
std::string FormatRussianDate(Date date);  // 23.01.2024
// A stored ISO date as 23.01.2024, or `if_missing` when it is empty or malformed.
std::string IsoToRussianDate(const std::string& iso, const std::string& if_missing);

Date AddDays(Date date, int days);
int DaysBetween(Date from, Date to);  // to - from

// The local calendar date of a moment in a region `offset_minutes` east of UTC.
Date LocalDate(TimePoint moment, int offset_minutes);
// The first moment of a local day (00:00 local), as UTC.
TimePoint StartOfLocalDay(Date date, int offset_minutes);
// The last second of a local day (23:59:59 local), as UTC: a deadline "on date D".
TimePoint EndOfLocalDay(Date date, int offset_minutes);

std::string FormatUtc(TimePoint moment);                        // 2024-01-23T07:00:00Z
std::string FormatLocal(TimePoint moment, int offset_minutes);  // 2024-01-23 12:00:00 +05:00
std::string FormatOffset(int offset_minutes);                   // +05:00

}  // namespace shnor
