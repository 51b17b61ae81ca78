// The pure decision of the state machine: every command and guard, on a small definition built
// in code so each rule is visible in the test.
#include <catch2/catch.hpp>

#include "engine/StateMachine.h"

using namespace shnor;
using storage::CaseStatus;
using storage::TaskStatus;

namespace {

TaskDefinition Task(std::string id, std::string title, bool required = true,
                    Role owner = Role::School, Role reviewer = Role::Coordinator) {
  TaskDefinition t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.required = required;
  t.owner = owner;
  t.reviewer = reviewer;
  return t;
}

WorkflowDefinition Definition() {
  WorkflowDefinition def;
  def.id = "test";
  def.version = 1;
  def.initial_stage = "I";
  StageDefinition one{"I", "Выбор", {1, 1, false}, {2, 0, true}, {}, 1};
  one.tasks = {Task("analysis", "Глубокий анализ"), Task("team", "Команда", true, Role::School, Role::Curator)};
  StageDefinition two{"II", "Документы", {3, 1, false}, {4, 30, false}, {}, 2};
  two.tasks = {Task("dtk", "Диагностическая карта (ДТК)"), Task("anti-risk", "Антирисковые программы", false)};
  two.tasks[0].due = MonthDay{3, 15, false};
  StageDefinition three{"III", "Реализация", {4, 1, false}, {6, 0, true}, {}, 3};
  TaskDefinition monthly = Task("monthly", "Ежемесячный отчёт");
  monthly.recurrence = Recurrence::Monthly;
  monthly.due_day_of_month = 5;
  three.tasks = {monthly};
  def.stages = {one, two, three};
  def.transitions = {
      {TransitionKind::Advance, "I", "II", {"stage-notice"}, 1},
      {TransitionKind::Advance, "II", "III", {"stage-notice", "road-map"}, 2},
      {TransitionKind::Complete, "III", "", {"final-report"}, 3},
      {TransitionKind::Return, "III", "", {"return-notice"}, 4},
      {TransitionKind::Withdraw, "", "", {"withdrawal-notice"}, 5},
      {TransitionKind::Reinstate, "", "", {}, 6},
  };
  return def;
}

storage::CaseRecord Case(const WorkflowDefinition& def, const std::string& stage,
                         TaskStatus status = TaskStatus::Open) {
  storage::CaseRecord c;
  c.id = 1;
  c.stage_id = stage;
  c.version = 3;
  for (const std::string& s : {std::string("I"), std::string("II"), std::string("III")}) {
    for (const NewTask& t : TasksForStage(def, s, 2024)) {
      storage::TaskRecord task;
      task.task_id = t.task_id;
      task.stage_id = t.stage_id;
      task.period = t.period;
      task.due_date = t.due_date;
      task.status = s == stage ? status : TaskStatus::Approved;
      c.tasks.push_back(task);
    }
    if (s == stage) break;
  }
  return c;
}

TimePoint Noon(const char* iso) {
  return StartOfLocalDay(*ParseIsoDate(iso), 300) + std::chrono::hours{12};
}

const Actor kCurator{"Куратор", Role::Curator};
const Actor kSchool{"Школа", Role::School};
const Actor kCoordinator{"Координатор", Role::Coordinator};
const CampaignTime kTime{2024, 300};

Outcome Run(const storage::CaseRecord& c, Command command, const Actor& actor = kCurator,
            const char* today = "2024-03-10") {
  static const WorkflowDefinition def = Definition();
  return Decide(def, c, command, actor, Noon(today), kTime);
}

Command Make(CommandKind kind, std::string task = "", std::string reason = "") {
  Command c;
  c.kind = kind;
  c.task = std::move(task);
  c.reason = std::move(reason);
  return c;
}

std::string RefusalText(const Outcome& outcome) {
  REQUIRE(std::holds_alternative<Refusal>(outcome));
  return std::get<Refusal>(outcome).Text();
}

// By value: the Outcome passed in is usually a temporary.
Decision Applied(const Outcome& outcome) {
  if (auto* refusal = std::get_if<Refusal>(&outcome)) FAIL(refusal->Text());
  return std::get<Decision>(outcome);
}

}  // namespace

TEST_CASE("advance refuses and names every required task still open", "[state-machine]") {
  auto c = Case(Definition(), "I");
  c.tasks[1].status = TaskStatus::Submitted;
  auto outcome = Run(c, Make(CommandKind::Advance));
  auto& reasons = std::get<Refusal>(outcome).reasons;
  REQUIRE(reasons.size() == 2);
  CHECK_THAT(reasons[0], Catch::Contains("«Глубокий анализ» (analysis): не сдана"));
  CHECK_THAT(reasons[1], Catch::Contains("«Команда» (team): на проверке"));
}

