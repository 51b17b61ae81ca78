// The pure decision of the state machine: every command and guard, on a small four-stage
// definition built in code so each rule is visible in the test.
#include <catch2/catch.hpp>

#include "engine/workflow/StateMachine.h"
#include "tests/TestSupport.h"

using namespace shnor;
using Catch::Contains;
using storage::CaseStatus;
using storage::TaskStatus;

namespace {

TaskDefinition Task(std::string id, std::string title, Role owner = Role::School,
                    Role reviewer = Role::Coordinator) {
  TaskDefinition t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.owner = owner;
  t.reviewer = reviewer;
  return t;
}

StageDefinition Stage(std::string id, MonthDay from, MonthDay to,
                      std::vector<TaskDefinition> tasks) {
  StageDefinition s;
  s.id = std::move(id);
  s.title = "Этап " + s.id;
  s.window_from = from;
  s.window_to = to;
  s.tasks = std::move(tasks);
  return s;
}

TaskDefinition Due(TaskDefinition t, unsigned month, unsigned day) {
  t.due.anchor = DeadlineAnchor::DayOfYear;
  t.due.day = MonthDay{month, day, false};
  return t;
}

TaskDefinition Optional(TaskDefinition t) {
  t.required = false;
  return t;
}

TaskDefinition Monthly(TaskDefinition t, unsigned day) {
  t.recurrence = Recurrence::Monthly;
  t.due.anchor = DeadlineAnchor::DayOfMonth;
  t.due.day_of_month = day;
  return t;
}

// I (Jan–Feb), II (Mar–Apr), III (Apr–Jun, a monthly report), IV (Dec), as in the real project.
WorkflowDefinition Definition() {
  WorkflowDefinition def;
  def.id = "test";
  def.version = 1;
  def.initial_stage = "I";
  const MonthDay end_feb{2, 1, true}, end_apr{4, 30, false}, end_jun{6, 30, false};
  def.stages = {
      Stage("I", {1, 1}, end_feb,
            {Due(Task("analysis", "Глубокий анализ"), 2, 26),
             Due(Task("team", "Команда", Role::School, Role::Curator), 2, 9)}),
      Stage("II", {3, 1}, end_apr,
            {Due(Task("dtk", "Диагностическая карта (ДТК)"), 3, 15),
             Optional(Task("anti-risk", "Антирисковые программы", Role::School, Role::Curator)),
             Task("review", "Заключение координатора", Role::Coordinator, Role::Curator)}),
      Stage("III", {4, 1}, end_jun,
            {Monthly(Task("monthly", "Ежемесячный отчёт"), 5),
             Due(Task("partner", "Работа со школой-партнёром"), 6, 14)}),
      Stage("IV", {12, 1}, {12, 31}, {Due(Task("results", "Отчёт о результатах"), 12, 10)}),
  };
  def.transitions = {
      {TransitionKind::Advance, "I", "II", {"stage-notice"}, 1},
      {TransitionKind::Advance, "II", "III", {"stage-notice", "road-map"}, 2},
      {TransitionKind::Advance, "III", "IV", {"stage-notice"}, 3},
      {TransitionKind::Complete, "IV", "", {"final-report"}, 4},
      {TransitionKind::Return, "III", "", {"return-notice"}, 5},
      {TransitionKind::Withdraw, "", "", {"withdrawal-notice"}, 6},
      {TransitionKind::Reinstate, "", "", {"reinstatement-notice"}, 7},
  };
  return def;
}

const WorkflowDefinition& Def() {
  static const WorkflowDefinition def = Definition();
  return def;
}

// The campaign's time on the shipped production calendar.
CampaignTime In(int year, int utc_offset_minutes = 300) {
  return CampaignTime{year, utc_offset_minutes, &test::ShippedCalendar(), {}, {}};
}

void AddTasks(storage::CaseRecord& c, const std::string& stage, TaskStatus status) {
  for (const NewTask& t : TasksForStage(Def(), stage, In(2024))) {
    storage::TaskRecord task;
    task.task_id = t.task_id;
    task.stage_id = t.stage_id;
    task.period = t.period;
    task.due_date = t.due_date;
    task.status = status;
    c.tasks.push_back(task);
  }
}

// A case in `stage`: the earlier stages all approved, the current one's tasks in `status`.
storage::CaseRecord Case(const std::string& stage, TaskStatus status = TaskStatus::Open) {
  storage::CaseRecord c;
  c.id = 1;
  c.stage_id = stage;
  c.version = 3;
  for (const StageDefinition& s : Def().stages) {
    AddTasks(c, s.id, s.id == stage ? status : TaskStatus::Approved);
    if (s.id == stage) break;
  }
  return c;
}

storage::TaskRecord& TaskOf(storage::CaseRecord& c, const std::string& reference) {
  auto [id, period] = SplitTaskReference(reference);
  for (auto& t : c.tasks) {
    if (t.task_id == id && t.period == period) return t;
  }
  FAIL("no task " << reference);
  throw 0;  // unreachable: FAIL throws
}

TimePoint Noon(const char* iso) {
  return StartOfLocalDay(*ParseIsoDate(iso), 300) + std::chrono::hours{12};
}

const Actor kCurator{"Куратор", Role::Curator};
const Actor kAdministrator{"Администратор", Role::Administrator};
const Actor kCoordinator{"Координатор", Role::Coordinator};
const Actor kSchool{"Школа", Role::School};
const Actor kMentor{"Наставник", Role::Mentor};
const Actor kObserver{"Наблюдатель", Role::Observer};
const CampaignTime kTime = In(2024);

Command Make(CommandKind kind, std::string task = "", std::string reason = "") {
  Command c;
  c.kind = kind;
  c.task = std::move(task);
  c.reason = std::move(reason);
  return c;
}

Command Reasoned(CommandKind kind, std::string reason) {
  return Make(kind, "", std::move(reason));
}

Outcome Run(const storage::CaseRecord& c, const Command& command, const Actor& actor = kCurator,
            const char* today = "2024-05-10") {
  return Decide(Def(), c, command, actor, Noon(today), kTime);
}

std::vector<std::string> Reasons(const Outcome& outcome) {
  REQUIRE(std::holds_alternative<Refusal>(outcome));
  return std::get<Refusal>(outcome).reasons;
}

std::string RefusalText(const Outcome& outcome) {
  REQUIRE(std::holds_alternative<Refusal>(outcome));
  return std::get<Refusal>(outcome).Text();
}

Decision Applied(const Outcome& outcome) {
  if (auto* refusal = std::get_if<Refusal>(&outcome)) FAIL(refusal->Text());
  return std::get<Decision>(outcome);
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a stale expected version is refused alone before any other guard", "[state-machine]") {
  auto c = Case("I");
  Command command = Make(CommandKind::Advance);
  command.expected_version = 2;
  auto reasons = Reasons(Run(c, command, kObserver, "2024-02-01"));
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] ==
        "Дело изменено с момента, когда вы его открыли: версия 3, а команда подготовлена для "
        "версии 2. Обновите данные и повторите.");
  command.expected_version = 3;
  CHECK(Reasons(Run(c, command, kObserver, "2024-02-01")).size() == 4);  // the real guards speak
}

