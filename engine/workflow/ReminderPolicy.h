#pragma once
// When people hear about a task: before its deadline, on the day, and after it until it is done;
// and when an overdue task is escalated to the municipal coordinator and then to the curator.
// All counts are working days, so nobody is reminded on a holiday and a long weekend does not
// eat a reminder. The workflow gives a default; a task may override any field of it.
#include <vector>

namespace shnor {

struct ReminderPolicy {
  std::vector<int> before{7, 1};  // working days before the deadline
  bool on_day = true;             // on the deadline itself
  int overdue_every = 3;          // after the deadline, every N working days; 0 = never
  int escalate_coordinator = 3;   // overdue this many working days: tell the coordinator; 0 = never
  int escalate_curator = 7;       // ... and this many: tell the curator; 0 = never
};

}  // namespace shnor
