#include "engine/workflow/StateMachine.h"

#include <array>
#include <cstdio>

#include "engine/base/Text.h"
#include "engine/workflow/StatusNames.h"

namespace shnor {
namespace {

bool Privileged(Role role) {
  return role == Role::Curator || role == Role::Administrator;
}

// Observers and mentors follow a school's work; they never change its case, whatever a
// definition says about who owns a task.
bool ReadOnly(Role role) {
  return role == Role::Observer || role == Role::Mentor;
}

// The role a task names does its part, and the administrator may do anything. A curator steps in
// for another role only by an explicit override (CheckOverride). Commands on the case itself are
// the curator's and the administrator's.
std::vector<Role> AllowedRoles(std::optional<Role> own) {
  std::vector<Role> roles;
  if (own && !ReadOnly(*own) && *own != Role::Administrator) roles.push_back(*own);
  if (!own) roles.push_back(Role::Curator);
  roles.push_back(Role::Administrator);
  return roles;
}

// "школа, куратор или администратор"
std::string JoinRoles(const std::vector<Role>& roles) {
  std::string text;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (i > 0) text += i + 1 == roles.size() ? " или " : ", ";
    text += RussianName(roles[i]);
  }
  return text;
}

// What a command does, as the subject of «… может куратор».
std::string ActionText(CommandKind kind) {
  switch (kind) {
    case CommandKind::Advance:
      return "Перевести школу на следующий этап";
    case CommandKind::Return:
      return "Вернуть школу на предыдущий этап";
    case CommandKind::Withdraw:
      return "Вывести школу из проекта";
    case CommandKind::Reinstate:
      return "Вернуть школу в проект";
    case CommandKind::Complete:
      return "Завершить проект школы";
    case CommandKind::TaskSubmit:
      return "Сдать задачу";
    case CommandKind::TaskApprove:
      return "Утвердить задачу";
    case CommandKind::TaskReturn:
      return "Вернуть задачу на доработку";
    case CommandKind::TaskExtend:
      return "Продлить срок задачи";
    case CommandKind::Recompute:
      return "Пересчитать сроки задач";
  }
  return "?";
}

bool IsTaskCommand(CommandKind kind) {
  return kind == CommandKind::TaskSubmit || kind == CommandKind::TaskApprove ||
         kind == CommandKind::TaskReturn;
}

// "2024-05" -> "май 2024 г."; anything else is shown as it is.
std::string PeriodText(const std::string& period) {
  static constexpr std::array<const char*, 12> kMonths{"январь",   "февраль", "март",   "апрель",
                                                       "май",      "июнь",    "июль",   "август",
                                                       "сентябрь", "октябрь", "ноябрь", "декабрь"};
  auto date = ParseIsoDate(period + "-01");
  if (!date) return period;
  return std::string(kMonths[static_cast<unsigned>(date->month()) - 1]) + " " +
         std::to_string(static_cast<int>(date->year())) + " г.";
}

// «Диагностическая карта (ДТК)» (dtk), with the month for a monthly task.
std::string TaskLabel(const WorkflowDefinition& def, const TaskRecord& task) {
  const TaskDefinition* t = def.FindTask(task.task_id);
  std::string label =
      "«" + (t ? t->title : task.task_id) + "» (" + TaskReference(task.task_id, task.period) + ")";
  if (!task.period.empty()) label += " за " + PeriodText(task.period);
  return label;
}

std::string CaseState(const std::string& stage, CaseStatus status) {
  return stage + "/" + ToString(status);
}

std::string TaskState(const std::string& stage, const TaskRecord& task, TaskStatus status) {
  return stage + "/" + TaskReference(task.task_id, task.period) + ":" + ToString(status);
}

// The statuses a task command starts from, where it leads, and why any other status is refused.
struct TaskRule {
  std::vector<TaskStatus> from;
  TaskStatus to;
  const char* only;
};

TaskRule RuleFor(CommandKind kind) {
  switch (kind) {
    case CommandKind::TaskSubmit:
      return {{TaskStatus::Open, TaskStatus::Returned},
              TaskStatus::Submitted,
              "сдать можно только несданную или возвращённую на доработку задачу"};
    case CommandKind::TaskApprove:
      return {{TaskStatus::Submitted},
              TaskStatus::Approved,
              "утвердить можно только задачу, сданную на проверку"};
    default:
      return {{TaskStatus::Submitted, TaskStatus::Approved},
              TaskStatus::Returned,
              "вернуть на доработку можно только сданную или утверждённую задачу"};
  }
}

bool Allows(const TaskRule& rule, TaskStatus status) {
  for (TaskStatus s : rule.from) {
    if (s == status) return true;
  }
  return false;
}

std::string PeriodOf(int year, unsigned month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
  return buf;
}

// The day a task of the case was approved, in the region's calendar; nullopt when it was not.
std::optional<Date> ApprovedOn(const CaseRecord* current, const std::string& task_id,
                               int utc_offset_minutes) {
  if (!current) return std::nullopt;
  for (const TaskRecord& t : current->tasks) {
    if (t.task_id == task_id && t.status == TaskStatus::Approved) {
      return LocalDate(TimePoint{std::chrono::seconds{t.updated_at}}, utc_offset_minutes);
    }
  }
  return std::nullopt;
}

DeadlineContext ContextFor(const WorkflowDefinition& def, const TaskDefinition& task,
                           const std::string& stage_id, const CampaignTime& campaign) {
  if (!campaign.calendar) throw CalendarError("производственный календарь не загружен");
  const std::string& named = task.due.stage_id.empty() ? stage_id : task.due.stage_id;
  const StageDefinition* stage = def.FindStage(named);
  DeadlineContext c;
  c.calendar = campaign.calendar;
  c.year = campaign.year;
  c.campaign_start = campaign.start.ok()
                         ? campaign.start
                         : Date{std::chrono::year{campaign.year} / std::chrono::January / 1};
  if (stage) {
    c.stage_start = stage->window_from.InYear(campaign.year);
    c.stage_end = stage->window_to.InYear(campaign.year);
  }
  return c;
}

NewTask WithDeadline(NewTask task, const TaskDefinition& t, const WorkflowDefinition& def,
                     const CampaignTime& campaign, const CaseRecord* current, unsigned month) {
  DeadlineContext c = ContextFor(def, t, task.stage_id, campaign);
  c.month = month;
  if (t.due.anchor == DeadlineAnchor::TaskApproval) {
    c.approved_on = ApprovedOn(current, t.due.task_id, campaign.utc_offset_minutes);
  }
  if (auto due = ResolveDeadline(t.due, c)) {
    task.due_date = FormatIsoDate(*due);
    task.due_at = EndOfLocalDay(*due, campaign.utc_offset_minutes).time_since_epoch().count();
  }
  return task;
}

// Collects every unmet condition of one command, then either refuses with all of them or
// returns the decision. One instance per call; it only reads its inputs.
class Decider {
 public:
  Decider(const WorkflowDefinition& def, const CaseRecord& current, const Command& command,
          const Actor& actor, TimePoint now, const CampaignTime& campaign)
      : def_(def),
        case_(current),
        command_(command),
        actor_(actor),
        now_(now),
        campaign_(campaign),
        reason_(Trim(command.reason)) {}

