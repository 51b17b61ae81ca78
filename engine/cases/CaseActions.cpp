#include "engine/cases/CaseActions.h"

#include "engine/workflow/StateMachine.h"

namespace shnor {
namespace {

// The same roles as the state machine's: curators and administrators act for anyone, observers
// and mentors never change a case.
bool Privileged(Role role) {
  return role == Role::Curator || role == Role::Administrator;
}

bool ActsAs(Role role, Role task_role) {
  if (role == Role::Observer || role == Role::Mentor) return false;
  return Privileged(role) || role == task_role;
}

std::vector<std::string> TaskActions(const TaskDefinition* definition, const TaskRecord& task,
                                     Role role) {
  std::vector<std::string> actions;
  if (!definition) return actions;
  bool open = task.status == TaskStatus::Open || task.status == TaskStatus::Returned;
  if (open && ActsAs(role, definition->owner)) actions.push_back("submit");
  if (task.status == TaskStatus::Submitted && ActsAs(role, definition->reviewer)) {
    actions.push_back("approve");
    actions.push_back("return");
  }
  return actions;
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
    auto list = TaskActions(definition.FindTask(task.task_id), task, role);
    if (!list.empty()) actions.tasks[TaskReference(task.task_id, task.period)] = std::move(list);
  }
  return actions;
}

}  // namespace shnor