TEST_CASE("advance refuses and names every required task still open", "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  TaskOf(c, "review").status = TaskStatus::Returned;
  auto reasons = Reasons(Run(c, Make(CommandKind::Advance)));
  CHECK(reasons == Strings{
                       "Не утверждена задача «Диагностическая карта (ДТК)» (dtk): на проверке.",
                       "Не утверждена задача «Заключение координатора» (review): возвращена на "
                       "доработку.",
                   });
  TaskOf(c, "dtk").status = TaskStatus::Open;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Advance))),
             Contains("«Диагностическая карта (ДТК)» (dtk): не сдана."));
}

TEST_CASE("advance names a monthly task with its period", "[state-machine]") {
  auto c = Case("III", TaskStatus::Approved);
  TaskOf(c, "monthly@2024-05").status = TaskStatus::Open;
  CHECK(Reasons(Run(c, Make(CommandKind::Advance), kCurator, "2024-12-02")) ==
        Strings{"Не утверждена задача «Ежемесячный отчёт» (monthly@2024-05) за май 2024 г.: "
                "не сдана."});
}

TEST_CASE("advance ignores optional tasks and creates the next stage's tasks", "[state-machine]") {
  auto c = Case("II", TaskStatus::Approved);
  TaskOf(c, "anti-risk").status = TaskStatus::Open;
  Command command = Reasoned(CommandKind::Advance, "Документы готовы");
  Decision d = Applied(Run(c, command, kCurator, "2024-04-02"));
  CHECK(d.stage_id == "III");
  CHECK(d.status == CaseStatus::Active);
  CHECK(d.command == "advance");
  CHECK(d.from_state == "II/active");
  CHECK(d.to_state == "III/active");
  CHECK(d.reason == "Документы готовы");
  CHECK(d.documents == Strings{"stage-notice", "road-map"});
  CHECK(d.task_changes.empty());
  REQUIRE(d.new_tasks.size() == 4);  // monthly for April, May, June, and the partner task
  CHECK(d.new_tasks[0].task_id == "monthly");
  CHECK(d.new_tasks[0].stage_id == "III");
  CHECK(d.new_tasks[0].period == "2024-04");
  CHECK(d.new_tasks[0].due_date == "2024-04-05");
  CHECK(d.new_tasks[2].period == "2024-06");
  CHECK(d.new_tasks[3].task_id == "partner");
  CHECK(d.new_tasks[3].period.empty());
  CHECK(d.new_tasks[3].due_date == "2024-06-14");
}

TEST_CASE("advance after a return creates only the tasks the case lacks", "[state-machine]") {
  auto c = Case("II", TaskStatus::Approved);
  AddTasks(c, "III", TaskStatus::Open);
  c.tasks.erase(c.tasks.end() - 1);  // as if the partner task came later than the case
  Decision d = Applied(Run(c, Make(CommandKind::Advance)));
  REQUIRE(d.new_tasks.size() == 1);
  CHECK(d.new_tasks[0].task_id == "partner");
}

TEST_CASE("advance before the next window opens is refused unless forced", "[state-machine]") {
  auto c = Case("I", TaskStatus::Approved);
  CHECK(Reasons(Run(c, Make(CommandKind::Advance), kCurator, "2024-02-20")) ==
        Strings{"Окно этапа II откроется 01.03.2024; досрочный переход возможен только с флагом "
                "force и указанием причины."});
  Command forced = Reasoned(CommandKind::Advance, "Решение КС от 15.02.2024");
  forced.force = true;
  Decision d = Applied(Run(c, forced, kCurator, "2024-02-20"));
  CHECK(d.stage_id == "II");
  CHECK(d.reason == "Решение КС от 15.02.2024");
  CHECK(Applied(Run(c, Make(CommandKind::Advance), kCurator, "2024-03-01")).stage_id == "II");
}

