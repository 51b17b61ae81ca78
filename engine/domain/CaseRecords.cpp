#include "engine/domain/CaseRecords.h"

#include <array>
#include <utility>

namespace shnor {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> Lookup(const std::array<std::pair<Enum, const char*>, N>& table,
                           const std::string& text) {
  for (const auto& [value, name] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
const char* NameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<CaseStatus, const char*>, 3> kCaseStatuses{{
    {CaseStatus::Active, "active"},
    {CaseStatus::Withdrawn, "withdrawn"},
    {CaseStatus::Completed, "completed"},
}};

constexpr std::array<std::pair<TaskStatus, const char*>, 4> kTaskStatuses{{
    {TaskStatus::Open, "open"},
    {TaskStatus::Submitted, "submitted"},
    {TaskStatus::Approved, "approved"},
    {TaskStatus::Returned, "returned"},
}};

constexpr std::array<std::pair<PersonRole, const char*>, 4> kPersonRoles{{
    {PersonRole::Curator, "curator"},
    {PersonRole::Coordinator, "coordinator"},
    {PersonRole::SchoolContact, "school"},
    {PersonRole::Mentor, "mentor"},
}};

}  // namespace

const char* ToString(CaseStatus status) {
  return NameOf(kCaseStatuses, status);
}
const char* ToString(TaskStatus status) {
  return NameOf(kTaskStatuses, status);
}
const char* ToString(PersonRole role) {
  return NameOf(kPersonRoles, role);
}
std::optional<CaseStatus> ParseCaseStatus(const std::string& text) {
  return Lookup(kCaseStatuses, text);
}
std::optional<TaskStatus> ParseTaskStatus(const std::string& text) {
  return Lookup(kTaskStatuses, text);
}
std::optional<PersonRole> ParsePersonRole(const std::string& text) {
  return Lookup(kPersonRoles, text);
}

}  // namespace shnor
