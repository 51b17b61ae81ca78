// shnor fsck [--repair]: do the document registry and the documents folder agree? Sweeps files
// nobody registered (left by an interrupted command), reports every registered file that is
// missing or altered, and with --repair makes such a document again under its number.
#include <iostream>

#include "app/Cli.h"
#include "app/Commands.h"
#include "engine/access/AccessPolicy.h"
#include "engine/documents/DocumentStoreCheck.h"

namespace shnor::app {
namespace {

struct FsckOptions {
  bool repair = false;
};

std::string Described(const storage::DocumentRecord& d) {
  return "«" + d.kind + "» № " + d.number + ", версия " + std::to_string(d.version) + " (" +
         d.format + "): " + d.path;
}

void PrintSweep(const DocumentFiles::SweepReport& sweep) {
  if (!sweep.done) {
    std::cout << "Папка документов не подчищена: в неё сейчас пишет другая команда.\n";
    return;
  }
  for (const auto& path : sweep.removed)
    std::cout << "Удалён незарегистрированный файл: " << path << "\n";
  for (const auto& path : sweep.temporaries) std::cout << "Удалён временный файл: " << path << "\n";
}

void PrintProblem(const DocumentProblem& p) {
  std::cout << (p.missing ? "Нет файла документа " : "Файл изменён после выпуска: документ ")
            << Described(p.document) << "\n";
  if (!p.repaired.empty()) {
    std::cout << "  составлен заново: версия " << p.repaired.front().version << ", "
              << p.repaired.front().path << "\n";
  } else if (p.superseded) {
    std::cout << "  старая версия: не восстанавливается, действует более новая\n";
  } else if (!p.repair_error.empty()) {
    std::cout << "  не восстановлен: " << p.repair_error << "\n";
  }
}

void RunFsck(CliContext& ctx, const FsckOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  RequireAdministration(ctx.ActingPerson(*ws, campaign));
  auto documents = ctx.Documents(*ws);
  DocumentStoreReport report = DocumentStoreCheck(*ws, *documents).Check(o.repair);
  PrintSweep(report.sweep);
  for (const DocumentProblem& p : report.problems) PrintProblem(p);
  std::cout << "Проверено документов: " << report.checked
            << ", расхождений: " << report.problems.size();
  if (o.repair) std::cout << ", не устранено: " << report.Unresolved();
  std::cout << ".\n";
  if (report.Unresolved() > 0) {
    if (!o.repair) std::cout << "Составить потерянные документы заново: shnor fsck --repair\n";
    ctx.exit_code = kExitBadInput;
  }
}

}  // namespace

void AddFsckCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<FsckOptions>();
  auto* cmd = app.add_subcommand("fsck", "сверить реестр документов с папкой документов");
  cmd->add_flag("--repair", o->repair, "составить заново потерянные и изменённые документы");
  cmd->callback([&ctx, o] { RunFsck(ctx, *o); });
}

}  // namespace shnor::app