TEST_CASE("a forced advance without a reason is refused and asks for the reason",
          "[state-machine]") {
  auto c = Case("I", TaskStatus::Approved);
  Command forced = Reasoned(CommandKind::Advance, " \t ");
  forced.force = true;
  auto reasons = Reasons(Run(c, forced, kCurator, "2024-02-20"));
  REQUIRE(reasons.size() == 1);
  CHECK_THAT(reasons[0], Contains("Укажите причину досрочного перехода на этап II"));
}

TEST_CASE("force is the curator's and the administrator's alone", "[state-machine]") {
  auto c = Case("I", TaskStatus::Approved);
  Command forced = Reasoned(CommandKind::Advance, "Срочно");
  forced.force = true;
  CHECK(Reasons(Run(c, forced, kCoordinator, "2024-02-20")).size() == 1);
  CHECK(Applied(Run(c, forced, kAdministrator, "2024-02-20")).stage_id == "II");
}

TEST_CASE("the window is judged by the region's local date, not by UTC", "[state-machine]") {
  auto c = Case("I", TaskStatus::Approved);
  // 29.02.2024 20:00 UTC is already 01.03.2024 01:00 in a +05:00 region, still 29.02 in +03:00.
  TimePoint evening_utc =
      TimePoint{std::chrono::sys_days{*ParseIsoDate("2024-02-29")}} + std::chrono::hours{20};
  auto advance = Make(CommandKind::Advance);
  CHECK(std::holds_alternative<Decision>(Decide(Def(), c, advance, kCurator, evening_utc, kTime)));
  CHECK(std::holds_alternative<Refusal>(
      Decide(Def(), c, advance, kCurator, evening_utc, In(2024, 180))));
}

TEST_CASE("the window is placed in the campaign's year", "[state-machine]") {
  auto c = Case("I", TaskStatus::Approved);
  auto now = Noon("2024-03-10");
  auto advance = Make(CommandKind::Advance);
  CHECK(std::holds_alternative<Decision>(Decide(Def(), c, advance, kCurator, now, kTime)));
  CHECK_THAT(RefusalText(Decide(Def(), c, advance, kCurator, now, In(2025))),
             Contains("01.03.2025"));
}

TEST_CASE("advance out of the last stage points to the complete command", "[state-machine]") {
  auto c = Case("IV", TaskStatus::Approved);
  CHECK(Reasons(Run(c, Make(CommandKind::Advance))) ==
        Strings{"Это последний этап: используйте команду завершения проекта (complete)."});
}

TEST_CASE("every unmet condition of an advance is listed together", "[state-machine]") {
  auto c = Case("I");
  TaskOf(c, "team").status = TaskStatus::Submitted;
  auto outcome = Run(c, Make(CommandKind::Advance), kCoordinator, "2024-02-01");
  auto reasons = Reasons(outcome);
  REQUIRE(reasons.size() == 4);
  CHECK(reasons[0] ==
        "Перевести школу на следующий этап может куратор или администратор; ваша роль — "
        "муниципальный координатор.");
  CHECK_THAT(reasons[1], Contains("(analysis): не сдана"));
  CHECK_THAT(reasons[2], Contains("(team): на проверке"));
  CHECK_THAT(reasons[3], Contains("Окно этапа II"));
  CHECK(std::get<Refusal>(outcome).Text() ==
        reasons[0] + "\n" + reasons[1] + "\n" + reasons[2] + "\n" + reasons[3]);
}

TEST_CASE("observers and mentors can do nothing", "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  const CommandKind kinds[] = {CommandKind::Advance,    CommandKind::Return,
                               CommandKind::Withdraw,   CommandKind::Complete,
                               CommandKind::TaskSubmit, CommandKind::TaskApprove,
                               CommandKind::TaskReturn};
  for (const Actor& actor : {kObserver, kMentor}) {
    for (CommandKind kind : kinds) {
      INFO(ToString(kind) << " by " << ToString(actor.role));
      CHECK_THAT(RefusalText(Run(c, Make(kind, "dtk", "Причина"), actor)),
                 Contains(std::string("ваша роль — ") + RussianName(actor.role)));
    }
  }
  c.status = CaseStatus::Withdrawn;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Reinstate), kMentor)),
             Contains("может куратор или администратор; ваша роль — наставник"));
}

TEST_CASE("stage commands need a curator or an administrator", "[state-machine]") {
  auto c = Case("II");
  CHECK(Reasons(Run(c, Reasoned(CommandKind::Withdraw, "Реорганизация"), kSchool)) ==
        Strings{"Вывести школу из проекта может куратор или администратор; ваша роль — школа."});
  CHECK(std::holds_alternative<Decision>(
      Run(c, Reasoned(CommandKind::Withdraw, "Реорганизация"), kAdministrator)));
  CHECK(std::holds_alternative<Decision>(
      Run(c, Reasoned(CommandKind::Return, "Доработать анализ"), kCurator)));
  CHECK_THAT(RefusalText(Run(c, Reasoned(CommandKind::Return, "Доработать"), kCoordinator)),
             Contains("Вернуть школу на предыдущий этап может куратор или администратор"));
}