  Outcome Run() {
    // A stale command was prepared against a case that no longer exists as the user saw it;
    // its other guards would judge the wrong state, so this one speaks alone.
    if (command_.expected_version && *command_.expected_version != case_.version) {
      return Refusal{
          {"Дело изменено с момента, когда вы его открыли: версия " +
           std::to_string(case_.version) + ", а команда подготовлена для версии " +
           std::to_string(*command_.expected_version) + ". Обновите данные и повторите."},
          true,
          false};
    }
    // Nothing can be fixed on a closed case, so no other condition is worth listing.
    if (case_.status == CaseStatus::Completed) {
      return Refusal{{"Школа завершила проект: дело закрыто, команды к нему не применяются."}};
    }
    CheckStatus();
    if (IsTaskCommand(command_.kind)) return TaskCommand();
    CheckRole(AllowedRoles(std::nullopt), ActionText(command_.kind));
    switch (command_.kind) {
      case CommandKind::TaskExtend:
        return Extend();
      case CommandKind::Recompute:
        return Recompute();
      case CommandKind::Advance:
        return Advance();
      case CommandKind::Return:
        return Return();
      case CommandKind::Withdraw:
        return Withdraw();
      case CommandKind::Reinstate:
        return Reinstate();
      default:
        return Complete();
    }
  }

