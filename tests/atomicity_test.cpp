// Fail the Nth statement of an operation for N = 0, 1, 2 … until it succeeds, and check after
// each failure that nothing at all changed.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

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
