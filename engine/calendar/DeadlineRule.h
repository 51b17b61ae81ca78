#pragma once
// When a task is due, as the workflow states it: a day of the campaign year, an offset from the
// campaign's or a stage's start or end or from another task's approval (in calendar or working
// days), or a day of each month for a monthly task. A rule is resolved once, when the case gets
// the task, and the result is stored; the rule is never re-read behind the curator's back.
#include <optional>
#include <string>

#include "engine/calendar/Date.h"
#include "engine/calendar/MonthDay.h"
#include "engine/calendar/ProductionCalendar.h"

namespace shnor {

enum class DeadlineAnchor {
  StageEnd,           // default: the last day of the stage's window
  DayOfYear,          // "04-15" in the campaign year
  FixedDate,          // "2024-04-15": one campaign only
  CampaignStart,      // the campaign's start date (period.start)
  StageStart,         // the first day of a stage's window
  TaskApproval,       // the day another task was approved
  DayOfMonth,         // monthly task: this calendar day of each month
  WorkingDayOfMonth,  // monthly task: the n-th working day of each month
};

// Where a deadline that lands on a non-working day goes. Previous is the default: a document due
// "by the 1st of May" is due before the holidays, not after them.
enum class DeadlineRoll { Previous, Next };

struct DeadlineRule {
  DeadlineAnchor anchor = DeadlineAnchor::StageEnd;
  MonthDay day;               // DayOfYear
  Date date{};                // FixedDate
  std::string stage_id;       // StageStart/StageEnd: "" = the task's own stage
  std::string task_id;        // TaskApproval
  int offset = 0;             // days after the anchor; negative = before
  bool working_days = false;  // offset counted on the production calendar
  unsigned day_of_month = 0;  // DayOfMonth, WorkingDayOfMonth
  DeadlineRoll roll = DeadlineRoll::Previous;
  int line = 0;  // in the workflow file, for messages

  bool monthly() const {
    return anchor == DeadlineAnchor::DayOfMonth || anchor == DeadlineAnchor::WorkingDayOfMonth;
  }
};

// What a rule is resolved against. Dates are local dates of the region.
struct DeadlineContext {
  const ProductionCalendar* calendar = nullptr;
  int year = 0;  // the campaign year
  Date campaign_start{};
  Date stage_start{};  // of the stage the rule names (the task's own by default)
  Date stage_end{};
  std::optional<Date> approved_on;  // TaskApproval: when the named task was approved
  unsigned month = 0;               // monthly rules: the month of the task's period
};

// The due date, moved off a non-working day as the rule says; nullopt for a rule anchored on an
// approval that has not happened yet. Throws CalendarError when a day it needs is in a year the
// calendar does not cover.
std::optional<Date> ResolveDeadline(const DeadlineRule& rule, const DeadlineContext& context);

}  // namespace shnor
