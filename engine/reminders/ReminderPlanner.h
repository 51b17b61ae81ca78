#pragma once
// Plans a day's reminders for a campaign: scans the pending tasks once, asks each task's policy
// whether today is a reminder day, finds the people by role (the school's responsible person,
// the municipal coordinator, the curator) and gathers everything for one person into one letter.
// Writing the plan into the outbox is idempotent: a letter already there is not planned again.
#include <map>
#include <string>
#include <vector>

#include "engine/reminders/ReminderPlan.h"
#include "engine/workspace/Workspace.h"
#include "storage/DirectoryRepository.h"
#include "storage/PendingTasks.h"

namespace shnor {

struct PlanWriteResult {
  int planned = 0;             // letters new in the outbox
  int already_planned = 0;     // letters whose key was there (a second run of the same day)
  int escalations = 0;         // escalation items in the new letters
  int unusable_addresses = 0;  // planned straight as failed: visible in `shnor outbox`
};

class ReminderPlanner {
 public:
  ReminderPlanner(Workspace& workspace, const storage::CampaignRecord& campaign);

  // Reads only. Throws CalendarError when `today` or a deadline is outside the calendar.
  ReminderPlan Plan(Date today);
  // Stores the plan's letters in one transaction; on failure nothing is stored.
  PlanWriteResult Write(const ReminderPlan& plan);

 private:
  struct People;
  storage::PendingFilter FilterFor(Date today, const ProductionCalendar& calendar);
  Workspace& ws_;
  storage::CampaignRecord campaign_;
};

}  // namespace shnor
