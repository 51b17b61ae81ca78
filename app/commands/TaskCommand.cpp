// shnor task submit|approve|return SCHOOL TASK: the work of one stage; shnor task extend and
// shnor task recompute: deadlines moved by a curator or resolved again from the rules.
#include <iostream>

#include "app/CommandOutput.h"
#include "app/Commands.h"
#include "engine/base/Errors.h"
#include "engine/cases/CaseService.h"

namespace shnor::app {
namespace {

struct TaskOptions {
  std::string school;
  std::string task;
  std::string comment;
  std::string until;
  int expect_version = 0;
  bool all = false;
  bool override_role = false;
};

void RunTask(CliContext& ctx, CommandKind kind, const TaskOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  CaseService cases(*ws);
  storage::Id id = cases.CaseOfSchool(campaign, o.school);
  Command command;
  command.kind = kind;
  command.task = o.task;
  command.reason = o.comment;
  command.until = o.until;
  command.override_role = o.override_role;
  if (o.expect_version > 0) command.expected_version = o.expect_version;
  ReportResult(ctx, o.school, cases.Execute(id, command, ctx.ActingPerson(*ws, campaign)));
}

void AddTaskAction(CLI::App& parent, CliContext& ctx, const char* name, const char* help,
                   CommandKind kind, const std::shared_ptr<TaskOptions>& o) {
  auto* cmd = parent.add_subcommand(name, help);
  cmd->add_option("school", o->school, "код школы")->required();
  cmd->add_option("task", o->task, "задача: id или id@ГГГГ-ММ для ежемесячной")->required();
  cmd->add_option("--comment", o->comment, "комментарий (обязателен при возврате)");
  cmd->add_option("--expect-version", o->expect_version, "версия дела, которую вы видели");
  cmd->add_flag("--override", o->override_role,
                "куратор действует за владельца или проверяющего задачи (причина в --comment)");
  cmd->callback([&ctx, kind, o] { RunTask(ctx, kind, *o); });
}

void AddExtend(CLI::App& parent, CliContext& ctx, const std::shared_ptr<TaskOptions>& o) {
  auto* cmd = parent.add_subcommand("extend", "продлить срок задачи (куратор), с причиной");
  cmd->add_option("school", o->school, "код школы")->required();
  cmd->add_option("task", o->task, "задача: id или id@ГГГГ-ММ для ежемесячной")->required();
  cmd->add_option("--until", o->until, "новый срок, ГГГГ-ММ-ДД (рабочий день)")->required();
  cmd->add_option("--reason", o->comment, "причина продления, попадает в журнал")->required();
  cmd->add_option("--expect-version", o->expect_version, "версия дела, которую вы видели");
  cmd->callback([&ctx, o] { RunTask(ctx, CommandKind::TaskExtend, *o); });
}

// Every active case of the campaign, each in its own transaction, so one refusal does not hold
// back the others.
void RecomputeAll(CliContext& ctx, const TaskOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  CaseService cases(*ws);
  Actor actor = ctx.ActingPerson(*ws, campaign);
  Command command{CommandKind::Recompute, o.comment, false, "", {}, ""};
  std::size_t changed = 0;
  std::size_t total = 0;
  storage::CaseFilter active;
  active.status = storage::CaseStatus::Active;
  for (const auto& summary : cases.Summaries(campaign, active)) {
    ++total;
    CommandResult result = cases.Execute(summary.case_id, command, actor);
    if (!result.event) continue;
    ++changed;
    ReportResult(ctx, summary.school_code, result);
  }
  std::cout << "Пересчитаны сроки: изменены в " << changed << " из " << total << " дел.\n";
}

void AddRecompute(CLI::App& parent, CliContext& ctx, const std::shared_ptr<TaskOptions>& o) {
  auto* cmd = parent.add_subcommand(
      "recompute", "пересчитать сроки по правилам и календарю (продлённые куратором не меняются)");
  cmd->add_option("school", o->school, "код школы");
  cmd->add_flag("--all", o->all, "все действующие дела проекта");
  cmd->add_option("--reason", o->comment, "причина, попадает в журнал");
  cmd->callback([&ctx, o] {
    if (o->all == !o->school.empty()) {
      throw InputError("укажите код школы или --all");
    }
    if (o->all) return RecomputeAll(ctx, *o);
    RunTask(ctx, CommandKind::Recompute, *o);
  });
}

}  // namespace

void AddTaskCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<TaskOptions>();
  auto* cmd = app.add_subcommand("task", "задачи этапа: сдать, утвердить, вернуть на доработку");
  cmd->require_subcommand(1);
  AddTaskAction(*cmd, ctx, "submit", "сдать задачу на проверку", CommandKind::TaskSubmit, o);
  AddTaskAction(*cmd, ctx, "approve", "утвердить задачу", CommandKind::TaskApprove, o);
  AddTaskAction(*cmd, ctx, "return", "вернуть задачу на доработку с комментарием",
                CommandKind::TaskReturn, o);
  AddExtend(*cmd, ctx, o);
  AddRecompute(*cmd, ctx, o);
}

}  // namespace shnor::app
