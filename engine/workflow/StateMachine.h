#pragma once
// The decision of the state machine: a pure function of the definition, the case, the command,
// the actor and the moment. It never touches storage or the clock; CaseService applies the result.
#include <string>
#include <variant>
#include <vector>

#include "engine/calendar/Date.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/domain/CaseRecords.h"
#include "engine/workflow/Command.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

// What the engine needs to know of the campaign to decide.
struct CampaignTime {
  int year = 2024;                               // the year the stage windows are placed in
  int utc_offset_minutes = 0;                    // the region's offset; windows are local dates
  const ProductionCalendar* calendar = nullptr;  // with the region's holidays; deadlines need it
  Date start{};                                  // the campaign's first day
  std::optional<Date> end;                       // its last day, when known
};

struct NewTask {
  std::string task_id;
  std::string stage_id;
  std::string period;       // "" or "2024-05"
  std::string due_date;     // ISO local date, "" while its anchor (an approval) has not happened
  std::int64_t due_at = 0;  // UTC seconds of the end of due_date in the region; 0 when none
};

struct TaskChange {
  std::string task_id;
  std::string period;
  TaskStatus status = TaskStatus::Open;
  std::string comment;
  std::string due_date;  // a new deadline, "" = unchanged
  std::int64_t due_at = 0;
  bool due_extended = false;  // a curator's extension: recomputing leaves it alone
  std::string due_before;     // audit: the deadline the change replaces
};

struct Decision {
  std::string stage_id;  // the stage after the command
  CaseStatus status = CaseStatus::Active;
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
  // The case moved on since the command was prepared: the other guards were not even asked, and
  // the caller should reload rather than fix anything (the API's 409, not 422).
  bool stale = false;
  // Among the reasons: the actor's role may not do this at all (the API's 403), however the case
  // stands.
  bool role = false;
  std::string Text() const;  // reasons joined, one per line
};

using Outcome = std::variant<Decision, Refusal>;

Outcome Decide(const WorkflowDefinition& definition, const CaseRecord& current,
               const Command& command, const Actor& actor, TimePoint now,
               const CampaignTime& campaign);

// The tasks a case gets on entering `stage_id`: one per one-off task, one per month of the
// window for monthly tasks, each with its deadline resolved on the campaign's calendar. A task
// due from another task's approval gets its deadline when `current` shows that approval, else
// when the approval happens. Throws CalendarError when no calendar is given or it lacks a year.
std::vector<NewTask> TasksForStage(const WorkflowDefinition& definition,
                                   const std::string& stage_id, const CampaignTime& campaign,
                                   const CaseRecord* current = nullptr);

// "monthly-report@2024-05" -> {"monthly-report", "2024-05"}; "dtk" -> {"dtk", ""}.
std::pair<std::string, std::string> SplitTaskReference(const std::string& reference);
std::string TaskReference(const std::string& task_id, const std::string& period);

}  // namespace shnor
