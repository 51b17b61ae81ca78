#include "engine/documents/SchoolAgenda.h"

#include <algorithm>
#include <map>

#include "engine/calendar/Date.h"
#include "engine/domain/Role.h"
#include "engine/workflow/StatusNames.h"

namespace shnor {
namespace {

using nlohmann::json;

// Submitted and approved tasks wait on their reviewer, not on the school.
bool SchoolsToDo(const TaskRecord& task) {
  return task.status == TaskStatus::Open || task.status == TaskStatus::Returned;
}

std::string WordsDue(const json& stage, const std::string& task_id) {
  for (const json& t : stage.value("tasks", json::array())) {
    if (t.value("id", "") == task_id) return t.value("due", "");
  }
  return "";
}

// One row per task; a monthly task's row is its first period not yet due.
std::map<std::string, const TaskRecord*> NextOfEach(const CaseRecord& record,
                                                    const std::string& stage_id,
                                                    const std::string& date_iso) {
  std::map<std::string, const TaskRecord*> next;
  for (const TaskRecord& t : record.tasks) {
    if (t.stage_id != stage_id || !SchoolsToDo(t)) continue;
    if (!t.period.empty() && !t.due_date.empty() && t.due_date < date_iso) continue;
    const TaskRecord*& kept = next[t.task_id];
    if (!kept || t.due_date < kept->due_date) kept = &t;
  }
  return next;
}

std::string DueText(const TaskDefinition& def, const TaskRecord& task, const json& stage) {
  const std::string date = IsoToRussianDate(task.due_date, "");
  if (def.recurrence != Recurrence::Monthly) {
    return date.empty() ? WordsDue(stage, def.id) : date;
  }
  const std::string words = WordsDue(stage, def.id);
  return date.empty() ? words : words + " (ближайший срок — " + date + ")";
}

}  // namespace

json SchoolAgenda(const WorkflowDefinition& def, const CaseRecord& record, const json& stage,
                  const std::string& date_iso) {
  const std::string stage_id = stage.value("id", record.stage_id);
  const StageDefinition* definition = def.FindStage(stage_id);
  if (!definition) return json::array();
  const auto next = NextOfEach(record, stage_id, date_iso);
  json rows = json::array();
  for (const TaskDefinition& t : definition->tasks) {
    auto it = next.find(t.id);
    if (t.owner != Role::School || it == next.end()) continue;
    const TaskRecord& task = *it->second;
    rows.push_back({{"id", t.id},
                    {"title", t.title},
                    {"due", DueText(t, task, stage)},
                    {"due_iso", task.due_date},
                    {"owner", RussianName(t.owner)},
                    {"reviewer", RussianName(t.reviewer)},
                    {"status", RussianName(task.status)}});
  }
  // Undated rows sort after every date; the stable sort keeps the workflow's order among equals.
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    const std::string x = a["due_iso"], y = b["due_iso"];
    return !x.empty() && (y.empty() || x < y);
  });
  return rows;
}

}  // namespace shnor