TEST_CASE("return needs a reason and reopens the approved tasks of the previous stage",
          "[state-machine]") {
  auto c = Case("III");
  TaskOf(c, "review").status = TaskStatus::Submitted;  // not approved: nothing to reopen
  CHECK(Reasons(Run(c, Reasoned(CommandKind::Return, "   "))) ==
        Strings{"Укажите причину возврата школы на предыдущий этап."});
  Decision d = Applied(Run(c, Reasoned(CommandKind::Return, "  Доработать ДТК ")));
  CHECK(d.stage_id == "II");
  CHECK(d.status == CaseStatus::Active);
  CHECK(d.command == "return");
  CHECK(d.from_state == "III/active");
  CHECK(d.to_state == "II/active");
  CHECK(d.reason == "Доработать ДТК");
  CHECK(d.documents == Strings{"return-notice"});
  CHECK(d.new_tasks.empty());
  REQUIRE(d.task_changes.size() == 2);
  CHECK(d.task_changes[0].task_id == "dtk");
  CHECK(d.task_changes[0].status == TaskStatus::Returned);
  CHECK(d.task_changes[0].comment == "Доработать ДТК");
  CHECK(d.task_changes[1].task_id == "anti-risk");
}

TEST_CASE("return gives the reworked tasks new deadlines counted from the return day",
          "[state-machine]") {
  auto c = Case("III");
  TaskOf(c, "review").status = TaskStatus::Submitted;  // the coordinator's, under review: kept
  TaskOf(c, "review").due_date = "2024-04-25";
  // Friday 10.05.2024 + 10 working days (the May holidays are behind) = 24.05.2024.
  Decision d =
      Applied(Run(c, Reasoned(CommandKind::Return, "Доработать ДТК"), kCurator, "2024-05-10"));
  REQUIRE(d.task_changes.size() == 2);
  for (const TaskChange& change : d.task_changes) {
    INFO(change.task_id);
    CHECK(change.due_date == "2024-05-24");
    CHECK(change.due_at ==
          EndOfLocalDay(*ParseIsoDate("2024-05-24"), 300).time_since_epoch().count());
    CHECK(change.due_extended);  // recomputing from the rules would put the passed date back
  }
  CHECK(d.task_changes[0].due_before == "2024-03-15");
  CHECK(d.task_changes[1].due_before == TaskOf(c, "anti-risk").due_date);
}

TEST_CASE("return without a return transition produces no documents", "[state-machine]") {
  Decision d = Applied(Run(Case("II"), Reasoned(CommandKind::Return, "Повторить анализ")));
  CHECK(d.stage_id == "I");
  CHECK(d.documents.empty());
  CHECK(d.task_changes.size() == 2);  // analysis and team
}

TEST_CASE("return from the first stage has nowhere to go and still asks for a reason",
          "[state-machine]") {
  CHECK(Reasons(Run(Case("I"), Make(CommandKind::Return))) ==
        Strings{"Укажите причину возврата школы на предыдущий этап.",
                "Школа на первом этапе: возвращать некуда."});
}

TEST_CASE("withdraw needs a reason and keeps the stage", "[state-machine]") {
  auto c = Case("II");
  CHECK(Reasons(Run(c, Make(CommandKind::Withdraw))) ==
        Strings{"Укажите причину выбытия школы из проекта."});
  Decision d = Applied(Run(c, Reasoned(CommandKind::Withdraw, "Реорганизация")));
  CHECK(d.status == CaseStatus::Withdrawn);
  CHECK(d.stage_id == "II");
  CHECK(d.command == "withdraw");
  CHECK(d.from_state == "II/active");
  CHECK(d.to_state == "II/withdrawn");
  CHECK(d.documents == Strings{"withdrawal-notice"});
  CHECK(d.task_changes.empty());
  CHECK(d.new_tasks.empty());
}

TEST_CASE("a withdrawn case accepts only reinstate", "[state-machine]") {
  auto c = Case("II", TaskStatus::Approved);
  c.status = CaseStatus::Withdrawn;
  CHECK(Reasons(Run(c, Make(CommandKind::Advance))) ==
        Strings{"Школа выбыла из проекта: сначала верните её в проект (reinstate)."});
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskReturn, "dtk", "x"))), Contains("выбыла"));
  Decision d = Applied(Run(c, Make(CommandKind::Reinstate)));  // the reason is optional
  CHECK(d.status == CaseStatus::Active);
  CHECK(d.stage_id == "II");
  CHECK(d.from_state == "II/withdrawn");
  CHECK(d.to_state == "II/active");
  CHECK(d.documents == Strings{"reinstatement-notice"});
}

TEST_CASE("reinstate is refused for a school still in the project", "[state-machine]") {
  CHECK(Reasons(Run(Case("II"), Make(CommandKind::Reinstate))) ==
        Strings{"Школа не выбывала из проекта: вернуть в проект можно только выбывшую школу."});
}

TEST_CASE("complete closes the last stage with its documents", "[state-machine]") {
  auto c = Case("IV", TaskStatus::Approved);
  Decision d = Applied(Run(c, Make(CommandKind::Complete), kCurator, "2024-12-20"));
  CHECK(d.status == CaseStatus::Completed);
  CHECK(d.stage_id == "IV");
  CHECK(d.command == "complete");
  CHECK(d.to_state == "IV/completed");
  CHECK(d.documents == Strings{"final-report"});
}

