#pragma once
// Which commands a role may try on a case as it stands: what the web page offers as buttons. The
// same role rules as the state machine's (engine/workflow/StateMachine.cpp); it stays the judge (a
// guard such as a missing approval still refuses, with its reasons); this only leaves out what it
// would refuse for the role or the status alone.
#include <map>
#include <string>
#include <vector>

#include "engine/domain/CaseRecords.h"
#include "engine/workflow/Command.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

struct CaseActions {
  bool advance = false;
  bool return_stage = false;
  bool withdraw = false;
  bool reinstate = false;
  bool complete = false;
  bool extend = false;
  // Task reference ("dtk", "monthly-report@2024-05") -> "submit", "approve", "return".
  std::map<std::string, std::vector<std::string>> tasks;
  // The same, for what a curator may do only as an override of the task's own role, with a
  // reason (an absent coordinator).
  std::map<std::string, std::vector<std::string>> overrides;
};

CaseActions ActionsFor(const WorkflowDefinition& definition, const CaseRecord& current, Role role);

}  // namespace shnor
