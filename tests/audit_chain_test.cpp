#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "engine/workspace/AuditTrail.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

void Tamper(const std::filesystem::path& db, const std::string& sql) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
  raw.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
  raw.exec(sql);
}

}  // namespace

TEST_CASE("every event records who, when in UTC and local time, and the states", "[audit]") {
  test::SampleWorkspace sample("2024-02-10");
  REQUIRE(sample.Run("s-1", CommandKind::Withdraw, "", "Реорганизация").applied());
  auto events = AuditTrail(*sample.ws).Events(sample.campaign, sample.CaseOf("s-1"));
  REQUIRE(events.size() == 2);  // opened, withdrawn
  const auto& e = events.back();
  CHECK(e.command == "withdraw");
  CHECK(e.actor == "Тестовый администратор (администратор)");
  CHECK(e.reason == "Реорганизация");
  CHECK(e.from_state == "I/active");
  CHECK(e.to_state == "I/withdrawn");
  CHECK(e.at_local == "2024-02-10 12:00:00 +05:00");
  CHECK(e.at_utc == test::LocalNoon("2024-02-10").time_since_epoch().count());
}

TEST_CASE("an intact log verifies", "[audit]") {
  test::SampleWorkspace sample;
  auto report = AuditTrail(*sample.ws).Verify();
  CHECK(report.events_checked >= 5);  // campaign, import, three cases opened
  CHECK_FALSE(report.first_break);
}

TEST_CASE("the database refuses to update or delete audit events", "[audit]") {
  test::SampleWorkspace sample;
  SQLite::Database raw((sample.dir / "shnor.db").string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS(raw.exec("UPDATE audit_events SET reason = 'x' WHERE id = 2"));
  CHECK_THROWS(raw.exec("DELETE FROM audit_events WHERE id = 2"));
}

TEST_CASE("an edited event is reported as the first broken link", "[audit]") {
  test::SampleWorkspace sample;
  Tamper(sample.dir / "shnor.db", "UPDATE audit_events SET actor = 'Злоумышленник' WHERE id = 3");
  auto report = AuditTrail(*sample.ws).Verify();
  REQUIRE(report.first_break);
  CHECK(report.first_break->event_id == 3);
  CHECK_THAT(report.first_break->reason, Catch::Contains("изменено"));
}

TEST_CASE("a deleted event is reported where the chain is broken", "[audit]") {
  test::SampleWorkspace sample;
  Tamper(sample.dir / "shnor.db", "DELETE FROM audit_events WHERE id = 2");
  auto report = AuditTrail(*sample.ws).Verify();
  REQUIRE(report.first_break);
  CHECK(report.first_break->event_id == 3);
  CHECK_THAT(report.first_break->reason, Catch::Contains("пропущены"));
}

TEST_CASE("a rewritten event with a recomputed hash still breaks the next link", "[audit]") {
  test::SampleWorkspace sample;
  auto events = AuditTrail(*sample.ws).Events(sample.campaign, std::nullopt);
  storage::AuditEvent forged = events[1];
  forged.reason = "подделка";
  std::string hash = storage::AuditLog::ComputeHash(forged, forged.prev_hash);
  Tamper(sample.dir / "shnor.db", "UPDATE audit_events SET reason = 'подделка', hash = '" + hash +
                                      "' WHERE id = " + std::to_string(forged.id));
  auto report = AuditTrail(*sample.ws).Verify();
  REQUIRE(report.first_break);
  CHECK(report.first_break->event_id == forged.id + 1);
}

TEST_CASE("a batch whose last case rolls back still signs the head of what it kept", "[audit]") {
  test::SampleWorkspace sample;
  AuditTrail trail(*sample.ws);
  {
    storage::Database::Transaction batch(sample.ws->db());
    {
      storage::Database::Transaction kept(sample.ws->db());
      trail.Record(sample.campaign, sample.admin, {std::nullopt, "kept", "", "", "", "{}"});
      kept.Commit();
    }
    {
      storage::Database::Transaction failed(sample.ws->db());
      trail.Record(sample.campaign, sample.admin, {std::nullopt, "failed", "", "", "", "{}"});
    }  // rolled back
    batch.Commit();
  }
  auto report = trail.Verify();
  CHECK(report.intact());
  CHECK(report.seal.head_signed);
  CHECK(trail.Events(sample.campaign, std::nullopt).back().command == "kept");
}

TEST_CASE("a log verified while another connection appends is never reported shortened",
          "[audit]") {
  test::SampleWorkspace sample;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    Workspace other(sample.dir / "shnor.db", storage::OpenMode::MustExist, sample.clock);
    AuditTrail trail(other);
    auto campaign = other.Campaign("");
    for (int i = 0; i < 300; ++i) {
      trail.Record(campaign, sample.admin, {std::nullopt, "tick", "", "", "", "{}"});
    }
    done = true;
  });
  std::vector<std::string> problems;
  int verified = 0;
  while (!done) {
    auto report = AuditTrail(*sample.ws).Verify();
    problems.insert(problems.end(), report.seal.problems.begin(), report.seal.problems.end());
    ++verified;
  }
  writer.join();
  INFO(verified << " checks");
  CHECK(problems.empty());
}