TEST_CASE("complete on a stage that is not the last names the last stage", "[state-machine]") {
  CHECK(Reasons(Run(Case("III", TaskStatus::Approved), Make(CommandKind::Complete))) ==
        Strings{"Завершить проект можно только на последнем этапе (IV); школа на этапе III."});
}

TEST_CASE("complete lists every required task still open together with the role",
          "[state-machine]") {
  auto reasons = Reasons(Run(Case("IV"), Make(CommandKind::Complete), kSchool));
  REQUIRE(reasons.size() == 2);
  CHECK_THAT(reasons[0], Contains("Завершить проект школы может куратор или администратор"));
  CHECK(reasons[1] == "Не утверждена задача «Отчёт о результатах» (results): не сдана.");
}

TEST_CASE("a completed case accepts no command", "[state-machine]") {
  auto c = Case("IV", TaskStatus::Approved);
  c.status = CaseStatus::Completed;
  const CommandKind kinds[] = {CommandKind::Advance,   CommandKind::Return,
                               CommandKind::Withdraw,  CommandKind::Reinstate,
                               CommandKind::Complete,  CommandKind::TaskSubmit,
                               CommandKind::TaskReturn};
  for (CommandKind kind : kinds) {
    INFO(ToString(kind));
    CHECK(Reasons(Run(c, Make(kind, "results", "Причина"))) ==
          Strings{"Школа завершила проект: дело закрыто, команды к нему не применяются."});
  }
}

TEST_CASE("a task goes from open to submitted to approved", "[state-machine]") {
  auto c = Case("II");
  Decision s = Applied(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool));
  CHECK(s.command == "task-submit");
  CHECK(s.from_state == "II/dtk:open");
  CHECK(s.to_state == "II/dtk:submitted");
  CHECK(s.stage_id == "II");
  CHECK(s.status == CaseStatus::Active);
  CHECK(s.new_tasks.empty());
  CHECK(s.documents.empty());
  REQUIRE(s.task_changes.size() == 1);
  CHECK(s.task_changes[0].task_id == "dtk");
  CHECK(s.task_changes[0].status == TaskStatus::Submitted);
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  Decision a = Applied(Run(c, Make(CommandKind::TaskApprove, "dtk", "Принято"), kCoordinator));
  CHECK(a.command == "task-approve");
  CHECK(a.from_state == "II/dtk:submitted");
  CHECK(a.to_state == "II/dtk:approved");
  CHECK(a.task_changes.at(0).status == TaskStatus::Approved);
  CHECK(a.task_changes.at(0).comment == "Принято");
}

TEST_CASE("a submitted or approved task cannot be submitted again", "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  CHECK(Reasons(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)) ==
        Strings{"Задача «Диагностическая карта (ДТК)» (dtk) на проверке: сдать можно только "
                "несданную или возвращённую на доработку задачу."});
  TaskOf(c, "dtk").status = TaskStatus::Approved;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)),
             Contains("(dtk) утверждена: сдать можно только"));
  TaskOf(c, "dtk").status = TaskStatus::Returned;
  CHECK(std::holds_alternative<Decision>(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)));
}

TEST_CASE("only a submitted task can be approved", "[state-machine]") {
  auto c = Case("II");
  for (TaskStatus status : {TaskStatus::Open, TaskStatus::Approved, TaskStatus::Returned}) {
    TaskOf(c, "dtk").status = status;
    CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskApprove, "dtk"))),
               Contains("утвердить можно только задачу, сданную на проверку"));
  }
}

TEST_CASE("a task is submitted by its owner and reviewed by its reviewer", "[state-machine]") {
  auto c = Case("II");
  CHECK(Reasons(Run(c, Make(CommandKind::TaskSubmit, "review"), kSchool)) ==
        Strings{"Сдать задачу «Заключение координатора» (review) может муниципальный координатор "
                "или администратор; ваша роль — школа."});
  CHECK(std::holds_alternative<Decision>(
      Run(c, Make(CommandKind::TaskSubmit, "review"), kCoordinator)));
  CHECK(std::holds_alternative<Decision>(
      Run(c, Make(CommandKind::TaskSubmit, "dtk"), kAdministrator)));
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  CHECK(Reasons(Run(c, Make(CommandKind::TaskApprove, "dtk"), kSchool)) ==
        Strings{"Утвердить задачу «Диагностическая карта (ДТК)» (dtk) может муниципальный "
                "координатор или администратор; ваша роль — школа."});
  CHECK(std::holds_alternative<Decision>(
      Run(c, Make(CommandKind::TaskApprove, "dtk"), kCoordinator)));
  TaskOf(c, "anti-risk").status = TaskStatus::Submitted;  // reviewed by the curator
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskApprove, "anti-risk"), kCoordinator)),
             Contains("может куратор или администратор; ваша роль — муниципальный координатор"));
}

