#pragma once
// Cases (one per school) and their task instances.
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

// The changes of one applied command, written under a version check.
struct CaseUpdate {
  Id case_id = 0;
  int expected_version = 0;
  std::string stage_id;
  CaseStatus status = CaseStatus::Active;
  std::int64_t now = 0;
  std::vector<TaskRecord> new_tasks;     // case_id, task_id, stage_id, period, due_date
  std::vector<TaskRecord> task_changes;  // task_id, period, status, comment
};

// An active case of a stage, named for bulk reports.
struct StageMember {
  Id case_id = 0;
  std::string school_code;
  std::string school_name;
  std::string municipality;
};

// One line of `shnor status`.
struct CaseSummary {
  Id case_id = 0;
  std::string school_code;
  std::string school_name;
  std::string municipality;
  std::string list;
  std::string stage_id;
  CaseStatus status = CaseStatus::Active;
  int version = 0;
  int open_tasks = 0;     // current stage, not approved
  int overdue_tasks = 0;  // current stage, not approved, due before `today`
  std::string next_due;   // earliest due date among open tasks of the stage, "" when none
};

// A case of the school list before its tasks are counted: what scoping, searching and ordering
// need, so a page counts the tasks of its own cases only.
struct CaseListing {
  Id case_id = 0;
  SchoolRecord school;  // id, municipality_id, code and name
  std::string municipality;
};

struct CaseFilter {
  std::string stage_id;      // "" = any
  std::string municipality;  // "" = any
  std::optional<CaseStatus> status;
  bool overdue_only = false;
  std::string today;  // ISO date that overdue is measured against
};

class CaseRepository {
 public:
  explicit CaseRepository(Database& db) : db_(db) {}

  // Inserts the case with version 1 and its tasks; returns the case id.
  Id Insert(const CaseRecord& record);
  std::optional<CaseRecord> Load(Id case_id);
  std::optional<CaseRecord> LoadBySchool(Id school_id);
  // The case row alone, without its tasks.
  std::optional<CaseRecord> LoadHeader(Id case_id);
  std::optional<CaseRecord> HeaderBySchool(Id school_id);
  // The cases with `ids` (ascending) and their tasks, in two queries: a bulk run loads its
  // batch at once instead of two queries per case. Missing ids are skipped.
  std::vector<CaseRecord> LoadMany(const std::vector<Id>& ids);
  // Applies the update if the case is still at `expected_version`; false when it has moved on.
  bool Apply(const CaseUpdate& update);
  // Applies several updates (a bulk run's batch) with the new tasks of all of them in a few
  // multi-row statements; false as soon as one case has moved on (the caller rolls back).
  bool ApplyAll(const std::vector<CaseUpdate>& updates);

  std::vector<StageMember> ActiveInStage(Id campaign_id, const std::string& stage_id,
                                         const std::string& municipality);
  std::vector<CaseSummary> Summaries(Id campaign_id, const CaseFilter& filter);
  // The cases of the filter's stage, municipality and status, unordered; `overdue_only` is not
  // applied (it needs the tasks).
  std::vector<CaseListing> Listings(Id campaign_id, const CaseFilter& filter);
  // The summaries of `case_ids` in that order, overdue counted against `today`; missing ids are
  // skipped.
  std::vector<CaseSummary> SummariesOf(const std::vector<Id>& case_ids, const std::string& today);

 private:
  void InsertTasks(Id case_id, const std::vector<TaskRecord>& tasks, std::int64_t now);
  void InsertTaskRows(const std::vector<std::pair<Id, const TaskRecord*>>& rows, std::int64_t now);
  bool UpdateCase(const CaseUpdate& update);
  bool UpdateCases(const std::string& stage_id, CaseStatus status,
                   const std::vector<const CaseUpdate*>& group);
  void LoadTasks(CaseRecord& record);
  Database& db_;
};

}  // namespace shnor::storage
