#include "engine/workflow/WorkflowDefinition.h"

#include <array>
#include <utility>

namespace shnor {
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
  switch (format) {
    case DocumentFormat::Pdf:
      return "pdf";
    case DocumentFormat::Xlsx:
      return "xlsx";
    case DocumentFormat::Docx:
      return "docx";
  }
  return "pdf";
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
