#pragma once
// Printing the result of a command on a case the same way for every handler.
#include <string>

#include "app/CliContext.h"
#include "engine/cases/CaseService.h"

namespace shnor::app {

// Prints the applied change to stdout or the refusal to stderr, and sets the exit code.
void ReportResult(CliContext& ctx, const std::string& school_code, const CommandResult& result);

}  // namespace shnor::app
