// The spine at the scale of all of Russia: 40,000 schools imported, their stage I tasks submitted
// and approved, all of them bulk-advanced from stage I to II (each case atomic on its own with
// its tasks and audit event), then `status` over every case. Prints rates, times and peak memory
// against the targets of the spine issue. The bulk advance is set beside a floor measured in the
// same run: straight-line SQLiteCpp that writes the same rows (the case updates, the new tasks,
// the audit events, copied from what ours wrote) into a copy of the database as it was before,
// in the same batches, with nothing read or decided.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

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

// The database file on its own (WAL folded in), to copy.
void FoldWal(const std::filesystem::path& db) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// The rows of `sql` as they are, to insert elsewhere unchanged.
struct Rows {
  int columns = 0;
  std::vector<std::vector<std::string>> text;  // as text: a column dies with its statement
  std::vector<std::vector<int>> types;
};

Rows ReadRows(SQLite::Database& db, const std::string& sql) {
  Rows rows;
  SQLite::Statement q(db, sql);
  rows.columns = q.getColumnCount();
  while (q.executeStep()) {
    auto& text = rows.text.emplace_back();
    auto& types = rows.types.emplace_back();
    for (int c = 0; c < rows.columns; ++c) {
      types.push_back(q.getColumn(c).getType());
      text.push_back(q.getColumn(c).getString());
    }
  }
  return rows;
}

void BindRow(SQLite::Statement& q, const Rows& rows, std::size_t r) {
  for (int c = 0; c < rows.columns; ++c) {
    const std::string& v = rows.text[r][c];
    switch (rows.types[r][c]) {
      case SQLITE_INTEGER:
        q.bind(c + 1, static_cast<int64_t>(std::stoll(v)));
        break;
      case SQLITE_NULL:
        q.bind(c + 1);
        break;
      default:
        q.bind(c + 1, v);
    }
  }
}

std::string Placeholders(int n) {
  std::string out = "?";
  for (int i = 1; i < n; ++i) out += ", ?";
  return out;
}

// What the floor writes: the advanced cases' rows, their stage II tasks, the events after `after`.
struct FloorRows {
  Rows cases;
  Rows tasks;
  Rows events;
};

FloorRows RowsOfAdvance(const std::filesystem::path& db, std::int64_t after) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READONLY);
  return {ReadRows(raw,
                   "SELECT stage_id, version, updated_at, id FROM cases WHERE stage_id = 'II' "
                   "ORDER BY id"),
          ReadRows(raw, "SELECT * FROM tasks WHERE stage_id = 'II' ORDER BY case_id"),
          ReadRows(raw, "SELECT * FROM audit_events WHERE id > " + std::to_string(after) +
                            " ORDER BY id")};
}

// Straight-line SQLiteCpp: one transaction per 500 cases with their tasks and events, as ours
// commits, with the connection set up as storage/Database.cpp sets it up.
double FloorSeconds(const std::filesystem::path& db, const FloorRows& rows) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
  raw.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
      "PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000; PRAGMA foreign_keys = ON");
  SQLite::Statement update(
      raw, "UPDATE cases SET stage_id = ?, version = ?, updated_at = ? WHERE id = ?");
  SQLite::Statement task(raw,
                         "INSERT INTO tasks VALUES (" + Placeholders(rows.tasks.columns) + ")");
  SQLite::Statement event(
      raw, "INSERT INTO audit_events VALUES (" + Placeholders(rows.events.columns) + ")");
  const std::size_t per_case_tasks =
      rows.tasks.text.size() / std::max<std::size_t>(1, rows.cases.text.size());
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t first = 0; first < rows.cases.text.size(); first += 500) {
    const std::size_t last = std::min(rows.cases.text.size(), first + 500);
    SQLite::Transaction transaction(raw, SQLite::TransactionBehavior::IMMEDIATE);
    for (std::size_t r = first; r < last; ++r) {
      BindRow(update, rows.cases, r);
      update.exec();
      update.reset();
      for (std::size_t t = r * per_case_tasks; t < (r + 1) * per_case_tasks; ++t) {
        BindRow(task, rows.tasks, t);
        task.exec();
        task.reset();
      }
      if (r < rows.events.text.size()) {
        BindRow(event, rows.events, r);
        event.exec();
        event.reset();
      }
    }
    transaction.commit();
  }
  return bench::Since(start);
}

std::int64_t LastEventId(const std::filesystem::path& db) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READONLY);
  return raw.execAndGet("SELECT COALESCE(MAX(id), 0) FROM audit_events").getInt64();
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
  FoldWal(dir / "bench.db");
  std::filesystem::copy_file(dir / "bench.db", dir / "floor.db");
  const std::int64_t events_before = LastEventId(dir / "bench.db");
  start = std::chrono::steady_clock::now();
  auto lines = CaseService(ws).AdvanceStage(campaign, "I", "", Command{}, admin);
  double advance_s = bench::Since(start);
  std::size_t advanced = 0;
  for (const auto& line : lines) advanced += line.applied;

  std::size_t rows = 0;
  double query_s = 0;
  double status_s = StatusSeconds(ws, campaign, rows, query_s);
  double rate = advanced / advance_s;
  long peak = bench::PeakMemoryMb();  // before the floor, which holds every row it writes
  FloorRows floor_rows = RowsOfAdvance(dir / "bench.db", events_before);
  const double floor_s = FloorSeconds(dir / "floor.db", floor_rows);
  const double floor_ratio = advance_s / floor_s;


  std::printf("schools imported:        %d in %.2f s (%.0f schools/s, cases and audit included)\n",
              kSchools, import_s, kSchools / import_s);
  std::printf("task commands:           %d in %.2f s (%.0f commands/s)\n", task_commands, tasks_s,
              task_commands / tasks_s);
  std::printf(
      "bulk advance I -> II:    %zu of %zu in %.2f s = %.0f transitions/s (target >= 20000) %s\n",
      advanced, lines.size(), advance_s, rate, rate >= 20000 ? "OK" : "MISSED");
  std::printf(
      "  floor (same %zu cases, %zu tasks, %zu events by SQLiteCpp): %.2f s; ours / floor "
      "= %.2fx (target <= 1.5x) %s\n",
      floor_rows.cases.text.size(), floor_rows.tasks.text.size(), floor_rows.events.text.size(),
      floor_s, floor_ratio, floor_ratio <= 1.5 ? "OK" : "MISSED");
  std::printf("status over %zu cases: %.0f ms, of which the query %.0f ms (target < 300 ms) %s\n",
              rows, status_s * 1000, query_s * 1000, status_s < 0.3 ? "OK" : "MISSED");
  std::printf("peak memory:             %ld MB (target < 200 MB) %s\n", peak,
              peak < 200 ? "OK" : "MISSED");
  // SHNOR_BENCH_KEEP=1 leaves the database for a look with the sqlite3 shell.
  if (!std::getenv("SHNOR_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return 0;
}
