#include "app/Cli.h"

#include <iostream>

#include "app/Commands.h"
#include "engine/base/Errors.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/definitions/WorkflowLoader.h"
#include "storage/Database.h"

namespace shnor::app {
namespace {

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--db", options.db, "файл базы данных SQLite")
      ->capture_default_str()
      ->each([&options](const std::string&) { options.db_given = true; });
  app.add_option("--today", options.today, "считать сегодняшней дату ГГГГ-ММ-ДД (моделирование)");
  app.add_option("--campaign", options.campaign, "код проекта, если в базе их несколько");
  app.add_option("--docs", options.docs,
                 "папка документов (по умолчанию documents рядом с базой данных)");
  app.add_option("--as", options.as,
                 "электронная почта действующего лица (по умолчанию администратор)");
  app.add_option(
      "--audit-key", options.audit_key,
      "файл ключа подписи журнала (по умолчанию SHNOR_AUDIT_KEY, иначе <база>.audit-key)");
}

int Fail(int code, const std::string& message) {
  std::cerr << "ошибка: " << message << "\n";
  return code;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"shnor — сопровождение школ с низкими образовательными результатами (ШНОР)",
               "shnor"};
  app.fallthrough();
  app.require_subcommand(1);
  CliContext ctx;
  AddGlobalOptions(app, ctx.options);
  AddInitCommand(app, ctx);
  AddWorkflowCommand(app, ctx);
  AddImportCommand(app, ctx);
  AddStatusCommand(app, ctx);
  AddShowCommand(app, ctx);
  AddStageCommands(app, ctx);
  AddTaskCommand(app, ctx);
  AddLogCommand(app, ctx);
  AddFsckCommand(app, ctx);
  AddDemoCommand(app, ctx);
  AddRemindCommand(app, ctx);
  AddOutboxCommand(app, ctx);
  AddSchedulerCommand(app, ctx);
  AddDocsCommand(app, ctx);
  AddServeCommand(app, ctx);
  AddUserCommand(app, ctx);
  try {
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitDone : kExitUsage;
  } catch (const AccessDenied& e) {
    // The same sentence the API gives with its 403.
    return Fail(kExitRefused, std::string("отказ: ") + e.what());
  } catch (const InputError& e) {
    return Fail(kExitBadInput, e.what());
  } catch (const DefinitionError& e) {
    return Fail(kExitBadInput, e.what());
  } catch (const CalendarError& e) {
    return Fail(kExitBadInput, std::string("производственный календарь: ") + e.what());
  } catch (const DocumentError& e) {
    return Fail(kExitBadInput, e.what());
  } catch (const storage::SchemaTooNew& e) {
    return Fail(kExitBadInput, e.what());
  } catch (const storage::OpenError& e) {
    return Fail(kExitBadInput, e.what());
  } catch (const storage::DatabaseBusy& e) {
    return Fail(kExitBusy, e.what());
  } catch (const storage::StorageError& e) {
    return Fail(kExitInternal, e.what());
  } catch (const std::exception& e) {
    return Fail(kExitInternal, std::string("внутренняя ошибка: ") + e.what());
  }
}

}  // namespace shnor::app
