#include "tests/TestSupport.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "engine/definitions/CampaignConfig.h"
#include "engine/definitions/WorkflowLoader.h"

namespace shnor::test {

const ProductionCalendar& ShippedCalendar() {
  static const ProductionCalendar calendar =
      ProductionCalendar::LoadDirectory(SourceDir() / "workflows" / "calendars");
  return calendar;
}

WorkflowDefinition ShippedWorkflow() {
  const auto path = SourceDir() / "workflows/targeted-support.yaml";
  return LoadWorkflowText(ReadText(path), path.string());
}

std::filesystem::path SourceDir() {
  return SHNOR_SOURCE_DIR;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("shnor-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

TimePoint LocalNoon(const std::string& iso_date, int offset_minutes) {
  return StartOfLocalDay(*ParseIsoDate(iso_date), offset_minutes) + std::chrono::hours{12};
}

SampleWorkspace::SampleWorkspace(const std::string& today, int schools) : clock(LocalNoon(today)) {
  ws = std::make_unique<Workspace>(dir / "shnor.db", storage::OpenMode::CreateIfMissing, clock);
  ws->UseCalendar(ShippedCalendar());
  CampaignConfig config = LoadCampaignConfig(SourceDir() / "samples/tyumen-2024/campaign.yaml");
  municipalities = config.municipalities;
  campaign = CreateCampaign(*ws, config, SourceDir() / "workflows/targeted-support.yaml", admin);
  std::vector<SchoolRow> rows;
  for (int i = 1; i <= schools; ++i) {
    std::string n = std::to_string(i);
    rows.push_back({i + 1, "s-" + n, "МАОУ СОШ № " + n, municipalities[i % 2],
                    i % 2 ? "1.1" : "1.2", i == 1 ? "МАОУ Гимназия № 1" : ""});
  }
  auto report = ImportSchools(*ws, campaign, "test.csv", rows, admin);
  if (!report.ok()) throw std::runtime_error(report.Text());
}

storage::Id SampleWorkspace::CaseOf(const std::string& code) {
  return CaseService(*ws).CaseOfSchool(campaign, code);
}

CommandResult SampleWorkspace::Run(const std::string& code, CommandKind kind,
                                   const std::string& task, const std::string& reason) {
  Command command;
  command.kind = kind;
  command.task = task;
  command.reason = reason;
  return CaseService(*ws).Execute(CaseOf(code), command, admin);
}

void SampleWorkspace::FinishStage(const std::string& code) {
  CaseService cases(*ws);
  CaseView view = cases.View(CaseOf(code));
  for (const auto& task : view.record.tasks) {
    if (task.stage_id != view.record.stage_id) continue;
    const TaskDefinition* def = view.definition->FindTask(task.task_id);
    if (!def || !def->required || task.status == storage::TaskStatus::Approved) continue;
    std::string ref = TaskReference(task.task_id, task.period);
    if (task.status != storage::TaskStatus::Submitted) Run(code, CommandKind::TaskSubmit, ref);
    Run(code, CommandKind::TaskApprove, ref);
  }
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int SchemaVersionOf(const std::filesystem::path& db) {
  SQLite::Database raw(db.string());
  return raw.execAndGet("PRAGMA user_version").getInt();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

ProcessResult RunShnor(const std::string& args, const std::filesystem::path& cwd) {
  TempDir capture;
  std::string command;
  if (!cwd.empty()) command = "cd '" + cwd.string() + "' && ";
  command += std::string("'") + SHNOR_BINARY + "' " + args + " > '" + (capture / "out").string() +
             "' 2> '" + (capture / "err").string() + "' < /dev/null";
  int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadText(capture / "out");
  result.err = ReadText(capture / "err");
  return result;
}

BackgroundShnor::BackgroundShnor(const std::string& args) {
  // exec: the pid is shnor's own, so a signal reaches it and not only the shell.
  std::string command = std::string("exec '") + SHNOR_BINARY + "' " + args + " > '" +
                        (capture_ / "out").string() + "' 2> '" + (capture_ / "err").string() +
                        "' < /dev/null";
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  if (posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ) !=
      0) {
    pid_ = -1;
    exit_code_ = -1;
  }
}

BackgroundShnor::~BackgroundShnor() {
  if (exit_code_ != -3) return;
  Signal(SIGKILL);
  Wait();
}

void BackgroundShnor::Signal(int signal) const {
  if (pid_ > 0 && exit_code_ == -3) kill(pid_, signal);
}

int BackgroundShnor::Wait(std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (exit_code_ == -3) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    } else if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      exit_code_ = -2;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
  }
  return exit_code_;
}

}  // namespace shnor::test
