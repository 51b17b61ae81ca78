// shnor task submit|approve|return SCHOOL TASK: the work of one stage.
#include "app/CommandOutput.h"
#include "app/Commands.h"
#include "engine/CaseService.h"

namespace shnor::app {
namespace {

struct TaskOptions {
  std::string school;
  std::string task;
  std::string comment;
  int expect_version = 0;
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
  cmd->callback([&ctx, kind, o] { RunTask(ctx, kind, *o); });
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
}

}  // namespace shnor::app