 private:
  void Refuse(std::string reason) { reasons_.push_back(std::move(reason)); }
  Refusal Refused() const { return Refusal{reasons_, false, role_refused_}; }

  void CheckStatus() {
    if (case_.status == CaseStatus::Withdrawn && command_.kind != CommandKind::Reinstate) {
      Refuse("Школа выбыла из проекта: сначала верните её в проект (reinstate).");
    } else if (case_.status == CaseStatus::Active && command_.kind == CommandKind::Reinstate) {
      Refuse("Школа не выбывала из проекта: вернуть в проект можно только выбывшую школу.");
    }
  }

  void CheckRole(const std::vector<Role>& allowed, const std::string& action) {
    bool ok = false;
    for (Role r : allowed) ok = ok || r == actor_.role;
    if (ok && !ReadOnly(actor_.role)) return;
    role_refused_ = true;
    Refuse(action + " может " + JoinRoles(allowed) + "; ваша роль — " + RussianName(actor_.role) +
           ".");
  }

  void RequireReason(const std::string& sentence) {
    if (reason_.empty()) Refuse(sentence);
  }

  // Optional tasks never hold a school back; tasks of other stages are judged in their stage.
  // Listed in the definition's order (storage returns a case's tasks in key order), monthly
  // ones by period.
  void CheckRequiredTasks() {
    const StageDefinition* stage = def_.FindStage(case_.stage_id);
    if (!stage) return;
    for (const TaskDefinition& t : stage->tasks) {
      if (!t.required) continue;
      for (const TaskRecord& task : case_.tasks) {
        if (task.task_id != t.id || task.stage_id != case_.stage_id) continue;
        if (task.status == TaskStatus::Approved) continue;
        Refuse("Не утверждена задача " + TaskLabel(def_, task) + ": " + RussianName(task.status) +
               ".");
      }
    }
  }

  void CheckWindow(const StageDefinition& next) {
    Date opens = next.window_from.InYear(campaign_.year);
    Date today = LocalDate(now_, campaign_.utc_offset_minutes);
    if (DaysBetween(opens, today) >= 0) return;
    if (!command_.force) {
      Refuse("Окно этапа " + next.id + " откроется " + FormatRussianDate(opens) +
             "; досрочный переход возможен только с флагом force и указанием причины.");
    } else if (reason_.empty()) {
      Refuse("Укажите причину досрочного перехода на этап " + next.id + ": его окно откроется " +
             FormatRussianDate(opens) + ".");
    }
  }

  Decision Base() const {
    Decision d;
    d.stage_id = case_.stage_id;
    d.status = case_.status;
    d.command = ToString(command_.kind);
    if (command_.override_role) d.command += "-override";
    d.from_state = CaseState(case_.stage_id, case_.status);
    d.reason = reason_;
    return d;
  }

  Outcome Finish(Decision d) const {
    if (!reasons_.empty()) return Refused();
    d.to_state = CaseState(d.stage_id, d.status);
    return d;
  }

  bool HasTask(const std::string& id, const std::string& period) const {
    for (const TaskRecord& t : case_.tasks) {
      if (t.task_id == id && t.period == period) return true;
    }
    return false;
  }

