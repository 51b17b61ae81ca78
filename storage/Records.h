#pragma once
// Plain rows as the storage layer keeps them. Dates are ISO strings (YYYY-MM-DD) and moments are
// UTC seconds since the epoch, so this layer needs nothing from the engine.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shnor::storage {

using Id = std::int64_t;

struct CampaignRecord {
  Id id = 0;
  std::string code;    // "tyumen-2024"
  std::string title;   // Проект адресной методической помощи ...
  std::string region;  // Тюменская область
  std::string authority;  // Департамент образования и науки Тюменской области
  std::string operator_name;  // ТОГИРРО
  std::string city;           // г. Тюмень
  std::string order_number;   // 83/ОД
  std::string order_date;     // 2024-01-23
  std::string start_date;     // 2024-02-01
  std::string end_date;       // 2024-12-31
  std::string time_zone;      // Asia/Yekaterinburg (display only)
  int utc_offset_minutes = 0;
  std::string workflow_id;
  int workflow_version = 0;
  std::vector<std::string> regional_holidays;  // ISO dates the region does not work
  std::string signer_position;  // who signs the authority's documents: Директор департамента
  std::string signer_name;  // full name; documents print initials
};

struct MunicipalityRecord {
  Id id = 0;
  Id campaign_id = 0;
  std::string name;
};

struct PartnerSchoolRecord {
  Id id = 0;
  Id campaign_id = 0;
  Id municipality_id = 0;
  std::string name;
};

struct SchoolRecord {
  Id id = 0;
  Id campaign_id = 0;
  Id municipality_id = 0;
  std::string code;  // short identifier used on the command line
  std::string name;
  std::string list;  // "1.1" regional level, "1.2" municipal level
  std::optional<Id> partner_school_id;
};

// Strongest first: the order decides which role a person with several acts in.
enum class PersonRole { Curator, Coordinator, SchoolContact, Mentor };

struct PersonRecord {
  Id id = 0;
  Id campaign_id = 0;
  std::string full_name;
  std::string email;
  std::string phone;
};

// One role of a person: a curator per municipality, a coordinator of one municipality,
// a school contact or mentor of one school.
struct RoleAssignment {
  Id person_id = 0;
  PersonRole role = PersonRole::Curator;
  std::optional<Id> municipality_id;
  std::optional<Id> school_id;
};

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

struct AuditEvent {
  Id id = 0;  // position in the chain, 1-based
  Id campaign_id = 0;
  std::optional<Id> case_id;
  std::string actor;
  std::int64_t at_utc = 0;
  std::string at_local;  // "2024-03-01 12:00:00 +05:00"
  std::string command;
  std::string from_state;
  std::string to_state;
  std::string reason;
  std::string details;  // JSON text
  std::string prev_hash;
  std::string hash;
};

const char* ToString(CaseStatus status);
const char* ToString(TaskStatus status);
const char* ToString(PersonRole role);
std::optional<CaseStatus> ParseCaseStatus(const std::string& text);
std::optional<TaskStatus> ParseTaskStatus(const std::string& text);
std::optional<PersonRole> ParsePersonRole(const std::string& text);

}  // namespace shnor::storage