TEST_CASE("an approved task may be returned by its reviewer with a comment", "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Approved;
  Decision d = Applied(Run(
      c, Make(CommandKind::TaskReturn, "dtk", " Нет показателей по математике "), kCoordinator));
  CHECK(d.command == "task-return");
  CHECK(d.from_state == "II/dtk:approved");
  CHECK(d.to_state == "II/dtk:returned");
  CHECK(d.reason == "Нет показателей по математике");
  REQUIRE(d.task_changes.size() == 1);
  CHECK(d.task_changes[0].status == TaskStatus::Returned);
  CHECK(d.task_changes[0].comment == "Нет показателей по математике");
  TaskOf(c, "dtk").status = TaskStatus::Open;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskReturn, "dtk", "x"), kCoordinator)),
             Contains("(dtk) не сдана: вернуть на доработку можно только сданную или "
                      "утверждённую задачу."));
}

TEST_CASE("a curator steps in for a task's reviewer only as an override with a reason",
          "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Submitted;  // reviewed by the coordinator
  Refusal plain = std::get<Refusal>(Run(c, Make(CommandKind::TaskApprove, "dtk"), kCurator));
  CHECK(plain.role);
  CHECK(plain.reasons == Strings{"Утвердить задачу «Диагностическая карта (ДТК)» (dtk) может "
                                 "муниципальный координатор или администратор; ваша роль — "
                                 "куратор.",
                                 "Куратор может сделать это за другого участника: укажите причину "
                                 "замены."});
  Command override = Make(CommandKind::TaskApprove, "dtk");
  override.override_role = true;
  CHECK(Reasons(Run(c, override, kCurator)) ==
        Strings{"Укажите причину, по которой вы действуете за роль «муниципальный координатор»: "
                "она попадает в журнал."});
  CHECK_THAT(RefusalText(Run(c, override, kCoordinator)),
             Contains("Действовать за другого участника может куратор или администратор"));
  override.reason = "Координатор в отпуске";
  Decision d = Applied(Run(c, override, kCurator));
  CHECK(d.command == "task-approve-override");
  CHECK(d.reason == "Координатор в отпуске");
  CHECK(d.task_changes.at(0).status == TaskStatus::Approved);
  TaskOf(c, "dtk").status = TaskStatus::Open;  // owned by the school
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kCurator)),
             Contains("Сдать задачу «Диагностическая карта (ДТК)» (dtk) может школа или "
                      "администратор; ваша роль — куратор."));
}

TEST_CASE("a task return needs a comment", "[state-machine]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Submitted;
  CHECK(Reasons(Run(c, Make(CommandKind::TaskReturn, "dtk"), kCoordinator)) ==
        Strings{"Укажите комментарий: что доработать в задаче «Диагностическая карта (ДТК)» "
                "(dtk)."});
}

TEST_CASE("a task of another stage is refused with both stages named", "[state-machine]") {
  CHECK(Reasons(Run(Case("II"), Make(CommandKind::TaskReturn, "analysis", "Ещё раз"),
                    kAdministrator)) ==
        Strings{"Задача «Глубокий анализ» (analysis) относится к этапу I, а школа на этапе II."});
}

TEST_CASE("an unknown task is refused by its reference and nothing more", "[state-machine]") {
  CHECK(Reasons(Run(Case("II"), Make(CommandKind::TaskSubmit, "nope"), kObserver)) ==
        Strings{"У школы нет задачи «nope»."});
  CHECK(Reasons(Run(Case("III"), Make(CommandKind::TaskSubmit, "monthly@2024-09"), kSchool)) ==
        Strings{"У школы нет задачи «monthly@2024-09»."});
}

TEST_CASE("a monthly task without its period is refused with a hint", "[state-machine]") {
  CHECK(Reasons(Run(Case("III"), Make(CommandKind::TaskSubmit, "monthly"), kSchool)) ==
        Strings{"У школы нет задачи «monthly»; задача ежемесячная — укажите период: "
                "monthly@ГГГГ-ММ."});
}

TEST_CASE("monthly tasks are addressed by their period", "[state-machine]") {
  auto c = Case("III");
  Decision d = Applied(Run(c, Make(CommandKind::TaskSubmit, "monthly@2024-05"), kSchool));
  REQUIRE(d.task_changes.size() == 1);
  CHECK(d.task_changes[0].task_id == "monthly");
  CHECK(d.task_changes[0].period == "2024-05");
  CHECK(d.from_state == "III/monthly@2024-05:open");
  CHECK(d.to_state == "III/monthly@2024-05:submitted");
}

TEST_CASE("every unmet condition of a task command is listed together", "[state-machine]") {
  auto c = Case("III");
  c.status = CaseStatus::Withdrawn;
  TaskOf(c, "dtk").status = TaskStatus::Open;
  auto reasons = Reasons(Run(c, Make(CommandKind::TaskReturn, "dtk"), kSchool));
  REQUIRE(reasons.size() == 5);
  CHECK_THAT(reasons[0], Contains("выбыла"));
  CHECK_THAT(reasons[1], Contains("относится к этапу II"));
  CHECK_THAT(reasons[2], Contains("ваша роль — школа"));
  CHECK_THAT(reasons[3], Contains("(dtk) не сдана: вернуть на доработку можно только"));
  CHECK_THAT(reasons[4], Contains("Укажите комментарий"));
}

TEST_CASE("tasks for a stage give one task per month of a monthly task's window",
          "[state-machine]") {
  auto tasks = TasksForStage(Def(), "III", In(2024));
  REQUIRE(tasks.size() == 4);
  CHECK(tasks[1].task_id == "monthly");
  CHECK(tasks[1].period == "2024-05");
  // 5 May 2024 is a Sunday: the report is due on Friday the 3rd.
  CHECK(tasks[1].due_date == "2024-05-03");
  CHECK(TasksForStage(Def(), "III", In(2025))[2].due_date == "2025-06-05");
  CHECK(TasksForStage(Def(), "no-such-stage", In(2024)).empty());
}