  Outcome Advance() {
    const TransitionDefinition* t = def_.AdvanceFrom(case_.stage_id);
    if (!t) {
      Refuse(def_.CompleteFrom(case_.stage_id)
                 ? "Это последний этап: используйте команду завершения проекта (complete)."
                 : "Из этапа " + case_.stage_id + " нет перехода на следующий этап.");
      return Refused();
    }
    CheckRequiredTasks();
    if (const StageDefinition* next = def_.FindStage(t->to)) CheckWindow(*next);
    Decision d = Base();
    d.stage_id = t->to;
    d.documents = t->documents;
    // A case that was returned re-enters a stage whose tasks it already has.
    for (NewTask& task : TasksForStage(def_, t->to, campaign_, &case_)) {
      if (!HasTask(task.task_id, task.period)) d.new_tasks.push_back(std::move(task));
    }
    return Finish(std::move(d));
  }

  Outcome Return() {
    RequireReason("Укажите причину возврата школы на предыдущий этап.");
    const StageDefinition* previous = def_.PreviousOf(case_.stage_id);
    if (!previous) Refuse("Школа на первом этапе: возвращать некуда.");
    if (!reasons_.empty()) return Refused();
    Decision d = Base();
    d.stage_id = previous->id;
    d.documents = ReturnDocuments();
    // The school is sent back to rework its documents, so what was approved must be resubmitted,
    // by a deadline counted from today: the stage's own deadlines have passed.
    const Date resubmit = ResubmissionDay();
    for (const TaskRecord& task : case_.tasks) {
      if (task.stage_id != previous->id) continue;
      const bool reopened = task.status == TaskStatus::Approved;
      const bool waiting = task.status == TaskStatus::Open || task.status == TaskStatus::Returned;
      if (!reopened && !waiting) continue;
      TaskChange change{task.task_id,
                        task.period,
                        reopened ? TaskStatus::Returned : task.status,
                        reopened ? reason_ : task.comment,
                        "",
                        0,
                        false,
                        ""};
      if (task.due_date < FormatIsoDate(resubmit)) {  // "" too: no deadline is no answer
        change.due_date = FormatIsoDate(resubmit);
        change.due_at =
            EndOfLocalDay(resubmit, campaign_.utc_offset_minutes).time_since_epoch().count();
        change.due_extended = true;  // recomputing from the rules would put the passed date back
        change.due_before = task.due_date;
      }
      if (reopened || !change.due_date.empty()) d.task_changes.push_back(std::move(change));
    }
    return Finish(std::move(d));
  }

  // Working days a returned school has to resubmit its documents, from the day of the return.
  static constexpr int kResubmitWorkingDays = 10;

  Date ResubmissionDay() const {
    if (!campaign_.calendar) throw CalendarError("производственный календарь не загружен");
    const Date today = LocalDate(now_, campaign_.utc_offset_minutes);
    return campaign_.calendar->AddWorkingDays(today, kResubmitWorkingDays);
  }

  std::vector<std::string> ReturnDocuments() const {
    for (const TransitionDefinition& t : def_.transitions) {
      if (t.kind == TransitionKind::Return && t.from == case_.stage_id) return t.documents;
    }
    return {};
  }

  Outcome Withdraw() {
    RequireReason("Укажите причину выбытия школы из проекта.");
    Decision d = Base();
    d.status = CaseStatus::Withdrawn;
    if (const auto* t = def_.Anywhere(TransitionKind::Withdraw)) d.documents = t->documents;
    return Finish(std::move(d));
  }

  Outcome Reinstate() {
    Decision d = Base();
    d.status = CaseStatus::Active;
    if (const auto* t = def_.Anywhere(TransitionKind::Reinstate)) d.documents = t->documents;
    return Finish(std::move(d));
  }

  Outcome Complete() {
    const TransitionDefinition* t = def_.CompleteFrom(case_.stage_id);
    if (!t) {
      Refuse("Завершить проект можно только на последнем этапе" + FinalStages() +
             "; школа на этапе " + case_.stage_id + ".");
      return Refused();
    }
    CheckRequiredTasks();
    Decision d = Base();
    d.status = CaseStatus::Completed;
    d.documents = t->documents;
    return Finish(std::move(d));
  }

