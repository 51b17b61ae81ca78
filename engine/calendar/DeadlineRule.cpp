#include "engine/calendar/DeadlineRule.h"

namespace shnor {
namespace {

Date DayOfMonth(int year, unsigned month, unsigned day) {
  std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  Date last{std::chrono::year_month_day_last{ym / std::chrono::last}};
  if (day == 0 || day > static_cast<unsigned>(last.day())) return last;
  return Date{ym / std::chrono::day{day}};
}

Date Roll(const ProductionCalendar& calendar, Date day, DeadlineRoll roll) {
  return roll == DeadlineRoll::Next ? calendar.NextWorkingDayOnOrAfter(day)
                                    : calendar.PreviousWorkingDayOnOrBefore(day);
}

// The anchor plus the offset: n working days lands on a working day by construction; calendar
// days (and a zero offset) may land on a holiday and are rolled.
Date Shift(const DeadlineRule& rule, const ProductionCalendar& calendar, Date anchor) {
  if (rule.working_days && rule.offset != 0) return calendar.AddWorkingDays(anchor, rule.offset);
  return Roll(calendar, AddDays(anchor, rule.offset), rule.roll);
}

}  // namespace

std::optional<Date> ResolveDeadline(const DeadlineRule& rule, const DeadlineContext& c) {
  const ProductionCalendar& calendar = *c.calendar;
  switch (rule.anchor) {
    case DeadlineAnchor::StageEnd:
      return Shift(rule, calendar, c.stage_end);
    case DeadlineAnchor::DayOfYear:
      return Shift(rule, calendar, rule.day.InYear(c.year));
    case DeadlineAnchor::FixedDate:
      return Shift(rule, calendar, rule.date);
    case DeadlineAnchor::CampaignStart:
      return Shift(rule, calendar, c.campaign_start);
    case DeadlineAnchor::StageStart:
      return Shift(rule, calendar, c.stage_start);
    case DeadlineAnchor::TaskApproval:
      if (!c.approved_on) return std::nullopt;
      return Shift(rule, calendar, *c.approved_on);
    case DeadlineAnchor::DayOfMonth:
      return Roll(calendar, DayOfMonth(c.year, c.month, rule.day_of_month), rule.roll);
    case DeadlineAnchor::WorkingDayOfMonth:
      return calendar.NthWorkingDayOfMonth(c.year, c.month, static_cast<int>(rule.day_of_month));
  }
  return std::nullopt;
}

}  // namespace shnor