TEST_CASE("a monthly due day past a month's end falls on its last day", "[state-machine]") {
  WorkflowDefinition def = Definition();
  def.stages[2].tasks[0].due.day_of_month = 31;
  def.stages[2].window_from = MonthDay{2, 1, false};
  auto tasks = TasksForStage(def, "III", In(2024));
  REQUIRE(tasks.size() >= 3);
  CHECK(tasks[0].due_date == "2024-02-29");
  // 31 March 2024 is a Sunday; 30 April a holiday before which Saturday the 27th was worked.
  CHECK(tasks[1].due_date == "2024-03-29");
  CHECK(tasks[2].due_date == "2024-04-27");
}

TEST_CASE("a one-off task without a due date is due when its stage window closes",
          "[state-machine]") {
  auto tasks = TasksForStage(Def(), "II", In(2024));
  REQUIRE(tasks.size() == 3);
  CHECK(tasks[0].due_date == "2024-03-15");
  CHECK(tasks[1].task_id == "anti-risk");
  // The window closes on 30 April 2024, a holiday: the task is due on the working Saturday.
  CHECK(tasks[1].due_date == "2024-04-27");
  CHECK(TasksForStage(Def(), "I", In(2026))[0].due_date == "2026-02-26");
}

TEST_CASE("task references split into an id and a period and join back", "[state-machine]") {
  using Pair = std::pair<std::string, std::string>;
  CHECK(SplitTaskReference("monthly-report@2024-05") == Pair{"monthly-report", "2024-05"});
  CHECK(SplitTaskReference("dtk") == Pair{"dtk", ""});
  CHECK(TaskReference("dtk", "") == "dtk");
  CHECK(TaskReference("monthly-report", "2024-05") == "monthly-report@2024-05");
}

TEST_CASE("a refusal reads one reason per line", "[state-machine]") {
  CHECK(Refusal{}.Text().empty());
  CHECK(Refusal{{"Первое."}}.Text() == "Первое.");
  CHECK(Refusal{{"Первое.", "Второе."}}.Text() == "Первое.\nВторое.");
}

TEST_CASE("command kinds have their audit names", "[state-machine]") {
  CHECK(std::string(ToString(CommandKind::Advance)) == "advance");
  CHECK(std::string(ToString(CommandKind::Return)) == "return");
  CHECK(std::string(ToString(CommandKind::Withdraw)) == "withdraw");
  CHECK(std::string(ToString(CommandKind::Reinstate)) == "reinstate");
  CHECK(std::string(ToString(CommandKind::Complete)) == "complete");
  CHECK(std::string(ToString(CommandKind::TaskSubmit)) == "task-submit");
  CHECK(std::string(ToString(CommandKind::TaskApprove)) == "task-approve");
  CHECK(std::string(ToString(CommandKind::TaskReturn)) == "task-return");
}

namespace {

bool Same(const NewTask& a, const NewTask& b) {
  return a.task_id == b.task_id && a.stage_id == b.stage_id && a.period == b.period &&
         a.due_date == b.due_date;
}

bool Same(const Decision& a, const Decision& b) {
  bool tasks = a.new_tasks.size() == b.new_tasks.size();
  for (std::size_t i = 0; tasks && i < a.new_tasks.size(); ++i) {
    tasks = Same(a.new_tasks[i], b.new_tasks[i]);
  }
  return tasks && a.stage_id == b.stage_id && a.status == b.status &&
         a.task_changes.size() == b.task_changes.size() && a.documents == b.documents &&
         a.command == b.command && a.from_state == b.from_state && a.to_state == b.to_state &&
         a.reason == b.reason;
}

}  // namespace

TEST_CASE("the decision is a pure function of its inputs", "[state-machine]") {
  const auto c = Case("III");
  const auto before = c;
  auto advance = Make(CommandKind::Advance);
  CHECK(Same(Applied(Run(Case("II", TaskStatus::Approved), advance, kCurator, "2024-04-02")),
             Applied(Run(Case("II", TaskStatus::Approved), advance, kCurator, "2024-04-02"))));
  CHECK(Same(Applied(Run(c, Reasoned(CommandKind::Return, "Доработать"))),
             Applied(Run(c, Reasoned(CommandKind::Return, "Доработать")))));
  CHECK(Reasons(Run(c, advance, kSchool)) == Reasons(Run(c, advance, kSchool)));
  CHECK(c.stage_id == before.stage_id);
  CHECK(c.status == before.status);
  REQUIRE(c.tasks.size() == before.tasks.size());
  for (std::size_t i = 0; i < c.tasks.size(); ++i) {
    CHECK(c.tasks[i].status == before.tasks[i].status);
    CHECK(c.tasks[i].comment == before.tasks[i].comment);
  }
}

namespace {

Command Extension(std::string task, std::string until, std::string reason = "Болезнь директора") {
  Command c = Make(CommandKind::TaskExtend, std::move(task), std::move(reason));
  c.until = std::move(until);
  return c;
}

}  // namespace

