#pragma once
// Plain rows as the storage layer keeps them. Dates are ISO strings (YYYY-MM-DD) and moments are
// UTC seconds since the epoch. Cases, tasks and their statuses are the domain's
// (engine/domain), which this layer implements.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/domain/CaseRecords.h"

namespace shnor::storage {

// The domain's types, kept here under their storage names.
using shnor::CaseRecord;
using shnor::CaseStatus;
using shnor::Id;
using shnor::ParseCaseStatus;
using shnor::ParsePersonRole;
using shnor::ParseTaskStatus;
using shnor::PersonRole;
using shnor::TaskRecord;
using shnor::TaskStatus;
using shnor::ToString;

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
  // The documents' settings (engine/definitions/CampaignDetails.h) as JSON, kept in the settings
  // table; "" for a campaign made before them.
  std::string details;
};

struct MunicipalityRecord {
  Id id = 0;
  Id campaign_id = 0;
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

// The campaign id of an event about the installation rather than one project (accounts, the
// audit key): every project's log shows it.
constexpr Id kInstallationWide = 0;

struct AuditEvent {
  Id id = 0;  // position in the chain, 1-based
  Id campaign_id = 0;
  std::optional<Id> case_id;
  std::string actor;  // the display name and role, for reading
  // The user account that acted and its login (for --as, the person's e-mail); none and "" for
  // the command line's own administrator and for events written before accounts were recorded.
  std::optional<Id> actor_account;
  std::string actor_login;
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

}  // namespace shnor::storage
