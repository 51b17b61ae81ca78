// Fail the Nth statement of an operation for N = 0, 1, 2 … until it succeeds, and check after
// each failure that nothing at all changed.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "engine/workspace/AuditTrail.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

// Everything a command may touch, as text, read through a separate connection.
std::string Snapshot(const std::filesystem::path& db) {
  SQLite::Database raw(db.string());
  std::string out;
  for (const char* sql :
       {"SELECT id || stage_id || status || version FROM cases ORDER BY id",
        "SELECT case_id || task_id || period || status || comment FROM tasks ORDER BY 1",
        "SELECT id || hash FROM audit_events ORDER BY id",
        "SELECT id || code FROM schools ORDER BY id",
        "SELECT id || email FROM people ORDER BY id"}) {
    SQLite::Statement q(raw, sql);
    while (q.executeStep()) out += q.getColumn(0).getString() + "\n";
    out += "--\n";
  }
  return out;
}

template <typename Operation>
int FailEveryStep(test::SampleWorkspace& sample, Operation operation) {
  std::filesystem::path db = sample.dir / "shnor.db";
  for (int n = 0; n < 500; ++n) {
    std::string before = Snapshot(db);
    sample.ws->db().FailStatementAt(n);
    try {
      operation();
      sample.ws->db().FailStatementAt(-1);
      return n;
    } catch (const storage::StorageError&) {
      sample.ws->db().FailStatementAt(-1);
      INFO("statement " << n << " failed");
      REQUIRE(Snapshot(db) == before);
    }
  }
  FAIL("the operation never succeeded");
  return -1;
}

}  // namespace

TEST_CASE("an advance that fails at any statement changes nothing", "[atomicity]") {
  test::SampleWorkspace sample("2024-03-04");
  sample.FinishStage("s-1");
  int failures = FailEveryStep(sample, [&] {
    CommandResult r = sample.Run("s-1", CommandKind::Advance);
    REQUIRE(r.applied());
  });
  CHECK(failures > 5);  // begin, load, update, new tasks, audit, commit all were hit
  CaseView view = CaseService(*sample.ws).View(sample.CaseOf("s-1"));
  CHECK(view.record.stage_id == "II");
}

TEST_CASE("a task approval that fails at any statement changes nothing", "[atomicity]") {
  test::SampleWorkspace sample;
  CaseView view = CaseService(*sample.ws).View(sample.CaseOf("s-2"));
  std::string ref =
      TaskReference(view.record.tasks.front().task_id, view.record.tasks.front().period);
  REQUIRE(sample.Run("s-2", CommandKind::TaskSubmit, ref).applied());
  // The operation runs outside REQUIRE: Catch would report the injected fault as a failure.
  int failures = FailEveryStep(sample, [&] {
    CommandResult r = sample.Run("s-2", CommandKind::TaskApprove, ref);
    REQUIRE(r.applied());
  });
  CHECK(failures > 3);
}

TEST_CASE("a school import that fails at any statement stores no school", "[atomicity]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  std::vector<SchoolRow> rows{
      {2, "n-1", "МАОУ Новая СОШ", sample.municipalities[0], "1.1", "МАОУ Лицей № 9"},
      {3, "n-2", "МАОУ Другая СОШ", sample.municipalities[1], "1.2", ""}};
  int failures = FailEveryStep(sample, [&] {
    ImportReport report = ImportSchools(*sample.ws, sample.campaign, "new.csv", rows, sample.admin);
    REQUIRE(report.ok());
  });
  CHECK(failures > 5);
  CHECK_NOTHROW(sample.CaseOf("n-2"));
}

TEST_CASE("a bulk advance hit by a fault at any statement leaves every case whole", "[atomicity]") {
  for (int n = 0; n < 40; ++n) {
    test::SampleWorkspace sample("2024-03-04", 3);
    for (const char* code : {"s-1", "s-2", "s-3"}) sample.FinishStage(code);
    sample.Run("s-3", CommandKind::TaskReturn, "team-appointed", "Нет приказа");  // s-3 refused
    sample.ws->db().FailStatementAt(n);
    std::vector<BulkLine> lines;
    try {
      lines =
          CaseService(*sample.ws).AdvanceStage(sample.campaign, "I", "", Command{}, sample.admin);
    } catch (const storage::StorageError&) {
      // A fault outside the batch (listing the cases) aborts the run before any write.
    }
    sample.ws->db().FailStatementAt(-1);
    INFO("fault at statement " << n);
    auto chain = AuditTrail(*sample.ws).Verify();
    CHECK_FALSE(chain.first_break);
    for (const char* code : {"s-1", "s-2", "s-3"}) {
      CaseView view = CaseService(*sample.ws).View(sample.CaseOf(code));
      int stage_two_tasks = 0;
      for (const auto& t : view.record.tasks) stage_two_tasks += t.stage_id == "II";
      bool advanced = view.record.stage_id == "II";
      CHECK(stage_two_tasks == (advanced ? 6 : 0));  // all of the stage's tasks, or none
      auto events = AuditTrail(*sample.ws).Events(sample.campaign, view.record.id);
      CHECK((events.back().command == "advance") == advanced);
    }
    for (const BulkLine& line : lines) CHECK(line.applied == (line.school_code != "s-3"));
  }
}

// The promise of a bulk run: a case that fails, for whatever reason, fails alone. Here the
// storage itself refuses one case's row, as a constraint or a full disk would.
TEST_CASE("a bulk advance goes on past a case the storage refuses and reports it alone",
          "[atomicity][bulk]") {
  test::SampleWorkspace sample("2024-03-04", 4);
  for (const char* code : {"s-1", "s-2", "s-3", "s-4"}) sample.FinishStage(code);
  {
    SQLite::Database raw((sample.dir / "shnor.db").string(), SQLite::OPEN_READWRITE);
    raw.exec("CREATE TRIGGER refuse_one BEFORE UPDATE ON cases WHEN OLD.id = " +
             std::to_string(sample.CaseOf("s-2")) +
             " BEGIN SELECT RAISE(ABORT, 'дело заблокировано проверкой'); END");
  }
  auto lines =
      CaseService(*sample.ws).AdvanceStage(sample.campaign, "I", "", Command{}, sample.admin);
  REQUIRE(lines.size() == 4);
  for (const BulkLine& line : lines) {
    INFO(line.school_code << ": " << line.message);
    CaseView view = CaseService(*sample.ws).View(sample.CaseOf(line.school_code));
    if (line.school_code == "s-2") {
      CHECK_FALSE(line.applied);
      CHECK_THAT(line.message, Catch::Contains("дело осталось как было") &&
                                   Catch::Contains("ошибка базы данных") &&
                                   Catch::Contains("дело заблокировано проверкой"));
      CHECK(view.record.stage_id == "I");
    } else {
      CHECK(line.applied);
      CHECK(line.message == "II");
      CHECK(view.record.stage_id == "II");
    }
  }
  CHECK_FALSE(AuditTrail(*sample.ws).Verify().first_break);
}