TEST_CASE("advance ignores optional tasks and creates the next stage's tasks", "[state-machine]") {
  auto c = Case(Definition(), "II", TaskStatus::Approved);
  c.tasks.back().status = TaskStatus::Open;  // anti-risk, optional
  Decision d = Applied(Run(c, Make(CommandKind::Advance), kCurator, "2024-04-02"));
  CHECK(d.stage_id == "III");
  CHECK(d.from_state == "II/active");
  CHECK(d.to_state == "III/active");
  CHECK(d.documents == std::vector<std::string>{"stage-notice", "road-map"});
  REQUIRE(d.new_tasks.size() == 3);  // monthly April, May, June
  CHECK(d.new_tasks[0].period == "2024-04");
  CHECK(d.new_tasks[2].due_date == "2024-06-05");
}

TEST_CASE("advance before the next window opens needs force and a reason", "[state-machine]") {
  auto c = Case(Definition(), "I", TaskStatus::Approved);
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Advance), kCurator, "2024-02-20")),
             Catch::Contains("Окно этапа II откроется 01.03.2024"));
  Command forced = Make(CommandKind::Advance);
  forced.force = true;
  CHECK_THAT(RefusalText(Run(c, forced, kCurator, "2024-02-20")), Catch::Contains("причину"));
  forced.reason = "Решение КС";
  Decision d = Applied(Run(c, forced, kCurator, "2024-02-20"));
  CHECK(d.stage_id == "II");
  CHECK(d.reason == "Решение КС");
}

TEST_CASE("the window is judged by the region's local date", "[state-machine]") {
  auto c = Case(Definition(), "I", TaskStatus::Approved);
  static const WorkflowDefinition def = Definition();
  // 29.02.2024 20:00 UTC is already 01.03.2024 01:00 in a +05:00 region.
  TimePoint late_evening_utc = TimePoint{std::chrono::sys_days{*ParseIsoDate("2024-02-29")}} +
                               std::chrono::hours{20};
  CHECK(std::holds_alternative<Decision>(
      Decide(def, c, Make(CommandKind::Advance), kCurator, late_evening_utc, kTime)));
  CHECK(std::holds_alternative<Refusal>(
      Decide(def, c, Make(CommandKind::Advance), kCurator, late_evening_utc, CampaignTime{2024, 180})));
}

TEST_CASE("advance out of the last stage points to completion", "[state-machine]") {
  auto c = Case(Definition(), "III", TaskStatus::Approved);
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Advance))), Catch::Contains("complete"));
}

TEST_CASE("only a curator moves schools between stages and all reasons come together", "[state-machine]") {
  auto c = Case(Definition(), "I");
  auto reasons = std::get<Refusal>(Run(c, Make(CommandKind::Advance), kCoordinator, "2024-02-01")).reasons;
  CHECK(reasons.size() == 4);  // role, two tasks, window
  CHECK_THAT(reasons[0], Catch::Contains("только куратор") && Catch::Contains("муниципальный координатор"));
}

TEST_CASE("a stale expected version is refused before anything else", "[state-machine]") {
  auto c = Case(Definition(), "I");
  Command command = Make(CommandKind::Advance);
  command.expected_version = 2;
  auto reasons = std::get<Refusal>(Run(c, command)).reasons;
  REQUIRE(reasons.size() == 1);
  CHECK_THAT(reasons[0], Catch::Contains("версия 3") && Catch::Contains("версии 2"));
  command.expected_version = 3;
  CHECK(std::get<Refusal>(Run(c, command)).reasons.size() == 2);  // now the real guards speak
}

TEST_CASE("return needs a reason and reopens the previous stage's approved tasks", "[state-machine]") {
  auto c = Case(Definition(), "III");
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Return))), Catch::Contains("причину"));
  Decision d = Applied(Run(c, Make(CommandKind::Return, "", "  Доработать ДТК ")));
  CHECK(d.stage_id == "II");
  CHECK(d.reason == "Доработать ДТК");
  CHECK(d.documents == std::vector<std::string>{"return-notice"});
  REQUIRE(d.task_changes.size() == 2);
  CHECK(d.task_changes[0].task_id == "dtk");
  CHECK(d.task_changes[0].status == TaskStatus::Returned);
  CHECK(d.task_changes[0].comment == "Доработать ДТК");
  CHECK_THAT(RefusalText(Run(Case(Definition(), "I"), Make(CommandKind::Return, "", "x"))),
             Catch::Contains("первом этапе"));
}

TEST_CASE("withdraw needs a reason and reinstate brings the school back", "[state-machine]") {
  auto c = Case(Definition(), "II");
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Withdraw))), Catch::Contains("причину"));
  Decision w = Applied(Run(c, Make(CommandKind::Withdraw, "", "Реорганизация")));
  CHECK(w.status == CaseStatus::Withdrawn);
  CHECK(w.stage_id == "II");
  CHECK(w.to_state == "II/withdrawn");
  c.status = CaseStatus::Withdrawn;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)), Catch::Contains("выбыла"));
  CHECK(Applied(Run(c, Make(CommandKind::Reinstate))).status == CaseStatus::Active);
  c.status = CaseStatus::Active;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Reinstate))), Catch::Contains("и так"));
}

