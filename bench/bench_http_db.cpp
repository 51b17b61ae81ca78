// The database the HTTP benchmark (bench/bench_http.sh) serves: the national project of 40,000
// schools in 85 municipalities (one per federal subject), built through the engine as
// bench_spine builds its own, with the people a real region has (a curator per ten
// municipalities, a coordinator per municipality, a responsible person per school), and the
// stage I tasks of the first municipality's schools submitted and approved, so that a one-school
// read carries contacts, approved tasks and an audit history rather than an empty case.
//
//   bench_http_db DB [SCHOOLS] [MUNICIPALITIES]
//
// Writes a new database at DB (an existing file is replaced) and prints how long each step
// took. The campaign code is russia-2024; school codes are r-0 … r-39999 (r-0 is in the first
// municipality, so it has the approved tasks).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/BenchSupport.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/DirectoryImport.h"
#include "engine/definitions/CampaignConfig.h"
#include "engine/workflow/StateMachine.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

using namespace shnor;

namespace {

constexpr int kDefaultSchools = 40000;
constexpr int kDefaultMunicipalities = 85;  // Russia's federal subjects
constexpr int kMunicipalitiesPerCurator = 10;

int Positive(const char* text, int fallback) {
  if (!text) return fallback;
  int value = std::atoi(text);
  return value > 0 ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [SCHOOLS] [MUNICIPALITIES]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path db = argv[1];
  const int schools = Positive(argc > 2 ? argv[2] : nullptr, kDefaultSchools);
  const int municipalities = Positive(argc > 3 ? argv[3] : nullptr, kDefaultMunicipalities);
  // A leftover database (and its WAL) would make CreateCampaign refuse the existing code, and
  // its audit key the new database's own.
  for (const char* suffix : {"", "-wal", "-shm", ".audit-key", ".audit-key.head"}) {
    std::filesystem::remove(db.string() + suffix);
  }
  if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path());

  auto total = std::chrono::steady_clock::now();
  // The same day as bench_spine: stage I of the 2024 project is open, nothing is overdue yet.
  SimulatedClock clock(StartOfLocalDay(*ParseIsoDate("2024-02-05"), 300) + std::chrono::hours{10});
  Workspace ws(db, storage::OpenMode::CreateIfMissing, clock);
  ws.UseCalendar(ProductionCalendar::LoadDirectory(std::filesystem::path(SHNOR_SOURCE_DIR) /
                                                   "workflows/calendars"));
  Actor admin{"benchmark", Role::Administrator};
  CampaignConfig config = bench::NationalConfig("russia-2024", municipalities);
  auto campaign = CreateCampaign(
      ws, config, std::filesystem::path(SHNOR_SOURCE_DIR) / "workflows/targeted-support.yaml",
      admin);

  auto start = std::chrono::steady_clock::now();
  auto report =
      ImportSchools(ws, campaign, "bench", bench::NationalSchools(config, schools), admin);
  if (!report.ok()) return std::fprintf(stderr, "%s", report.Text().c_str()), 1;
  double import_s = bench::Since(start);

  start = std::chrono::steady_clock::now();
  bench::AddNationalPeople(ws, campaign, kMunicipalitiesPerCurator);
  double people_s = bench::Since(start);

  start = std::chrono::steady_clock::now();
  int commands = bench::FinishStageOne(ws, campaign, config.municipalities.front(), admin);
  double tasks_s = bench::Since(start);

  std::printf("database:        %s (project %s)\n", db.c_str(), campaign.code.c_str());
  std::printf("schools:         %d in %d municipalities, imported in %.2f s\n", schools,
              municipalities, import_s);
  std::printf("people:          curators, coordinators, school contacts in %.2f s\n", people_s);
  std::printf("task commands:   %d (stage I of «%s») in %.2f s\n", commands,
              config.municipalities.front().c_str(), tasks_s);
  std::printf("total:           %.2f s, peak memory %ld MB\n", bench::Since(total),
              bench::PeakMemoryMb());
  return 0;
}
