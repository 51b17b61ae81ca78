#pragma once
// The tasks someone still owes: not yet submitted (open or returned), of the stage an active case
// is in, with a deadline. Reminders are planned from this one scan.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

struct PendingTask {
  Id case_id = 0;
  Id school_id = 0;
  int workflow_version = 0;
  std::string task_id;
  std::string period;
  std::string due_date;  // ISO local date
  std::int64_t due_at = 0;
  TaskStatus status = TaskStatus::Open;
};

// Which deadlines are worth visiting: every one up to `due_until` (overdue or due today), and the
// later ones on the listed days (the days a "before" reminder falls on). A national campaign's
// tasks are mostly weeks away; filtering them in SQL spares the planner most of the rows.
struct PendingFilter {
  std::string due_until;            // ISO date; "" = no limit, every deadline is visited
  std::vector<std::string> due_on;  // ISO dates after due_until
};

// Visits every pending task of the campaign's active cases, case by case, without holding them
// all in memory: a national campaign has hundreds of thousands. The order is the index's, not a
// promise.
void ForEachPendingTask(Database& db, Id campaign_id, const PendingFilter& filter,
                        const std::function<void(const PendingTask&)>& visit);

// The workflow versions the campaign's cases run on.
std::vector<int> CaseWorkflowVersions(Database& db, Id campaign_id);

}  // namespace shnor::storage