  // " (IV)": the stages a complete transition leaves, to tell the user where completion is.
  std::string FinalStages() const {
    std::string ids;
    for (const TransitionDefinition& t : def_.transitions) {
      if (t.kind == TransitionKind::Complete) ids += (ids.empty() ? "" : ", ") + t.from;
    }
    return ids.empty() ? "" : " (" + ids + ")";
  }

  const TaskRecord* FindCaseTask(const std::string& id, const std::string& period) const {
    for (const TaskRecord& t : case_.tasks) {
      if (t.task_id == id && t.period == period) return &t;
    }
    return nullptr;
  }

  std::string UnknownTask(const std::string& id, const std::string& period) const {
    std::string text = "У школы нет задачи «" + command_.task + "»";
    const TaskDefinition* t = def_.FindTask(id);
    if (t && t->recurrence == Recurrence::Monthly && period.empty()) {
      text += "; задача ежемесячная — укажите период: " + id + "@ГГГГ-ММ";
    }
    return text + ".";
  }

  Outcome TaskCommand() {
    auto [id, period] = SplitTaskReference(command_.task);
    const TaskRecord* task = FindCaseTask(id, period);
    if (!task) {
      Refuse(UnknownTask(id, period));
      return Refused();
    }
    std::string label = TaskLabel(def_, *task);
    if (task->stage_id != case_.stage_id) {
      Refuse("Задача " + label + " относится к этапу " + task->stage_id + ", а школа на этапе " +
             case_.stage_id + ".");
    }
    CheckTaskRole(*task, label);
    TaskRule rule = RuleFor(command_.kind);
    if (!Allows(rule, task->status)) {
      Refuse("Задача " + label + " " + RussianName(task->status) + ": " + rule.only + ".");
    }
    if (command_.kind == CommandKind::TaskReturn) {
      RequireReason("Укажите комментарий: что доработать в задаче " + label + ".");
    }
    if (!reasons_.empty()) return Refused();
    Decision d = Base();
    d.task_changes.push_back({task->task_id, task->period, rule.to, reason_, "", 0, false, ""});
    if (rule.to == TaskStatus::Approved) AddDeadlinesAfterApproval(task->task_id, d);
    d.from_state = TaskState(case_.stage_id, *task, task->status);
    d.to_state = TaskState(case_.stage_id, *task, rule.to);
    return d;
  }

  // Tasks due "N days after X is approved" learn their deadline now; their status and comment
  // stay as they are.
  void AddDeadlinesAfterApproval(const std::string& approved_id, Decision& d) const {
    CaseRecord approved = case_;
    for (TaskRecord& t : approved.tasks) {
      if (t.task_id == approved_id) {
        t.status = TaskStatus::Approved;
        t.updated_at = now_.time_since_epoch().count();
      }
    }
    for (const TaskRecord& task : case_.tasks) {
      const TaskDefinition* t = def_.FindTask(task.task_id);
      if (!t || t->due.anchor != DeadlineAnchor::TaskApproval || t->due.task_id != approved_id ||
          !task.due_date.empty()) {
        continue;
      }
      NewTask due = WithDeadline({task.task_id, task.stage_id, task.period, "", 0}, *t, def_,
                                 campaign_, &approved, 0);
      d.task_changes.push_back({task.task_id, task.period, task.status, task.comment, due.due_date,
                                due.due_at, false, ""});
    }
  }

