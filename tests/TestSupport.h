#pragma once
// Shared test fixtures: a temporary folder, a workspace on the shipped sample campaign and
// workflow, and running the real `shnor` binary.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/calendar/Clock.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/DirectoryImport.h"
#include "engine/workspace/Workspace.h"

namespace shnor::test {

std::filesystem::path SourceDir();
// The calendars of workflows/calendars, loaded once.
const ProductionCalendar& ShippedCalendar();
// workflows/targeted-support.yaml, read and validated as `shnor workflow load` does.
WorkflowDefinition ShippedWorkflow();

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

TimePoint LocalNoon(const std::string& iso_date, int offset_minutes = 300);

// A database with the sample campaign and workflow and a few schools of its municipalities.
struct SampleWorkspace {
  explicit SampleWorkspace(const std::string& today = "2024-02-10", int schools = 3);
  storage::Id CaseOf(const std::string& code);
  CommandResult Run(const std::string& code, CommandKind kind, const std::string& task = "",
                    const std::string& reason = "");
  // Submits and approves every required task of the school's current stage.
  void FinishStage(const std::string& code);

  TempDir dir;
  SimulatedClock clock;
  std::unique_ptr<Workspace> ws;
  storage::CampaignRecord campaign;
  Actor admin{"Тестовый администратор", Role::Administrator};
  std::vector<std::string> municipalities;
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built shnor binary with `args` (already shell-quoted where needed).
ProcessResult RunShnor(const std::string& args, const std::filesystem::path& cwd = {});
std::string ReadText(const std::filesystem::path& path);

// The built shnor binary started with `args` and left running, for tests of several processes at
// once; its output goes to files. Killed (SIGKILL) and reaped when dropped still running.
class BackgroundShnor {
 public:
  explicit BackgroundShnor(const std::string& args);
  ~BackgroundShnor();
  BackgroundShnor(const BackgroundShnor&) = delete;
  BackgroundShnor& operator=(const BackgroundShnor&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal) const;
  // The exit code; -1 when a signal ended it, -2 when it was still running after `limit` (it is
  // killed then).
  int Wait(std::chrono::seconds limit = std::chrono::seconds{120});
  std::string out() const { return ReadText(capture_ / "out"); }
  std::string err() const { return ReadText(capture_ / "err"); }

 private:
  TempDir capture_;
  pid_t pid_ = -1;
  int exit_code_ = -3;  // not reaped yet
};
// PRAGMA user_version of a database file, read through a connection of its own.
int SchemaVersionOf(const std::filesystem::path& db);
void WriteText(const std::filesystem::path& path, const std::string& text);

}  // namespace shnor::test
