#include "engine/reminders/ReminderTrigger.h"

#include <algorithm>

namespace shnor {
namespace {

// A step reached on day `k` of being overdue, then again every `every` working days (or only
// once when `every` is 0). `after` 0 switches the step off.
bool Reached(int k, int after, int every) {
  if (after <= 0 || k < after) return false;
  return every > 0 ? (k - after) % every == 0 : k == after;
}

}  // namespace

std::optional<ReminderTrigger> TriggerOn(const ReminderPolicy& policy,
                                         const ProductionCalendar& calendar, Date today, Date due) {
  if (!calendar.IsWorkingDay(today)) return std::nullopt;
  ReminderTrigger t;
  int days = DaysBetween(today, due);
  if (days > 0) {
    t.kind = ReminderKind::Before;
    t.working_days = calendar.WorkingDaysBetween(AddDays(today, 1), due);
    t.owner = std::find(policy.before.begin(), policy.before.end(), t.working_days) !=
              policy.before.end();
  } else if (days == 0) {
    t.kind = ReminderKind::OnDay;
    t.owner = policy.on_day;
  } else {
    t.kind = ReminderKind::Overdue;
    t.working_days = calendar.WorkingDaysBetween(AddDays(due, 1), today);
    // The first working day after the deadline always tells the owner, then every N days.
    t.owner = Reached(t.working_days, 1, policy.overdue_every);
    t.coordinator = Reached(t.working_days, policy.escalate_coordinator, policy.overdue_every);
    t.curator = Reached(t.working_days, policy.escalate_curator, policy.overdue_every);
  }
  if (!t.owner && !t.coordinator && !t.curator) return std::nullopt;
  return t;
}

}  // namespace shnor