  // Only a later working day, not yet passed, for a task still in work; the old deadline and
  // the reason go to the audit log, and the task is marked so recomputing leaves it alone.
  Outcome Extend() {
    auto [id, period] = SplitTaskReference(command_.task);
    const TaskRecord* task = FindCaseTask(id, period);
    if (!task) {
      Refuse(UnknownTask(id, period));
      return Refused();
    }
    std::string label = TaskLabel(def_, *task);
    RequireReason("Укажите причину продления срока задачи " + label + ".");
    if (task->status == TaskStatus::Approved) {
      Refuse("Задача " + label + " утверждена: срок выполненной задачи не продлевают.");
    }
    std::optional<Date> until = NewDueDate(*task);
    if (!reasons_.empty() || !until) return Refused();
    Decision d = Base();
    std::string due = FormatIsoDate(*until);
    std::int64_t due_at =
        EndOfLocalDay(*until, campaign_.utc_offset_minutes).time_since_epoch().count();
    d.task_changes.push_back({task->task_id, task->period, task->status, task->comment, due, due_at,
                              true, task->due_date});
    d.from_state = DueState(*task, task->due_date);
    d.to_state = DueState(*task, due);
    return d;
  }

  std::string DueState(const TaskRecord& task, const std::string& due) const {
    return task.stage_id + "/" + TaskReference(task.task_id, task.period) + ":срок " +
           (due.empty() ? "не назначен" : due);
  }

  // The date of `--until`, or nullopt with the reason refused.
  std::optional<Date> NewDueDate(const TaskRecord& task) {
    auto until = ParseIsoDate(command_.until);
    if (!until) {
      Refuse("Новый срок «" + command_.until + "» — не дата в формате ГГГГ-ММ-ДД.");
      return std::nullopt;
    }
    // The project's period governs, and the calendar knows only the years around it.
    if (campaign_.end && DaysBetween(*campaign_.end, *until) > 0) {
      Refuse("Новый срок " + FormatRussianDate(*until) + " позже окончания проекта (" +
             FormatRussianDate(*campaign_.end) + "): продлить можно только в пределах проекта.");
      return std::nullopt;
    }
    std::size_t before = reasons_.size();
    if (!campaign_.calendar) throw CalendarError("производственный календарь не загружен");
    Date today = LocalDate(now_, campaign_.utc_offset_minutes);
    bool passed = DaysBetween(today, *until) < 0;
    // A passed day of a year the calendar does not hold is refused for having passed alone.
    bool known = campaign_.calendar->Covers(static_cast<int>(until->year()));
    if ((known || !passed) && !campaign_.calendar->IsWorkingDay(*until)) {
      Refuse(FormatRussianDate(*until) + " — нерабочий день" + NearestWorkingDays(*until) + ".");
    }
    if (passed) {
      Refuse("Новый срок " + FormatRussianDate(*until) + " уже прошёл: сегодня " +
             FormatRussianDate(today) + ".");
    }
    auto current = ParseIsoDate(task.due_date);
    if (current && DaysBetween(*current, *until) <= 0) {
      Refuse("Новый срок " + FormatRussianDate(*until) + " не позже текущего (" +
             FormatRussianDate(*current) + "): продление переносит срок только вперёд.");
    }
    if (reasons_.size() != before) return std::nullopt;
    return until;
  }

  // "; ближайшие рабочие дни: A и B", or "" when one of them lies in a year the calendar lacks
  // (a holiday at its first days: the day before is of the year before).
  std::string NearestWorkingDays(Date day) const {
    try {
      return "; ближайшие рабочие дни: " +
             FormatRussianDate(campaign_.calendar->PreviousWorkingDayOnOrBefore(day)) + " и " +
             FormatRussianDate(campaign_.calendar->NextWorkingDayOnOrAfter(day));
    } catch (const CalendarError&) {
      return "";
    }
  }

  // Tasks in work get their deadlines from the rules again, on today's calendar; approved tasks
  // and deadlines a curator extended stay as they are. No change is not an error: the decision
  // then has no task changes and nothing is written.
  Outcome Recompute() {
    if (!reasons_.empty()) return Refused();
    Decision d = Base();
    for (const TaskRecord& task : case_.tasks) {
      if (task.status == TaskStatus::Approved || task.due_extended) continue;
      std::string due = RuleDueDate(task);
      if (due.empty() || due == task.due_date) continue;
      auto date = ParseIsoDate(due);
      std::int64_t due_at =
          EndOfLocalDay(*date, campaign_.utc_offset_minutes).time_since_epoch().count();
      d.task_changes.push_back({task.task_id, task.period, task.status, task.comment, due, due_at,
                                false, task.due_date});
    }
    return Finish(std::move(d));
  }

