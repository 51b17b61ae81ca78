#include "engine/StateMachine.h"

#include "engine/StatusNames.h"
#include "engine/Text.h"

namespace shnor {
namespace {

using storage::CaseStatus;
using storage::TaskRecord;
using storage::TaskStatus;

bool IsStageCommand(CommandKind kind) {
  return kind == CommandKind::Advance || kind == CommandKind::Return ||
         kind == CommandKind::Withdraw || kind == CommandKind::Reinstate ||
         kind == CommandKind::Complete;
}

bool Privileged(const Actor& actor) {
  return actor.role == Role::Curator || actor.role == Role::Administrator;
}

std::string StateOf(const storage::CaseRecord& c) {
  return c.stage_id + "/" + ToString(c.status);
}

std::string TaskState(const std::string& stage, const TaskRecord& task, TaskStatus status) {
  return stage + "/" + TaskReference(task.task_id, task.period) + ":" + storage::ToString(status);
}

std::string TaskLabel(const WorkflowDefinition& def, const TaskRecord& task) {
  const TaskDefinition* t = def.FindTask(task.task_id);
  std::string label = "«" + (t ? t->title : task.task_id) + "» (" +
                      TaskReference(task.task_id, task.period) + ")";
  return label;
}

// Every required task of the current stage that is not approved, one sentence each.
std::vector<std::string> OpenRequiredTasks(const WorkflowDefinition& def,
                                           const storage::CaseRecord& c) {
  std::vector<std::string> reasons;
  for (const TaskRecord& task : c.tasks) {
    const TaskDefinition* t = def.FindTask(task.task_id);
    if (task.stage_id != c.stage_id || !t || !t->required) continue;
    if (task.status == TaskStatus::Approved) continue;
    reasons.push_back("Не утверждена задача " + TaskLabel(def, task) + ": " +
                      RussianName(task.status) + ".");
  }
  return reasons;
}

Decision Base(const storage::CaseRecord& c, const Command& command) {
  Decision d;
  d.stage_id = c.stage_id;
  d.status = c.status;
  d.command = ToString(command.kind);
  d.from_state = StateOf(c);
  d.reason = Trim(command.reason);
  return d;
}

void Finish(Decision& d) { d.to_state = d.stage_id + "/" + ToString(d.status); }

class Decider {
 public:
  Decider(const WorkflowDefinition& def, const storage::CaseRecord& c, const Command& command,
          const Actor& actor, TimePoint now, const CampaignTime& campaign)
      : def_(def), case_(c), command_(command), actor_(actor), now_(now), campaign_(campaign) {}

  Outcome Run() {
    if (command_.expected_version && *command_.expected_version != case_.version) {
      return Refusal{{"Дело изменено с момента, когда вы его открыли: версия " +
                      std::to_string(case_.version) + ", а команда подготовлена для версии " +
                      std::to_string(*command_.expected_version) +
                      ". Обновите данные и повторите."}};
    }
    CheckStatus();
    CheckRole();
    switch (command_.kind) {
      case CommandKind::Advance: return Advance();
      case CommandKind::Return: return Return();
      case CommandKind::Withdraw: return Withdraw();
      case CommandKind::Reinstate: return Reinstate();
      case CommandKind::Complete: return Complete();
      default: return TaskCommand();
    }
  }

 private:
  void Refuse(std::string reason) { reasons_.push_back(std::move(reason)); }
  bool Refused() const { return !reasons_.empty(); }

  void CheckStatus() {
    if (case_.status == CaseStatus::Completed) {
      Refuse("Школа завершила проект: дело закрыто, команды к нему не применяются.");
    } else if (case_.status == CaseStatus::Withdrawn && command_.kind != CommandKind::Reinstate) {
      Refuse("Школа выбыла из проекта: сначала верните её в проект (reinstate).");
    } else if (case_.status == CaseStatus::Active && command_.kind == CommandKind::Reinstate) {
      Refuse("Школа и так участвует в проекте: возвращать её не нужно.");
    }
  }

  void CheckRole() {
    if (Privileged(actor_)) return;
    if (IsStageCommand(command_.kind)) {
      Refuse(std::string("Переводить школу между этапами может только куратор; ваша роль — ") +
             RussianName(actor_.role) + ".");
    }
  }

