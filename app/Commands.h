#pragma once
// The command table: each subcommand registers itself from its own file in app/commands/.
#include <CLI/CLI.hpp>

#include "app/CliContext.h"

namespace shnor::app {

void AddInitCommand(CLI::App& app, CliContext& ctx);
void AddWorkflowCommand(CLI::App& app, CliContext& ctx);
void AddImportCommand(CLI::App& app, CliContext& ctx);
void AddStatusCommand(CLI::App& app, CliContext& ctx);
void AddShowCommand(CLI::App& app, CliContext& ctx);
void AddStageCommands(CLI::App& app,
                      CliContext& ctx);  // advance, return, withdraw, reinstate, complete
void AddTaskCommand(CLI::App& app, CliContext& ctx);
void AddLogCommand(CLI::App& app, CliContext& ctx);
void AddFsckCommand(CLI::App& app, CliContext& ctx);  // documents registry against the folder
void AddDemoCommand(CLI::App& app, CliContext& ctx);
void AddRemindCommand(CLI::App& app, CliContext& ctx);
void AddOutboxCommand(CLI::App& app, CliContext& ctx);
void AddSchedulerCommand(CLI::App& app, CliContext& ctx);
void AddDocsCommand(CLI::App& app, CliContext& ctx);  // docs list | render, package
void AddServeCommand(CLI::App& app, CliContext& ctx);
void AddUserCommand(CLI::App& app, CliContext& ctx);  // user add | passwd | disable | list | token

}  // namespace shnor::app
