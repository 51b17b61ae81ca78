// shnor log [SCHOOL] [--verify]: the audit log, and a check of its hash chain.
#include <iostream>

#include "app/Cli.h"
#include "app/Commands.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/CaseService.h"
#include "engine/workspace/AuditTrail.h"

namespace shnor::app {
namespace {

struct LogOptions {
  std::string school;
  bool verify = false;
};

void PrintEvent(const storage::AuditEvent& e) {
  std::cout << "№ " << e.id << "  " << e.at_local << "  " << e.actor << "  " << e.command;
  if (!e.from_state.empty() || !e.to_state.empty()) {
    std::cout << "  " << e.from_state << " → " << e.to_state;
  }
  if (!e.reason.empty()) std::cout << "  причина: «" << e.reason << "»";
  std::cout << "\n";
}

void Verify(CliContext& ctx, AuditTrail& trail) {
  storage::ChainReport report = trail.Verify();
  if (report.first_break) {
    std::cout << "Журнал повреждён: первое неверное звено — событие № "
              << report.first_break->event_id << ": " << report.first_break->reason << "\n";
    ctx.exit_code = kExitBadInput;
    return;
  }
  std::cout << "Журнал цел: проверено событий — " << report.events_checked
            << ", цепочка хешей не нарушена.\n";
}

void RunLog(CliContext& ctx, const LogOptions& o) {
  auto ws = ctx.Open();
  AuditTrail trail(*ws);
  if (o.verify) {
    Verify(ctx, trail);
    return;
  }
  auto campaign = ws->Campaign(ctx.options.campaign);
  Actor actor = ctx.ActingPerson(*ws, campaign);
  for (const auto& event : CaseQueries(*ws, campaign).Log(actor, o.school)) PrintEvent(event);
}

}  // namespace

void AddLogCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand("log", "журнал действий (весь или одной школы)");
  cmd->add_option("school", o->school, "код школы");
  cmd->add_flag("--verify", o->verify, "проверить цепочку хешей журнала");
  cmd->callback([&ctx, o] { RunLog(ctx, *o); });
}

}  // namespace shnor::app
