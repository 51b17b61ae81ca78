#include "engine/documents/TaskDeadlineText.h"

#include "engine/base/Plural.h"
#include "engine/calendar/Date.h"

namespace shnor {
namespace {

// «ДТК» from «Диагностическая карта школы (ДТК)»: the abbreviation a title ends with declines
// with no help; otherwise the task is named by its title in quotes.
std::string ApprovedThing(const WorkflowDefinition& workflow, const std::string& task_id) {
  const TaskDefinition* task = workflow.FindTask(task_id);
  if (!task) return "задачи «" + task_id + "»";
  const std::string& title = task->title;
  const auto open = title.rfind(" (");
  if (!title.empty() && title.back() == ')' && open != std::string::npos) {
    std::string inner = title.substr(open + 2, title.size() - open - 3);
    if (!inner.empty() && inner.find(' ') == std::string::npos) return inner;
  }
  return "задачи «" + title + "»";
}

std::string DaysText(const DeadlineRule& rule) {
  const int n = rule.offset;
  if (rule.working_days) return CountOf(n, "рабочего дня", "рабочих дней", "рабочих дней");
  return CountOf(n, "дня", "дней", "дней");
}

std::string AfterApproval(const DeadlineRule& rule, const WorkflowDefinition& workflow) {
  const std::string thing = "утверждения " + ApprovedThing(workflow, rule.task_id);
  if (rule.offset <= 0) return "после " + thing;
  return "в течение " + DaysText(rule) + " после " + thing;
}

}  // namespace

std::string DeadlineRuleText(const TaskDefinition& task, const WorkflowDefinition& workflow) {
  const DeadlineRule& rule = task.due;
  const std::string day = std::to_string(rule.day_of_month) + "-го";
  switch (rule.anchor) {
    case DeadlineAnchor::WorkingDayOfMonth:
      return "ежемесячно, до " + day + " рабочего дня месяца";
    case DeadlineAnchor::DayOfMonth:
      return "ежемесячно, до " + day + " числа месяца";
    case DeadlineAnchor::TaskApproval:
      return AfterApproval(rule, workflow);
    default:
      return task.recurrence == Recurrence::Monthly ? "ежемесячно" : "";
  }
}

std::string DueText(const TaskDefinition& task, const std::string& due_iso,
                    const WorkflowDefinition& workflow) {
  if (!due_iso.empty()) return IsoToRussianDate(due_iso, due_iso);
  return DeadlineRuleText(task, workflow);
}

std::string DueByText(const TaskDefinition& task, const std::string& due_iso,
                      const WorkflowDefinition& workflow) {
  if (!due_iso.empty()) return "до " + IsoToRussianDate(due_iso, due_iso);
  return DeadlineRuleText(task, workflow);
}

}  // namespace shnor
