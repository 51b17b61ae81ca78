#pragma once
// What a person asks the engine to do with a case.
#include <optional>
#include <string>

#include "engine/domain/Actor.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

enum class CommandKind {
  Advance,
  Return,
  Withdraw,
  Reinstate,
  Complete,
  TaskSubmit,
  TaskApprove,
  TaskReturn,
  TaskExtend,  // a curator moves one task's deadline later, with a reason
  Recompute    // deadlines of a case's tasks resolved again from the rules and the calendar
};

const char* ToString(CommandKind kind);  // "advance", "task-submit", ...

struct Command {
  CommandKind kind = CommandKind::Advance;
  std::string reason;  // required for return, withdraw, task return and a forced advance
  bool force = false;  // advance before the next stage's window opens
  std::string task;    // task commands: "dtk" or "monthly-report@2024-05"
  std::optional<int> expected_version;  // refuse when the case has moved on since
  std::string until;                    // TaskExtend: the new due date, ISO
  // Task commands: a curator steps in for the task's owner or reviewer (an absent coordinator),
  // with a reason; audited as such, never the plain command.
  bool override_role = false;
};

}  // namespace shnor
