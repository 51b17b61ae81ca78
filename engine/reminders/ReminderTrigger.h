#pragma once
// Whether a task with a deadline is worth a letter today, and to whom, under a reminder policy.
// A pure function of the policy, the calendar and two dates: the planner asks it for every
// pending task and the tests walk it through the year.
#include <optional>

#include "engine/calendar/Date.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/workflow/ReminderPolicy.h"

namespace shnor {

enum class ReminderKind { Before, OnDay, Overdue };

struct ReminderTrigger {
  ReminderKind kind = ReminderKind::Before;
  int working_days = 0;      // Before: working days left; Overdue: working days past the deadline
  bool owner = false;        // the task's owner hears of it today
  bool coordinator = false;  // escalated to the municipal coordinator today
  bool curator = false;      // escalated to the curator today
};

// nullopt when nobody is to hear of the task today. Letters go out on working days only, so a
// non-working `today` never triggers. Throws CalendarError for a day outside the calendar.
std::optional<ReminderTrigger> TriggerOn(const ReminderPolicy& policy,
                                         const ProductionCalendar& calendar, Date today, Date due);

}  // namespace shnor