  void RequireReason(const char* what) {
    if (Trim(command_.reason).empty()) Refuse(std::string("Укажите причину ") + what + ".");
  }

  Outcome Result(Decision d) {
    if (Refused()) return Refusal{reasons_};
    Finish(d);
    return d;
  }

  Outcome Advance() {
    const TransitionDefinition* t = def_.AdvanceFrom(case_.stage_id);
    if (!t) {
      Refuse(def_.CompleteFrom(case_.stage_id)
                 ? "Это последний этап: используйте команду завершения проекта (complete)."
                 : "Из этапа " + case_.stage_id + " нет перехода дальше.");
      return Refusal{reasons_};
    }
    for (auto& reason : OpenRequiredTasks(def_, case_)) Refuse(std::move(reason));
    CheckWindow(*t);
    Decision d = Base(case_, command_);
    d.stage_id = t->to;
    d.documents = t->documents;
    for (NewTask& task : TasksForStage(def_, t->to, campaign_.year)) {
      if (!HasTask(task.task_id, task.period)) d.new_tasks.push_back(std::move(task));
    }
    return Result(std::move(d));
  }

  void CheckWindow(const TransitionDefinition& t) {
    const StageDefinition* next = def_.FindStage(t.to);
    if (!next) return;
    Date opens = next->window_from.InYear(campaign_.year);
    Date today = LocalDate(now_, campaign_.utc_offset_minutes);
    if (DaysBetween(opens, today) >= 0) return;
    if (!command_.force) {
      Refuse("Окно этапа " + next->id + " откроется " + FormatRussianDate(opens) +
             "; досрочный переход возможен только с флагом force и указанием причины.");
    } else if (Trim(command_.reason).empty()) {
      Refuse("Для досрочного перехода на этап " + next->id + " укажите причину.");
    }
  }

  bool HasTask(const std::string& id, const std::string& period) const {
    for (const TaskRecord& t : case_.tasks) {
      if (t.task_id == id && t.period == period) return true;
    }
    return false;
  }

  Outcome Return() {
    RequireReason("возврата на предыдущий этап");
    const StageDefinition* previous = def_.PreviousOf(case_.stage_id);
    if (!previous) Refuse("Школа на первом этапе: возвращать некуда.");
    if (Refused()) return Refusal{reasons_};
    Decision d = Base(case_, command_);
    d.stage_id = previous->id;
    for (const TransitionDefinition& t : def_.transitions) {
      if (t.kind == TransitionKind::Return && t.from == case_.stage_id) d.documents = t.documents;
    }
    for (const TaskRecord& task : case_.tasks) {
      if (task.stage_id == previous->id && task.status == TaskStatus::Approved) {
        d.task_changes.push_back({task.task_id, task.period, TaskStatus::Returned, d.reason});
      }
    }
    return Result(std::move(d));
  }

  Outcome Withdraw() {
    RequireReason("выбытия школы из проекта");
    Decision d = Base(case_, command_);
    d.status = CaseStatus::Withdrawn;
    if (const auto* t = def_.Anywhere(TransitionKind::Withdraw)) d.documents = t->documents;
    return Result(std::move(d));
  }

  Outcome Reinstate() {
    Decision d = Base(case_, command_);
    d.status = CaseStatus::Active;
    if (const auto* t = def_.Anywhere(TransitionKind::Reinstate)) d.documents = t->documents;
    return Result(std::move(d));
  }

  Outcome Complete() {
    const TransitionDefinition* t = def_.CompleteFrom(case_.stage_id);
    if (!t) {
      Refuse("Завершить проект можно только на последнем этапе; школа на этапе " + case_.stage_id +
             ".");
      return Refusal{reasons_};
    }
    for (auto& reason : OpenRequiredTasks(def_, case_)) Refuse(std::move(reason));
    Decision d = Base(case_, command_);
    d.status = CaseStatus::Completed;
    d.documents = t->documents;
    return Result(std::move(d));
  }

  Outcome TaskCommand();

