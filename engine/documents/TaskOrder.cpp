#include "engine/documents/TaskOrder.h"

#include <algorithm>

namespace shnor {

using nlohmann::json;

bool DeadlineBefore(const DeadlineOrderKey& a, const DeadlineOrderKey& b) {
  if (a.due_iso.empty() != b.due_iso.empty()) return b.due_iso.empty();
  if (a.due_iso != b.due_iso) return a.due_iso < b.due_iso;
  return a.position < b.position;
}

void SortByDeadline(json& tasks) {
  std::vector<std::pair<DeadlineOrderKey, json>> keyed;
  for (auto& t : tasks) {
    keyed.push_back({{t["due_iso"].get<std::string>(), static_cast<int>(keyed.size())}, t});
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return DeadlineBefore(a.first, b.first); });
  json sorted = json::array();
  for (auto& [key, t] : keyed) sorted.push_back(std::move(t));
  tasks = std::move(sorted);
}

void SortByDeadlineWithinStage(json& tasks) {
  json sorted = json::array(), stage = json::array();
  std::string current;
  auto flush = [&] {
    SortByDeadline(stage);
    for (auto& t : stage) sorted.push_back(std::move(t));
    stage = json::array();
  };
  for (auto& t : tasks) {
    if (t["stage"] != current) flush();
    current = t["stage"].get<std::string>();
    stage.push_back(std::move(t));
  }
  flush();
  tasks = std::move(sorted);
}

std::vector<TaskRecord> InDeadlineOrder(std::vector<TaskRecord> tasks) {
  std::stable_sort(tasks.begin(), tasks.end(), [](const TaskRecord& a, const TaskRecord& b) {
    return DeadlineBefore({a.due_date, 0}, {b.due_date, 0});
  });
  return tasks;
}

}  // namespace shnor