TEST_CASE("a curator extends a deadline to a later working day with a reason",
          "[state-machine][extension]") {
  auto d = Applied(Run(Case("II"), Extension("dtk", "2024-03-29"), kCurator, "2024-03-12"));
  REQUIRE(d.task_changes.size() == 1);
  const TaskChange& change = d.task_changes[0];
  CHECK(change.task_id == "dtk");
  CHECK(change.status == TaskStatus::Open);
  CHECK(change.due_date == "2024-03-29");
  CHECK(change.due_before == "2024-03-15");
  CHECK(change.due_extended);
  CHECK(change.due_at ==
        EndOfLocalDay(*ParseIsoDate("2024-03-29"), 300).time_since_epoch().count());
  CHECK(d.command == "task-extend");
  CHECK(d.reason == "Болезнь директора");
  CHECK(d.from_state == "II/dtk:срок 2024-03-15");
  CHECK(d.to_state == "II/dtk:срок 2024-03-29");
  CHECK(d.stage_id == "II");
}

TEST_CASE("an overdue task may be extended and a monthly one by its period",
          "[state-machine][extension]") {
  auto overdue = Applied(Run(Case("II"), Extension("dtk", "2024-03-25"), kCurator, "2024-03-20"));
  CHECK(overdue.task_changes.at(0).due_date == "2024-03-25");
  auto monthly =
      Applied(Run(Case("III"), Extension("monthly@2024-05", "2024-05-20"), kAdministrator));
  CHECK(monthly.task_changes.at(0).period == "2024-05");
  CHECK(monthly.task_changes.at(0).due_before == "2024-05-03");
}

TEST_CASE("an extension lists every reason it is refused together", "[state-machine][extension]") {
  auto c = Case("II");
  Strings reasons =
      Reasons(Run(c, Extension("dtk", "2024-03-10", " "), kCoordinator, "2024-03-12"));
  REQUIRE(reasons.size() == 5);
  CHECK_THAT(reasons[0], Contains("Продлить срок задачи может куратор или администратор"));
  CHECK_THAT(reasons[1], Contains("Укажите причину продления срока задачи «Диагностическая карта"));
  CHECK(reasons[2] ==
        "10.03.2024 — нерабочий день; ближайшие рабочие дни: 07.03.2024 и 11.03.2024.");
  CHECK(reasons[3] == "Новый срок 10.03.2024 уже прошёл: сегодня 12.03.2024.");
  CHECK(reasons[4] ==
        "Новый срок 10.03.2024 не позже текущего (15.03.2024): продление "
        "переносит срок только вперёд.");
}

TEST_CASE("an extension is refused for an approved task, a bad date and an unknown task",
          "[state-machine][extension]") {
  auto c = Case("II");
  TaskOf(c, "dtk").status = TaskStatus::Approved;
  CHECK_THAT(RefusalText(Run(c, Extension("dtk", "2024-03-29"), kCurator, "2024-03-12")),
             Contains("утверждена: срок выполненной задачи не продлевают"));
  CHECK(RefusalText(Run(Case("II"), Extension("dtk", "29.03.2024"), kCurator, "2024-03-12")) ==
        "Новый срок «29.03.2024» — не дата в формате ГГГГ-ММ-ДД.");
  CHECK(RefusalText(Run(Case("II"), Extension("nope", "2024-03-29"), kCurator, "2024-03-12")) ==
        "У школы нет задачи «nope».");
  CHECK_THROWS_AS(Run(Case("II"), Extension("dtk", "2031-03-28"), kCurator, "2024-03-12"),
                  CalendarError);
}

TEST_CASE("recompute restores the rule's deadline but keeps extensions and approved tasks",
          "[state-machine][extension]") {
  auto c = Case("II");
  TaskOf(c, "dtk").due_date = "2024-03-20";  // resolved on an older calendar
  auto& review = TaskOf(c, "review");
  review.due_date = "2024-04-10";
  review.due_extended = true;
  TaskOf(c, "analysis").due_date = "2024-02-01";  // approved: history, left alone
  auto d = Applied(Run(c, Make(CommandKind::Recompute), kCurator, "2024-03-12"));
  REQUIRE(d.task_changes.size() == 1);
  CHECK(d.task_changes[0].task_id == "dtk");
  CHECK(d.task_changes[0].due_date == "2024-03-15");
  CHECK(d.task_changes[0].due_before == "2024-03-20");
  CHECK_FALSE(d.task_changes[0].due_extended);
  CHECK(d.command == "recompute");
}

TEST_CASE("recompute follows a regional holiday added to the calendar",
          "[state-machine][extension]") {
  ProductionCalendar calendar = test::ShippedCalendar();
  calendar.AddRegionalHolidays({*ParseIsoDate("2024-03-15")});
  CampaignTime time{2024, 300, &calendar, {}, {}};
  auto d = Applied(
      Decide(Def(), Case("II"), Make(CommandKind::Recompute), kCurator, Noon("2024-03-12"), time));
  REQUIRE(d.task_changes.size() == 1);
  CHECK(d.task_changes[0].due_date == "2024-03-14");
  CHECK(Applied(Run(Case("II"), Make(CommandKind::Recompute))).task_changes.empty());
  CHECK_THAT(RefusalText(Run(Case("II"), Make(CommandKind::Recompute), kSchool)),
             Contains("Пересчитать сроки задач может куратор или администратор"));
  CHECK(std::string(ToString(CommandKind::TaskExtend)) == "task-extend");
}
