#include "engine/cases/CaseActions.h"

#include "engine/workflow/StateMachine.h"

namespace shnor {
namespace {

// Curators and administrators act on the case itself; observers and mentors never change it.
bool Privileged(Role role) {
  return role == Role::Curator || role == Role::Administrator;
}

// What the task's status allows and which role does it: submitting is the owner's, approving and
// returning the reviewer's.
std::vector<std::pair<std::string, Role>> StatusActions(const TaskDefinition& definition,
                                                        const TaskRecord& task) {
  if (task.status == TaskStatus::Open || task.status == TaskStatus::Returned) {
    return {{"submit", definition.owner}};
  }
  if (task.status == TaskStatus::Submitted) {
    return {{"approve", definition.reviewer}, {"return", definition.reviewer}};
  }
  return {};
}

void AddTaskActions(const TaskDefinition& definition, const TaskRecord& task, Role role,
                    CaseActions& actions) {
  std::string reference = TaskReference(task.task_id, task.period);
  for (const auto& [action, task_role] : StatusActions(definition, task)) {
    if (role == Role::Administrator || role == task_role) {
      actions.tasks[reference].push_back(action);
    } else if (role == Role::Curator) {
      actions.overrides[reference].push_back(action);
    }
  }
}

}  // namespace

CaseActions ActionsFor(const WorkflowDefinition& definition, const CaseRecord& current, Role role) {
  CaseActions actions;
  if (current.status == CaseStatus::Completed) return actions;
  bool privileged = Privileged(role);
  if (current.status == CaseStatus::Withdrawn) {
    actions.reinstate = privileged;
    return actions;
  }
  actions.advance = privileged && definition.AdvanceFrom(current.stage_id) != nullptr;
  actions.complete = privileged && definition.CompleteFrom(current.stage_id) != nullptr;
  actions.return_stage = privileged && definition.PreviousOf(current.stage_id) != nullptr;
  actions.withdraw = privileged;
  actions.extend = privileged;
  for (const TaskRecord& task : current.tasks) {
    if (task.stage_id != current.stage_id) continue;
    if (const TaskDefinition* t = definition.FindTask(task.task_id)) {
      AddTaskActions(*t, task, role, actions);
    }
  }
  return actions;
}

}  // namespace shnor
