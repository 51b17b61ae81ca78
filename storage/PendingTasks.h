#pragma once
// The tasks someone still owes: not yet submitted (open or returned), of the stage an active case
// is in, with a deadline. Reminders are planned from this one scan.
#include <cstdint>
#include <functional>
#include <string>

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

// Visits every pending task of the campaign's active cases, case by case, without holding them
// all in memory: a national campaign has hundreds of thousands.
void ForEachPendingTask(Database& db, Id campaign_id,
                        const std::function<void(const PendingTask&)>& visit);

}  // namespace shnor::storage
