#pragma once

namespace shnor::app {

// Exit codes, documented in the README.
enum ExitCode : int {
  kExitDone = 0,
  kExitInternal = 1,
  kExitUsage = 2,
  kExitRefused = 3,
  kExitBadInput = 4,
  kExitBusy = 5,  // the database stayed locked by another operation: nothing changed, run again
};

int RunCli(int argc, char** argv);

}  // namespace shnor::app