  const WorkflowDefinition& def_;
  const storage::CaseRecord& case_;
  const Command& command_;
  const Actor& actor_;
  TimePoint now_;
  CampaignTime campaign_;
  std::vector<std::string> reasons_;
};

}  // namespace

namespace {

bool MayDo(const Actor& actor, Role needed) { return Privileged(actor) || actor.role == needed; }

struct TaskRule {
  std::vector<TaskStatus> from;
  TaskStatus to;
  const char* refused;  // why the task's status does not allow the command
};

TaskRule RuleFor(CommandKind kind) {
  switch (kind) {
    case CommandKind::TaskSubmit:
      return {{TaskStatus::Open, TaskStatus::Returned}, TaskStatus::Submitted,
              "сдать можно только несданную или возвращённую задачу"};
    case CommandKind::TaskApprove:
      return {{TaskStatus::Submitted}, TaskStatus::Approved,
              "утвердить можно только задачу, сданную на проверку"};
    default:
      return {{TaskStatus::Submitted, TaskStatus::Approved}, TaskStatus::Returned,
              "вернуть на доработку можно только сданную или утверждённую задачу"};
  }
}

}  // namespace

Outcome Decider::TaskCommand() {
  auto [id, period] = SplitTaskReference(command_.task);
  const TaskRecord* task = nullptr;
  for (const TaskRecord& t : case_.tasks) {
    if (t.task_id == id && t.period == period) task = &t;
  }
  if (!task) {
    Refuse("У школы нет задачи «" + command_.task + "».");
    return Refusal{reasons_};
  }
  if (task->stage_id != case_.stage_id) {
    Refuse("Задача " + TaskLabel(def_, *task) + " относится к этапу " + task->stage_id +
           ", а школа на этапе " + case_.stage_id + ".");
  }
  const TaskDefinition* def = def_.FindTask(task->task_id);
  Role needed = command_.kind == CommandKind::TaskSubmit ? (def ? def->owner : Role::School)
                                                         : (def ? def->reviewer : Role::Curator);
  if (!MayDo(actor_, needed)) {
    Refuse(std::string("Это действие с задачей выполняет ") + RussianName(needed) +
           " или куратор; ваша роль — " + RussianName(actor_.role) + ".");
  }
  TaskRule rule = RuleFor(command_.kind);
  bool allowed = false;
  for (TaskStatus s : rule.from) allowed = allowed || s == task->status;
  if (!allowed) {
    Refuse("Задача " + TaskLabel(def_, *task) + " " + RussianName(task->status) + ": " +
           rule.refused + ".");
  }
  if (command_.kind == CommandKind::TaskReturn) RequireReason("возврата задачи (комментарий)");
  Decision d = Base(case_, command_);
  d.task_changes.push_back({task->task_id, task->period, rule.to, d.reason});
  d.from_state = TaskState(case_.stage_id, *task, task->status);
  if (Refused()) return Refusal{reasons_};
  d.to_state = TaskState(case_.stage_id, *task, rule.to);
  return d;
}

std::string Refusal::Text() const {
  std::string text;
  for (const std::string& reason : reasons) text += (text.empty() ? "" : "\n") + reason;
  return text;
}

Outcome Decide(const WorkflowDefinition& definition, const storage::CaseRecord& current,
               const Command& command, const Actor& actor, TimePoint now,
               const CampaignTime& campaign) {
  return Decider(definition, current, command, actor, now, campaign).Run();
}

std::vector<NewTask> TasksForStage(const WorkflowDefinition& definition,
                                   const std::string& stage_id, int year) {
  std::vector<NewTask> tasks;
  const StageDefinition* stage = definition.FindStage(stage_id);
  if (!stage) return tasks;
  for (const TaskDefinition& t : stage->tasks) {
    if (t.recurrence == Recurrence::None) {
      Date due = t.due ? t.due->InYear(year) : stage->window_to.InYear(year);
      tasks.push_back({t.id, stage->id, "", FormatIsoDate(due)});
      continue;
    }
    for (unsigned m = stage->window_from.month; m <= stage->window_to.month; ++m) {
      Date due{std::chrono::year{year}, std::chrono::month{m}, std::chrono::day{t.due_day_of_month}};
      tasks.push_back({t.id, stage->id, FormatIsoDate(due).substr(0, 7), FormatIsoDate(due)});
    }
  }
  return tasks;
}

std::pair<std::string, std::string> SplitTaskReference(const std::string& reference) {
  auto at = reference.find('@');
  if (at == std::string::npos) return {reference, ""};
  return {reference.substr(0, at), reference.substr(at + 1)};
}

std::string TaskReference(const std::string& task_id, const std::string& period) {
  return period.empty() ? task_id : task_id + "@" + period;
}

}  // namespace shnor
