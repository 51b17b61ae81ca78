#pragma once
// The domain's records: a school's case and its tasks with their statuses, and the roles people
// hold in the project. The engine decides on them; storage keeps them. Dates are ISO strings
// (YYYY-MM-DD) and moments UTC seconds since the epoch.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shnor {

using Id = std::int64_t;

// Strongest first: the order decides which role a person with several acts in.
enum class PersonRole { Curator, Coordinator, SchoolContact, Mentor };

enum class CaseStatus { Active, Withdrawn, Completed };
enum class TaskStatus { Open, Submitted, Approved, Returned };

// Tasks are keyed by (case, stage, task id, period); they have no id of their own.
struct TaskRecord {
  Id case_id = 0;
  std::string task_id;  // id in the workflow definition
  std::string stage_id;
  std::string period;  // "" or "2024-05" for a monthly task
  TaskStatus status = TaskStatus::Open;
  std::string due_date;       // ISO local date, "" when none
  std::int64_t due_at = 0;    // UTC seconds: the end of due_date in the region; 0 when none
  bool due_extended = false;  // set by a curator's extension: recomputing leaves it alone
  std::string comment;
  std::int64_t updated_at = 0;
};

struct CaseRecord {
  Id id = 0;
  Id campaign_id = 0;
  Id school_id = 0;
  std::string workflow_id;
  int workflow_version = 0;
  std::string stage_id;
  CaseStatus status = CaseStatus::Active;
  int version = 0;  // bumped by every applied command
  std::int64_t updated_at = 0;
  std::vector<TaskRecord> tasks;
};

const char* ToString(CaseStatus status);
const char* ToString(TaskStatus status);
const char* ToString(PersonRole role);
std::optional<CaseStatus> ParseCaseStatus(const std::string& text);
std::optional<TaskStatus> ParseTaskStatus(const std::string& text);
std::optional<PersonRole> ParsePersonRole(const std::string& text);

}  // namespace shnor
