#pragma once
// The decision of the state machine: a pure function of the definition, the case, the command,
// the actor and the moment. It never touches storage or the clock; CaseService applies the result.
#include <string>
#include <variant>
#include <vector>

#include "engine/Command.h"
#include "engine/Date.h"
#include "engine/WorkflowDefinition.h"
#include "storage/Records.h"

namespace shnor {

// What the engine needs to know of the campaign to decide.
struct CampaignTime {
  int year = 2024;             // the year the stage windows are placed in
  int utc_offset_minutes = 0;  // the region's offset; windows are local dates
};

struct NewTask {
  std::string task_id;
  std::string stage_id;
  std::string period;    // "" or "2024-05"
  std::string due_date;  // ISO date or ""
};

struct TaskChange {
  std::string task_id;
  std::string period;
  storage::TaskStatus status = storage::TaskStatus::Open;
  std::string comment;
};

struct Decision {
  std::string stage_id;  // the stage after the command
  storage::CaseStatus status = storage::CaseStatus::Active;
  std::vector<NewTask> new_tasks;  // tasks of a stage entered for the first time
  std::vector<TaskChange> task_changes;
  std::vector<std::string> documents;  // names, from the transition's definition
  std::string command;                 // audit: "advance", "task-approve", ...
  std::string from_state;              // audit: "II/active", "II/dtk:submitted"
  std::string to_state;
  std::string reason;
};

// Every unmet condition, each a sentence in Russian.
struct Refusal {
  std::vector<std::string> reasons;
  std::string Text() const;  // reasons joined, one per line
};

using Outcome = std::variant<Decision, Refusal>;

Outcome Decide(const WorkflowDefinition& definition, const storage::CaseRecord& current,
               const Command& command, const Actor& actor, TimePoint now,
               const CampaignTime& campaign);

// The tasks a case gets on entering `stage_id`: one per one-off task, one per month of the
// window for monthly tasks. Used on entering a stage and when a case is created.
std::vector<NewTask> TasksForStage(const WorkflowDefinition& definition,
                                   const std::string& stage_id, int year);

// "monthly-report@2024-05" -> {"monthly-report", "2024-05"}; "dtk" -> {"dtk", ""}.
std::pair<std::string, std::string> SplitTaskReference(const std::string& reference);
std::string TaskReference(const std::string& task_id, const std::string& period);

}  // namespace shnor
