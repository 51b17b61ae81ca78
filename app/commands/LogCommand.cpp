// shnor log [SCHOOL] [--verify]: the audit log, and a check of its hash chain and signed head.
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

// The display name for reading and the login that tells namesakes apart.
std::string Who(const storage::AuditEvent& e) {
  if (e.actor_login.empty()) return e.actor;
  return e.actor + " <" + e.actor_login + ">";
}

void PrintEvent(const storage::AuditEvent& e) {
  std::cout << "№ " << e.id << "  " << e.at_local << "  " << Who(e) << "  " << e.command;
  if (!e.from_state.empty() || !e.to_state.empty()) {
    std::cout << "  " << e.from_state << " → " << e.to_state;
  }
  if (!e.reason.empty()) std::cout << "  причина: «" << e.reason << "»";
  std::cout << "\n";
}

void PrintLines(const std::vector<std::string>& lines, const char* prefix) {
  for (const auto& line : lines) std::cout << "  " << prefix << line << "\n";
}

void PrintIntact(const AuditReport& report) {
  std::cout << "Журнал цел: проверено событий — " << report.events_checked
            << ", цепочка хешей не нарушена";
  if (report.seal.head_signed) {
    std::cout << ", подпись головы журнала верна (открытый ключ " << report.seal.public_key << ")";
  }
  std::cout << ".\n";
  if (report.seal.head_file_matches) std::cout << "  файл головы журнала совпадает с журналом\n";
}

void Verify(CliContext& ctx, AuditTrail& trail) {
  AuditReport report = trail.Verify();
  if (report.first_break) {
    std::cout << "Журнал повреждён: первое неверное звено — событие № "
              << report.first_break->event_id << ": " << report.first_break->reason << "\n";
  } else if (!report.intact()) {
    std::cout << "Журнал повреждён (проверено событий — " << report.events_checked
              << ", цепочка хешей сама по себе не нарушена):\n";
    PrintLines(report.seal.problems, "");
  } else {
    PrintIntact(report);
  }
  PrintLines(report.seal.notes, "примечание: ");
  if (!report.intact()) ctx.exit_code = kExitBadInput;
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
  cmd->add_flag("--verify", o->verify,
                "проверить цепочку хешей журнала, подпись его головы и число событий");
  cmd->callback([&ctx, o] { RunLog(ctx, *o); });
}

}  // namespace shnor::app