TEST_CASE("complete closes the last stage and a completed case accepts nothing", "[state-machine]") {
  auto c = Case(Definition(), "III", TaskStatus::Approved);
  Decision d = Applied(Run(c, Make(CommandKind::Complete), kCurator, "2024-06-30"));
  CHECK(d.status == CaseStatus::Completed);
  CHECK(d.documents == std::vector<std::string>{"final-report"});
  CHECK_THAT(RefusalText(Run(Case(Definition(), "II"), Make(CommandKind::Complete))),
             Catch::Contains("только на последнем этапе"));
  c.status = CaseStatus::Completed;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::Withdraw, "", "x"))), Catch::Contains("завершила"));
}

TEST_CASE("a task goes from open to submitted to approved", "[state-machine]") {
  auto c = Case(Definition(), "II");
  Decision s = Applied(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool));
  CHECK(s.from_state == "II/dtk:open");
  CHECK(s.to_state == "II/dtk:submitted");
  CHECK(s.stage_id == "II");
  c.tasks[2].status = TaskStatus::Submitted;  // dtk
  REQUIRE(c.tasks[2].task_id == "dtk");
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)), Catch::Contains("на проверке"));
  Decision a = Applied(Run(c, Make(CommandKind::TaskApprove, "dtk"), kCoordinator));
  CHECK(a.task_changes.at(0).status == TaskStatus::Approved);
}

TEST_CASE("a task is approved only by its reviewer or a curator", "[state-machine]") {
  auto c = Case(Definition(), "II");
  c.tasks[2].status = TaskStatus::Submitted;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskApprove, "dtk"), kSchool)),
             Catch::Contains("муниципальный координатор или куратор"));
  CHECK(std::holds_alternative<Decision>(Run(c, Make(CommandKind::TaskApprove, "dtk"), kCurator)));
  CHECK(std::holds_alternative<Refusal>(
      Run(c, Make(CommandKind::TaskApprove, "dtk"), Actor{"Наблюдатель", Role::Observer})));
}

TEST_CASE("returning a task needs a comment and the school can resubmit it", "[state-machine]") {
  auto c = Case(Definition(), "II");
  c.tasks[2].status = TaskStatus::Submitted;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskReturn, "dtk"), kCoordinator)), Catch::Contains("комментарий"));
  Decision r = Applied(Run(c, Make(CommandKind::TaskReturn, "dtk", "Нет показателей"), kCoordinator));
  CHECK(r.task_changes.at(0).status == TaskStatus::Returned);
  CHECK(r.task_changes.at(0).comment == "Нет показателей");
  c.tasks[2].status = TaskStatus::Returned;
  CHECK(std::holds_alternative<Decision>(Run(c, Make(CommandKind::TaskSubmit, "dtk"), kSchool)));
  c.tasks[2].status = TaskStatus::Open;
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskApprove, "dtk"), kCurator)), Catch::Contains("не сдана"));
}

TEST_CASE("a task of another stage or an unknown task is refused by name", "[state-machine]") {
  auto c = Case(Definition(), "II");
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "analysis"), kSchool)),
             Catch::Contains("этапу I") && Catch::Contains("на этапе II"));
  CHECK_THAT(RefusalText(Run(c, Make(CommandKind::TaskSubmit, "nope"), kSchool)), Catch::Contains("«nope»"));
}

TEST_CASE("monthly tasks are addressed by their period", "[state-machine]") {
  auto c = Case(Definition(), "III");
  Decision d = Applied(Run(c, Make(CommandKind::TaskSubmit, "monthly@2024-05"), kSchool));
  CHECK(d.task_changes.at(0).period == "2024-05");
  CHECK(d.to_state == "III/monthly@2024-05:submitted");
  CHECK(SplitTaskReference("monthly@2024-05") == std::make_pair(std::string("monthly"), std::string("2024-05")));
  CHECK(TaskReference("dtk", "") == "dtk");
}

TEST_CASE("the decision is a pure function of its inputs", "[state-machine]") {
  const auto c = Case(Definition(), "II", TaskStatus::Approved);
  auto first = Applied(Run(c, Make(CommandKind::Advance), kCurator, "2024-04-02"));
  auto second = Applied(Run(c, Make(CommandKind::Advance), kCurator, "2024-04-02"));
  CHECK(first.stage_id == second.stage_id);
  CHECK(first.new_tasks.size() == second.new_tasks.size());
  CHECK(first.to_state == second.to_state);
  CHECK(c.stage_id == "II");
}
