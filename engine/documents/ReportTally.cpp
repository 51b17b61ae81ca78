#include "engine/documents/ReportTally.h"

#include <cmath>

#include "engine/base/Plural.h"

namespace shnor {
namespace {

std::string Percent(int part, int whole) {
  if (whole == 0) return "0";
  return std::to_string(static_cast<int>(std::lround(100.0 * part / whole)));
}

bool CuratorsOwn(const TaskDefinition* definition) {
  return definition && definition->owner == Role::Curator;
}

// «1 обязательная задача», «2 обязательные задачи», «5 обязательных задач».
std::string Tasks(int n, const std::string& one = "", const std::string& few = "",
                  const std::string& many = "") {
  const std::string& adjective = PluralForm(n, one, few, many);
  return std::to_string(n) + " " + (adjective.empty() ? "" : adjective + " ") +
         PluralForm(n, "задача", "задачи", "задач");
}

}  // namespace

bool CountsOverdue(const TaskRecord& task, const TaskDefinition* definition,
                   const std::string& today) {
  if (definition && (!definition->required || CuratorsOwn(definition))) return false;
  return task.status != TaskStatus::Approved && !task.due_date.empty() && task.due_date < today;
}

void ReportTally::Add(const CaseRecord& record, const WorkflowDefinition& workflow,
                      const std::string& today) {
  ++schools;
  completed += record.status == CaseStatus::Completed;
  withdrawn += record.status == CaseStatus::Withdrawn;
  for (const auto& t : record.tasks) {
    const TaskDefinition* definition = workflow.FindTask(t.task_id);
    const bool approved = t.status == TaskStatus::Approved;
    if (CuratorsOwn(definition)) {
      ++curator_tasks;
      curator_done += approved;
      continue;
    }
    ++tasks;
    done += approved;
    overdue += CountsOverdue(t, definition, today);
    optional_open += !approved && definition && !definition->required;
  }
}

nlohmann::json ReportTally::Facts(const std::string& name) const {
  return {{"name", name},
          {"schools", std::to_string(schools)},
          {"completed", std::to_string(completed)},
          {"withdrawn", std::to_string(withdrawn)},
          {"active", std::to_string(schools - completed - withdrawn)},
          {"tasks", std::to_string(tasks)},
          {"done", std::to_string(done)},
          {"overdue", std::to_string(overdue)},
          {"optional_open", std::to_string(optional_open)},
          {"done_percent", Percent(done, tasks)},
          {"overdue_percent", Percent(overdue, tasks)},
          {"curator_tasks", std::to_string(curator_tasks)},
          {"curator_done", std::to_string(curator_done)},
          {"curator_done_percent", Percent(curator_done, curator_tasks)}};
}

nlohmann::json ReportTally::Words() const {
  auto verb = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + PluralForm(n, one, many, many);
  };
  auto given = [](int n, const char* one, const char* few, const char* many) {
    return PluralForm(n, one, few, many) + std::string(" ");
  };
  return {
      {"schools", CountOf(schools, "общеобразовательная организация",
                          "общеобразовательные организации", "общеобразовательных организаций")},
      {"completed", verb(completed, "завершила", "завершили")},
      {"withdrawn", verb(withdrawn, "выбыла", "выбыли")},
      {"tasks_given", given(tasks, "поставлена", "поставлены", "поставлено") + Tasks(tasks)},
      {"done_given", given(done, "выполнена", "выполнены", "выполнено") + std::to_string(done)},
      {"overdue_given", given(overdue, "не выполнена", "не выполнены", "не выполнено") +
                            "в установленный срок " +
                            Tasks(overdue, "обязательная", "обязательные", "обязательных")},
      {"none_overdue", overdue == 0},
      {"curator_tasks_given",
       given(curator_tasks, "поставлена", "поставлены", "поставлено") + Tasks(curator_tasks)},
      {"curator_done_given",
       given(curator_done, "выполнена", "выполнены", "выполнено") + std::to_string(curator_done)}};
}

}  // namespace shnor
