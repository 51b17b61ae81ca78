// One day of reminders at the scale of all of Russia: 40,000 schools with 15 pending tasks each
// (600,000 tasks), a responsible person per school, a coordinator per municipality and a curator
// per hundred municipalities. The deadlines are placed so that on the planned day each school
// has tasks 7 and 1 working days ahead, due today, and 1, 3 and 7 working days late, so every
// person gets a letter and both escalations happen. Prints the time to plan the day, to store its
// letters in the outbox, and the peak memory, against the targets of the reminders issue.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/TextTable.h"
#include "bench/BenchSupport.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/reminders/ReminderPlanner.h"
#include "storage/CampaignRepository.h"
#include "storage/DirectoryRepository.h"

using namespace shnor;

namespace {

constexpr int kSchools = 40000;
constexpr int kMunicipalities = 2000;
constexpr int kTasks = 15;
constexpr int kMunicipalitiesPerCurator = 100;

std::string MonthDayText(Date d) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u-%02u", static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

// One stage over the whole year with kTasks tasks; the first six trigger on `day`.
std::filesystem::path WriteWorkflow(const std::filesystem::path& dir,
                                    const ProductionCalendar& calendar, Date day) {
  const int offsets[] = {7, 1, 0, -1, -3, -7};
  std::ofstream out(dir / "bench-reminders.yaml");
  out << "id: bench-reminders\nversion: 1\ntitle: Нагрузочный проект\ninitial: I\nstages:\n"
      << "  - id: I\n    title: Весь год\n    window: { from: \"01-01\", to: \"12-end\" }\n"
      << "    tasks:\n";
  for (int i = 0; i < kTasks; ++i) {
    int offset = i < 6 ? offsets[i] : 10 + 3 * i;
    out << "      - id: task-" << i + 1 << "\n        title: Документ № " << i + 1
        << "\n        due: \"" << MonthDayText(calendar.AddWorkingDays(day, offset)) << "\"\n";
  }
  out << "transitions:\n  - { kind: complete, from: I, documents: [] }\n";
  return dir / "bench-reminders.yaml";
}

}  // namespace

int main() {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "shnor-bench-reminders";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const Date day = *ParseIsoDate("2024-10-15");
  SimulatedClock clock(StartOfLocalDay(day, 300) + std::chrono::hours{8});
  Workspace ws(dir / "bench.db", storage::OpenMode::CreateIfMissing, clock);
  ws.UseCalendar(ProductionCalendar::LoadDirectory(std::filesystem::path(SHNOR_SOURCE_DIR) /
                                                   "workflows/calendars"));
  Actor admin{"benchmark", Role::Administrator};
  CampaignConfig config = bench::NationalConfig("russia-2024", kMunicipalities);
  config.campaign.workflow_id = "bench-reminders";
  auto campaign = CreateCampaign(ws, config, WriteWorkflow(dir, ws.CalendarOf({}), day), admin);
  std::printf("Подготовка: %d школ × %d задач…\n", kSchools, kTasks);
  auto report =
      ImportSchools(ws, campaign, "bench", bench::NationalSchools(config, kSchools), admin);
  if (!report.ok()) return std::fprintf(stderr, "%s", report.Text().c_str()), 1;
  bench::AddNationalPeople(ws, campaign, kMunicipalitiesPerCurator);
  long setup_peak = bench::PeakMemoryMb();

  ReminderPlanner planner(ws, campaign);
  auto start = std::chrono::steady_clock::now();
  ReminderPlan plan = planner.Plan(day);
  double plan_s = bench::Since(start);
  start = std::chrono::steady_clock::now();
  PlanWriteResult written = planner.Write(plan);
  double write_s = bench::Since(start);
  long peak = bench::PeakMemoryMb();

  app::TextTable table({"Показатель", "Значение", "Цель"});
  table.Add({"задач в расчёте", std::to_string(kSchools * kTasks), ""});
  table.Add({"писем на день", std::to_string(plan.letters.size()), ""});
  table.Add({"пунктов / из них эскалаций",
             std::to_string(plan.items) + " / " + std::to_string(plan.escalations), ""});
  table.Add({"расчёт дня, с", std::to_string(plan_s), ""});
  table.Add({"запись писем в очередь, с", std::to_string(write_s), ""});
  table.Add({"планирование всего, с", std::to_string(plan_s + write_s), "< 2"});
  table.Add({"пик памяти после подготовки, МБ", std::to_string(setup_peak), ""});
  table.Add({"пик памяти, МБ", std::to_string(peak), "< 300"});
  table.Print(std::cout);
  if (written.planned != static_cast<int>(plan.letters.size())) {
    std::fprintf(stderr, "в очередь записано %d писем из %zu\n", written.planned,
                 plan.letters.size());
    return 1;
  }
  if (!std::getenv("SHNOR_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return 0;
}
