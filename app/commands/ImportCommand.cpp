// shnor import schools|people FILE: CSV (UTF-8 or Windows-1251) or XLSX.
#include <iostream>

#include "app/Cli.h"
#include "app/Commands.h"
#include "app/ImportColumns.h"

namespace shnor::app {
namespace {

enum class ImportKind { Schools, People };

void Report(CliContext& ctx, const ImportReport& report, const char* what) {
  if (!report.ok()) {
    std::cerr << "Импорт отменён, ничего не загружено. Ошибки (" << report.issues.size() << "):\n"
              << report.Text();
    ctx.exit_code = kExitBadInput;
    return;
  }
  std::cout << "Загружено " << what << ": " << report.imported << " (" << report.source << ")\n";
}

void RunImport(CliContext& ctx, ImportKind kind, const std::string& file) {
  import::Table table;
  try {
    table = import::ReadTable(file);
  } catch (const import::TableError& e) {
    std::cerr << "Импорт отменён, ничего не загружено: " << e.what() << "\n";
    ctx.exit_code = kExitBadInput;
    return;
  }
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  Actor actor = ctx.ActingPerson(*ws, campaign);
  try {
    if (kind == ImportKind::Schools) {
      Report(ctx, ImportSchools(*ws, campaign, file, SchoolRowsFrom(table), actor), "школ");
    } else {
      Report(ctx, ImportPeople(*ws, campaign, file, PersonRowsFrom(table), actor), "строк о людях");
    }
  } catch (const import::TableError& e) {
    std::cerr << "Импорт отменён, ничего не загружено: " << e.what() << "\n";
    ctx.exit_code = kExitBadInput;
  }
}

}  // namespace

void AddImportCommand(CLI::App& app, CliContext& ctx) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import", "загрузить школы или людей из CSV или XLSX");
  cmd->require_subcommand(1);
  auto* schools = cmd->add_subcommand("schools",
                                      "школы: Код ОО; Наименование ОО; "
                                      "Муниципальное образование; Список; Школа-партнёр");
  schools->add_option("file", *file, "файл .csv или .xlsx")->required();
  schools->callback([&ctx, file] { RunImport(ctx, ImportKind::Schools, *file); });
  auto* people = cmd->add_subcommand("people",
                                     "люди: ФИО; Роль; Муниципальное образование; "
                                     "Код ОО; Электронная почта; Телефон");
  people->add_option("file", *file, "файл .csv или .xlsx")->required();
  people->callback([&ctx, file] { RunImport(ctx, ImportKind::People, *file); });
}

}  // namespace shnor::app