  // What the workflow's rule gives for the task now; "" when it cannot say yet.
  std::string RuleDueDate(const TaskRecord& task) const {
    const TaskDefinition* t = def_.FindTask(task.task_id);
    if (!t) return "";
    unsigned month = 0;
    if (auto first = ParseIsoDate(task.period + "-01")) {
      month = static_cast<unsigned>(first->month());
    }
    NewTask fresh{task.task_id, task.stage_id, task.period, "", 0};
    return WithDeadline(std::move(fresh), *t, def_, campaign_, &case_, month).due_date;
  }

  // Submitting is the owner's work, approving and returning the reviewer's.
  void CheckTaskRole(const TaskRecord& task, const std::string& label) {
    const TaskDefinition* t = def_.FindTask(task.task_id);
    std::optional<Role> own;
    if (t) own = command_.kind == CommandKind::TaskSubmit ? t->owner : t->reviewer;
    std::string action = ActionText(command_.kind) + " " + label;
    if (command_.override_role) return CheckOverride(own.value_or(Role::Curator), action);
    CheckRole(AllowedRoles(own), action);
    if (role_refused_ && Privileged(actor_.role)) {
      Refuse("Куратор может сделать это за другого участника: укажите причину замены.");
    }
  }

  // A curator stands in for an absent owner or reviewer: allowed with a reason, and the audit
  // log records it as an override.
  void CheckOverride(Role own, const std::string& action) {
    if (!Privileged(actor_.role)) {
      role_refused_ = true;
      return Refuse(
          "Действовать за другого участника может куратор или администратор; ваша роль — " +
          std::string(RussianName(actor_.role)) + ".");
    }
    if (own == actor_.role) {
      return Refuse(action + " — ваша собственная задача: замена не нужна.");
    }
    RequireReason("Укажите причину, по которой вы действуете за роль «" +
                  std::string(RussianName(own)) + "»: она попадает в журнал.");
  }

  const WorkflowDefinition& def_;
  const CaseRecord& case_;
  const Command& command_;
  const Actor& actor_;
  TimePoint now_;
  CampaignTime campaign_;
  std::string reason_;  // the command's reason without surrounding spaces
  std::vector<std::string> reasons_;
  bool role_refused_ = false;
};

}  // namespace

std::string Refusal::Text() const {
  std::string text;
  for (const std::string& reason : reasons) text += (text.empty() ? "" : "\n") + reason;
  return text;
}

Outcome Decide(const WorkflowDefinition& definition, const CaseRecord& current,
               const Command& command, const Actor& actor, TimePoint now,
               const CampaignTime& campaign) {
  return Decider(definition, current, command, actor, now, campaign).Run();
}

std::vector<NewTask> TasksForStage(const WorkflowDefinition& definition,
                                   const std::string& stage_id, const CampaignTime& campaign,
                                   const CaseRecord* current) {
  std::vector<NewTask> tasks;
  const StageDefinition* stage = definition.FindStage(stage_id);
  if (!stage) return tasks;
  for (const TaskDefinition& t : stage->tasks) {
    if (t.recurrence == Recurrence::None) {
      tasks.push_back(
          WithDeadline({t.id, stage->id, "", "", 0}, t, definition, campaign, current, 0));
      continue;
    }
    for (unsigned m = stage->window_from.month; m <= stage->window_to.month; ++m) {
      NewTask task{t.id, stage->id, PeriodOf(campaign.year, m), "", 0};
      tasks.push_back(WithDeadline(std::move(task), t, definition, campaign, current, m));
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
