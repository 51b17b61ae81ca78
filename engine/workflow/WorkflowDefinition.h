#pragma once
// A workflow definition: the stages of the project, their windows in the campaign year, the tasks
// each stage asks for, and the transitions with the documents they produce. Loaded from YAML in
// workflows/ by WorkflowLoader; immutable once loaded.
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/DeadlineRule.h"
#include "engine/calendar/MonthDay.h"
#include "engine/domain/Role.h"
#include "engine/workflow/ReminderPolicy.h"

namespace shnor {

enum class Recurrence { None, Monthly };

struct TaskDefinition {
  std::string id;
  std::string title;
  Role owner = Role::School;      // who submits
  Role reviewer = Role::Curator;  // who approves or returns
  bool required = true;           // must be approved to leave the stage
  Recurrence recurrence = Recurrence::None;
  DeadlineRule due;          // monthly rules for monthly tasks; default: the window's end
  ReminderPolicy reminders;  // the workflow's default with this task's overrides
  int line = 0;              // line in the source file, for messages
};

struct StageDefinition {
  std::string id;     // "I", "II", ...
  std::string title;  // Выбор ОО для участия в проекте
  MonthDay window_from;
  MonthDay window_to;
  std::vector<TaskDefinition> tasks;
  int line = 0;
};

enum class TransitionKind { Advance, Complete, Return, Withdraw, Reinstate };

const char* ToString(TransitionKind kind);

struct TransitionDefinition {
  TransitionKind kind = TransitionKind::Advance;
  std::string from;                    // stage id; empty for withdraw/reinstate (any stage)
  std::string to;                      // stage id; empty for complete, withdraw, reinstate
  std::vector<std::string> documents;  // names of the documents the transition produces
  int line = 0;
};

enum class DocumentScope { School, Campaign };
enum class DocumentFormat { Pdf, Xlsx, Docx };
const char* ToString(DocumentFormat format);  // "pdf"

// A document the project produces, rendered from templates/<id>.yaml. Numbers are a sequence per
// document and year set into a pattern, so an office's own style («83/ОД», «12-У») is kept.
struct DocumentDefinition {
  std::string id;      // the template's id
  std::string number;  // the pattern: "{n}/ОД"; {n} is the sequence number
  std::vector<DocumentFormat> formats;
  DocumentScope scope = DocumentScope::School;
  // The regional order is issued with the number the campaign was started with (83/ОД).
  bool campaign_order = false;
  int line = 0;
};

struct WorkflowDefinition {
  std::string id;
  int version = 0;
  std::string title;
  std::string initial_stage;
  std::vector<StageDefinition> stages;
  std::vector<TransitionDefinition> transitions;
  ReminderPolicy reminders;  // the default of every task
  std::vector<DocumentDefinition> documents;

  const DocumentDefinition* FindDocument(const std::string& document_id) const;

  const StageDefinition* FindStage(const std::string& stage_id) const;
  const TaskDefinition* FindTask(const std::string& task_id) const;
  // The advance transition out of a stage, or nullptr for the last stage.
  const TransitionDefinition* AdvanceFrom(const std::string& stage_id) const;
  // The complete transition out of a stage, or nullptr when the stage is not final.
  const TransitionDefinition* CompleteFrom(const std::string& stage_id) const;
  // The stage whose advance leads into `stage_id`, or nullptr for the initial stage.
  const StageDefinition* PreviousOf(const std::string& stage_id) const;
  // The first transition of a kind that applies anywhere (withdraw, reinstate), or nullptr.
  const TransitionDefinition* Anywhere(TransitionKind kind) const;
};

}  // namespace shnor
