#include "engine/WorkflowDefinition.h"

#include <array>
#include <utility>

namespace shnor {
namespace {

struct RoleName {
  Role role;
  const char* code;
  const char* russian;
};

constexpr std::array<RoleName, 6> kRoles{{
    {Role::Administrator, "administrator", "администратор"},
    {Role::Curator, "curator", "куратор"},
    {Role::Coordinator, "coordinator", "муниципальный координатор"},
    {Role::School, "school", "школа"},
    {Role::Mentor, "mentor", "наставник"},
    {Role::Observer, "observer", "наблюдатель"},
}};

const RoleName& Find(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r;
  }
  return kRoles[0];
}

}  // namespace

const char* ToString(Role role) {
  return Find(role).code;
}
const char* RussianName(Role role) {
  return Find(role).russian;
}

std::optional<Role> ParseRole(const std::string& text) {
  for (const auto& r : kRoles) {
    if (text == r.code) return r.role;
  }
  return std::nullopt;
}

const char* ToString(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::Advance:
      return "advance";
    case TransitionKind::Complete:
      return "complete";
    case TransitionKind::Return:
      return "return";
    case TransitionKind::Withdraw:
      return "withdraw";
    case TransitionKind::Reinstate:
      return "reinstate";
  }
  return "?";
}

Date MonthDay::InYear(int year) const {
  std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  if (last_of_month) return Date{std::chrono::year_month_day_last{ym / std::chrono::last}};
  Date date{ym / std::chrono::day{day}};
  // 29 February in a common year falls back to the 28th rather than an invalid date.
  return date.ok() ? date : Date{std::chrono::year_month_day_last{ym / std::chrono::last}};
}

const StageDefinition* WorkflowDefinition::FindStage(const std::string& stage_id) const {
  for (const auto& stage : stages) {
    if (stage.id == stage_id) return &stage;
  }
  return nullptr;
}

const char* ToString(DocumentFormat format) {
  return format == DocumentFormat::Pdf ? "pdf" : "xlsx";
}

const DocumentDefinition* WorkflowDefinition::FindDocument(const std::string& document_id) const {
  for (const auto& d : documents) {
    if (d.id == document_id) return &d;
  }
  return nullptr;
}

const TaskDefinition* WorkflowDefinition::FindTask(const std::string& task_id) const {
  for (const auto& stage : stages) {
    for (const auto& task : stage.tasks) {
      if (task.id == task_id) return &task;
    }
  }
  return nullptr;
}

const TransitionDefinition* WorkflowDefinition::AdvanceFrom(const std::string& stage_id) const {
  for (const auto& t : transitions) {
    if (t.kind == TransitionKind::Advance && t.from == stage_id) return &t;
  }
  return nullptr;
}

const TransitionDefinition* WorkflowDefinition::CompleteFrom(const std::string& stage_id) const {
  for (const auto& t : transitions) {
    if (t.kind == TransitionKind::Complete && t.from == stage_id) return &t;
  }
  return nullptr;
}

const StageDefinition* WorkflowDefinition::PreviousOf(const std::string& stage_id) const {
  for (const auto& t : transitions) {
    if (t.kind == TransitionKind::Advance && t.to == stage_id) return FindStage(t.from);
  }
  return nullptr;
}

const TransitionDefinition* WorkflowDefinition::Anywhere(TransitionKind kind) const {
  for (const auto& t : transitions) {
    if (t.kind == kind && t.from.empty()) return &t;
  }
  return nullptr;
}

}  // namespace shnor
