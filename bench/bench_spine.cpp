// The spine at the scale of all of Russia: 40,000 schools imported, their stage I tasks submitted
// and approved, all of them bulk-advanced from stage I to II (each case its own transaction with
// its tasks and audit event), then `status` over every case. Prints rates, times and peak memory
// against the targets of the spine issue.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/TextTable.h"
#include "bench/BenchSupport.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/DirectoryImport.h"
#include "engine/definitions/CampaignConfig.h"
#include "engine/workflow/StatusNames.h"

using namespace shnor;
using Seconds = std::chrono::duration<double>;

namespace {

constexpr int kSchools = 40000;
constexpr int kMunicipalities = 2000;  // about as many as Russia's municipal districts and okrugs

double StatusSeconds(Workspace& ws, const storage::CampaignRecord& campaign, std::size_t& rows,
                     double& query_s) {
  auto start = std::chrono::steady_clock::now();
  auto summaries = CaseService(ws).Summaries(campaign, {});
  query_s = bench::Since(start);
  app::TextTable table({"Код", "Школа", "МО", "Этап", "Статус", "Открыто", "Просрочено", "Срок"});
  for (const auto& s : summaries) {
    table.Add({s.school_code, s.school_name, s.municipality, s.stage_id, RussianName(s.status),
               std::to_string(s.open_tasks), std::to_string(s.overdue_tasks), s.next_due});
  }
  std::ostringstream out;
  table.Print(out);
  rows = summaries.size();
  return bench::Since(start);
}

}  // namespace

int main() {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "shnor-bench-spine";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SimulatedClock clock(StartOfLocalDay(*ParseIsoDate("2024-02-05"), 300) + std::chrono::hours{10});
  Workspace ws(dir / "bench.db", storage::OpenMode::CreateIfMissing, clock);
  ws.UseCalendar(ProductionCalendar::LoadDirectory(std::filesystem::path(SHNOR_SOURCE_DIR) /
                                                   "workflows/calendars"));
  Actor admin{"benchmark", Role::Administrator};
  CampaignConfig config = bench::NationalConfig("russia-2024", kMunicipalities);
  auto campaign = CreateCampaign(
      ws, config, std::filesystem::path(SHNOR_SOURCE_DIR) / "workflows/targeted-support.yaml",
      admin);

  auto start = std::chrono::steady_clock::now();
  auto report =
      ImportSchools(ws, campaign, "bench", bench::NationalSchools(config, kSchools), admin);
  if (!report.ok()) return std::fprintf(stderr, "%s", report.Text().c_str()), 1;
  double import_s = bench::Since(start);

  start = std::chrono::steady_clock::now();
  int task_commands = bench::FinishStageOne(ws, campaign, "", admin);
  double tasks_s = bench::Since(start);

  clock.Set(StartOfLocalDay(*ParseIsoDate("2024-03-02"), 300) + std::chrono::hours{10});
  start = std::chrono::steady_clock::now();
  auto lines = CaseService(ws).AdvanceStage(campaign, "I", "", Command{}, admin);
  double advance_s = bench::Since(start);
  std::size_t advanced = 0;
  for (const auto& line : lines) advanced += line.applied;

  std::size_t rows = 0;
  double query_s = 0;
  double status_s = StatusSeconds(ws, campaign, rows, query_s);
  double rate = advanced / advance_s;
  long peak = bench::PeakMemoryMb();

  std::printf("schools imported:        %d in %.2f s (%.0f schools/s, cases and audit included)\n",
              kSchools, import_s, kSchools / import_s);
  std::printf("task commands:           %d in %.2f s (%.0f commands/s)\n", task_commands, tasks_s,
              task_commands / tasks_s);
  std::printf(
      "bulk advance I -> II:    %zu of %zu in %.2f s = %.0f transitions/s (target >= 20000) %s\n",
      advanced, lines.size(), advance_s, rate, rate >= 20000 ? "OK" : "MISSED");
  std::printf("status over %zu cases: %.0f ms, of which the query %.0f ms (target < 300 ms) %s\n",
              rows, status_s * 1000, query_s * 1000, status_s < 0.3 ? "OK" : "MISSED");
  std::printf("peak memory:             %ld MB (target < 200 MB) %s\n", peak,
              peak < 200 ? "OK" : "MISSED");
  // SHNOR_BENCH_KEEP=1 leaves the database for a look with the sqlite3 shell.
  if (!std::getenv("SHNOR_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return 0;
}
