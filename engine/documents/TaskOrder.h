#pragma once
// The order a document lists tasks in: by deadline, the undated after the dated, each group in
// the order the list had (the workflow's), so dates never jump.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/domain/CaseRecords.h"

namespace shnor {

struct DeadlineOrderKey {
  std::string due_iso;  // "" when the task has no date yet
  int position = 0;     // in the workflow's order
};
bool DeadlineBefore(const DeadlineOrderKey& a, const DeadlineOrderKey& b);

// Context lists of tasks ({due_iso, …}), sorted in place.
void SortByDeadline(nlohmann::json& tasks);
// A case's tasks of every stage ({stage, due_iso, …}): stage after stage as the list has them,
// by deadline within each.
void SortByDeadlineWithinStage(nlohmann::json& tasks);

std::vector<TaskRecord> InDeadlineOrder(std::vector<TaskRecord> tasks);

}  // namespace shnor
