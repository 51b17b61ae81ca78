// shnor advance | return | withdraw | reinstate | complete: moving a school through the stages.
#include <iostream>

#include "app/Cli.h"
#include "app/CommandOutput.h"
#include "app/Commands.h"
#include "engine/base/Errors.h"
#include "engine/cases/CaseService.h"

namespace shnor::app {
namespace {

struct StageOptions {
  std::string school;
  std::string reason;
  bool force = false;
  int expect_version = 0;
  bool all = false;
  std::string stage;
  std::string municipality;
};

Command MakeCommand(CommandKind kind, const StageOptions& o) {
  Command command;
  command.kind = kind;
  command.reason = o.reason;
  command.force = o.force;
  if (o.expect_version > 0) command.expected_version = o.expect_version;
  return command;
}

void RunOne(CliContext& ctx, CommandKind kind, const StageOptions& o) {
  if (o.school.empty()) throw InputError("укажите код школы");
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  auto documents = ctx.Documents(*ws);
  CaseService cases(*ws, documents.get());
  storage::Id id = cases.CaseOfSchool(campaign, o.school);
  ReportResult(ctx, o.school,
               cases.Execute(id, MakeCommand(kind, o), ctx.ActingPerson(*ws, campaign)));
}

void RunBulk(CliContext& ctx, const StageOptions& o) {
  if (o.stage.empty()) throw InputError("для перевода всех школ укажите --stage");
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  auto documents = ctx.Documents(*ws);
  CaseService cases(*ws, documents.get());
  auto lines =
      cases.AdvanceStage(campaign, o.stage, o.municipality, MakeCommand(CommandKind::Advance, o),
                         ctx.ActingPerson(*ws, campaign));
  int advanced = 0;
  for (const BulkLine& line : lines) {
    if (line.applied) {
      ++advanced;
      std::cout << "переведена  " << line.school_code << "  " << line.school_name << " → этап "
                << line.message << "\n";
    } else {
      std::cout << "отказ       " << line.school_code << "  " << line.school_name << ":\n";
      std::cout << "    " << line.message << "\n";
    }
  }
  std::cout << "Итого: переведено " << advanced << " из " << lines.size() << ", отказов "
            << lines.size() - advanced << "\n";
  if (advanced < static_cast<int>(lines.size())) ctx.exit_code = kExitRefused;
}

CLI::App* AddCaseCommand(CLI::App& app, CliContext& ctx, const char* name, const char* help,
                         CommandKind kind, std::shared_ptr<StageOptions> o) {
  auto* cmd = app.add_subcommand(name, help);
  cmd->add_option("school", o->school, "код школы");
  // The engine, not the parser, refuses a missing reason: its message is the curator's language.
  cmd->add_option("--reason", o->reason, "причина (попадёт в журнал)");
  cmd->add_option("--expect-version", o->expect_version,
                  "версия дела, которую вы видели: устаревшая команда будет отклонена");
  cmd->callback([&ctx, kind, o] { RunOne(ctx, kind, *o); });
  return cmd;
}

}  // namespace

void AddStageCommands(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<StageOptions>();
  auto* advance =
      app.add_subcommand("advance", "перевести школу (или все школы этапа) на следующий этап");
  advance->add_option("school", o->school, "код школы");
  advance->add_option("--reason", o->reason, "причина (обязательна с --force)");
  advance->add_flag("--force", o->force, "перевести до открытия окна следующего этапа (куратор)");
  advance->add_option("--expect-version", o->expect_version, "версия дела, которую вы видели");
  advance->add_flag("--all", o->all, "перевести все школы этапа --stage");
  advance->add_option("--stage", o->stage, "с --all: этап, школы которого переводятся");
  advance->add_option("--municipality", o->municipality,
                      "с --all: только это муниципальное образование");
  advance->callback([&ctx, o] {
    if (o->all) {
      RunBulk(ctx, *o);
    } else {
      RunOne(ctx, CommandKind::Advance, *o);
    }
  });
  AddCaseCommand(app, ctx, "return", "вернуть школу на предыдущий этап", CommandKind::Return, o);
  AddCaseCommand(app, ctx, "withdraw", "вывести школу из проекта", CommandKind::Withdraw, o);
  AddCaseCommand(app, ctx, "reinstate", "вернуть выбывшую школу в проект", CommandKind::Reinstate,
                 o);
  AddCaseCommand(app, ctx, "complete", "завершить проект для школы после последнего этапа",
                 CommandKind::Complete, o);
}

}  // namespace shnor::app
