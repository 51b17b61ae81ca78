// The outbox's leases on a real database file: senders on connections of their own never hold the
// same letter, a letter whose sender died is taken again once the lease has run out (and the
// attempt it may have made is recorded), and only the holder of a letter marks it.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "storage/OutboxRepository.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

constexpr std::int64_t kNow = 1'706'684'400;  // 31.01.2024 12:00 in Tyumen
constexpr std::int64_t kLease = 300;

struct OutboxFile {
  explicit OutboxFile(int letters) {
    storage::OutboxRepository outbox(db());
    for (int n = 0; n < letters; ++n) REQUIRE(outbox.Insert(Letter(n)));
  }
  storage::OutboxLetter Letter(int n) const {
    storage::OutboxLetter l;
    l.campaign_id = sample.campaign.id;
    l.key = "key-" + std::to_string(n);
    l.day = "2024-01-31";
    l.recipient_email = "person" + std::to_string(n) + "@example.ru";
    l.recipient_name = "Получатель " + std::to_string(n);
    l.recipient_role = "school";
    l.subject = "Проект ШНОР";
    l.items_json = "[]";
    l.message_id = "<letter." + std::to_string(n) + "@test>";
    l.items = 1;
    l.next_attempt_at = kNow - 60;
    l.planned_at = kNow - 60;
    return l;
  }
  storage::Database& db() { return sample.ws->db(); }
  std::filesystem::path file() const { return sample.dir / "shnor.db"; }
  storage::Id campaign() const { return sample.campaign.id; }
  std::vector<storage::OutboxLetter> Letters() {
    return storage::OutboxRepository(db()).List(campaign(), std::nullopt, "");
  }

  test::SampleWorkspace sample{"2024-01-31", 1};
};

std::vector<storage::Id> IdsOf(const std::vector<storage::ClaimedLetter>& claimed) {
  std::vector<storage::Id> ids;
  for (const auto& c : claimed) ids.push_back(c.letter.id);
  return ids;
}

}  // namespace

TEST_CASE("senders on two connections claiming at once hold disjoint letters",
          "[storage][outbox]") {
  OutboxFile f(300);
  // Each sender claims small batches until nothing is left (or it has tried far too often).
  auto claim_all = [&f](const std::string& claimant, std::vector<storage::Id>& held) {
    storage::Database db(f.file());
    storage::OutboxRepository outbox(db);
    for (int round = 0; round < 200; ++round) {
      auto batch = IdsOf(outbox.Claim(f.campaign(), claimant, kNow, kNow + kLease, 7));
      if (batch.empty()) return;
      held.insert(held.end(), batch.begin(), batch.end());
    }
  };
  std::vector<storage::Id> a, b;
  std::thread first(claim_all, "a", std::ref(a));
  std::thread second(claim_all, "b", std::ref(b));
  first.join();
  second.join();
  std::set<storage::Id> all(a.begin(), a.end());
  all.insert(b.begin(), b.end());
  CHECK(a.size() + b.size() == 300);
  CHECK(all.size() == 300);
  for (const auto& l : f.Letters()) {
    CHECK(l.status == storage::LetterStatus::Sending);
    bool by_a = std::find(a.begin(), a.end(), l.id) != a.end();
    CHECK(l.claimant == (by_a ? "a" : "b"));
    CHECK(l.lease_until == kNow + kLease);
  }
  CHECK(storage::OutboxRepository(f.db()).Counts(f.campaign()).sending == 300);
}

TEST_CASE("a letter whose sender died is claimed again after its lease, the attempt recorded",
          "[storage][outbox]") {
  OutboxFile f(2);
  storage::OutboxRepository dead(f.db());
  auto held = dead.Claim(f.campaign(), "dead", kNow, kNow + kLease, 10);
  REQUIRE(held.size() == 2);
  CHECK_FALSE(held[0].held_by_dead_sender);
  storage::Id handed = held[0].letter.id;
  REQUIRE(dead.BeginSend(handed, "dead", kNow + 10, kNow + 10 + kLease));
  // The sender dies here, one letter handed to the mail server, the other not yet.

  storage::Database other_db(f.file());
  storage::OutboxRepository next(other_db);
  CHECK(next.Claim(f.campaign(), "next", kNow + 100, kNow + 100 + kLease, 10).empty());
  CHECK(next.NextAttempt(f.campaign()) == kNow + kLease);
  auto first_expired = next.Claim(f.campaign(), "next", kNow + kLease, kNow + 2 * kLease, 10);
  REQUIRE(first_expired.size() == 1);  // the one not handed over; the other is leased 10 s more
  CHECK_FALSE(first_expired[0].held_by_dead_sender);
  CHECK(first_expired[0].letter.resends == 0);
  auto again = next.Claim(f.campaign(), "next", kNow + 10 + kLease, kNow + 10 + 2 * kLease, 10);
  REQUIRE(again.size() == 1);
  CHECK(again[0].letter.id == handed);
  CHECK(again[0].held_by_dead_sender);
  CHECK(again[0].letter.resends == 1);
  CHECK(again[0].letter.claimant == "next");
  CHECK(again[0].letter.attempts == 1);  // the dead sender's attempt stays counted

  REQUIRE(next.BeginSend(handed, "next", kNow + 400, kNow + 400 + kLease));
  REQUIRE(next.MarkSent(handed, "next", kNow + 401));
  for (const auto& l : f.Letters()) {
    if (l.id != handed) continue;
    CHECK(l.status == storage::LetterStatus::Sent);
    CHECK(l.claimant.empty());
    CHECK(l.attempts == 2);
    CHECK(l.resends == 1);  // seen in `shnor outbox`: it may have arrived twice
  }
}

TEST_CASE("only the holder of a letter marks it", "[storage][outbox]") {
  OutboxFile f(1);
  storage::OutboxRepository outbox(f.db());
  auto held = outbox.Claim(f.campaign(), "a", kNow, kNow + kLease, 10);
  REQUIRE(held.size() == 1);
  storage::Id id = held[0].letter.id;
  CHECK_FALSE(outbox.BeginSend(id, "b", kNow, kNow + kLease));
  CHECK_FALSE(outbox.MarkSent(id, "b", kNow));
  CHECK_FALSE(outbox.MarkAttemptFailed(id, "b", "сбой", std::nullopt));
  CHECK(outbox.Release("b") == 0);
  auto letters = f.Letters();
  REQUIRE(letters.size() == 1);
  CHECK(letters[0].status == storage::LetterStatus::Sending);
  CHECK(letters[0].claimant == "a");
  CHECK(letters[0].attempts == 0);

  // a's lease runs out while it is slow; b takes the letter, and a's late mark changes nothing.
  REQUIRE(outbox.BeginSend(id, "a", kNow, kNow + kLease));
  REQUIRE(outbox.Claim(f.campaign(), "b", kNow + kLease, kNow + 2 * kLease, 10).size() == 1);
  CHECK_FALSE(outbox.MarkSent(id, "a", kNow + kLease + 1));
  CHECK(f.Letters()[0].claimant == "b");
  CHECK(f.Letters()[0].status == storage::LetterStatus::Sending);
  CHECK(outbox.MarkAttemptFailed(id, "b", "сбой", kNow + 1000));
  CHECK(f.Letters()[0].status == storage::LetterStatus::Planned);
  CHECK(f.Letters()[0].claimant.empty());
}

TEST_CASE("a sender gives back the letters it has not handed over", "[storage][outbox]") {
  OutboxFile f(3);
  storage::OutboxRepository outbox(f.db());
  auto held = outbox.Claim(f.campaign(), "a", kNow, kNow + kLease, 10);
  REQUIRE(held.size() == 3);
  REQUIRE(outbox.BeginSend(held[0].letter.id, "a", kNow, kNow + kLease));
  CHECK(outbox.Release("a") == 2);
  auto again = outbox.Claim(f.campaign(), "b", kNow, kNow + kLease, 10);
  REQUIRE(again.size() == 2);
  for (const auto& c : again) {
    CHECK(c.letter.id != held[0].letter.id);
    CHECK_FALSE(c.held_by_dead_sender);
    CHECK(c.letter.attempts == 0);
  }
  auto counts = outbox.Counts(f.campaign());
  CHECK(counts.sending == 3);
  CHECK(counts.planned == 0);
  CHECK(outbox.List(f.campaign(), storage::LetterStatus::Sending, "").size() == 3);
  CHECK(outbox.List(f.campaign(), storage::LetterStatus::Planned, "").empty());
}

TEST_CASE("a version 7 database keeps its letters, none of them held", "[storage][outbox]") {
  OutboxFile f(2);
  f.sample.ws.reset();
  {
    SQLite::Database raw(f.file().string(), SQLite::OPEN_READWRITE);
    for (const char* column : {"claimant", "lease_until", "handed_at", "resends"}) {
      raw.exec(std::string("ALTER TABLE outbox DROP COLUMN ") + column);
    }
    // What later migrations add goes too, so that they find the file as version 7 left it.
    raw.exec("DROP INDEX login_failures_address");
    raw.exec("ALTER TABLE login_failures DROP COLUMN address");
    raw.exec("DROP TABLE audit_head");
    raw.exec("ALTER TABLE audit_events DROP COLUMN actor_account");
    raw.exec("ALTER TABLE audit_events DROP COLUMN actor_login");
    raw.exec("PRAGMA user_version = 7");
  }
  storage::Database db(f.file());
  CHECK(test::SchemaVersionOf(f.file()) == storage::Database::kSchemaVersion);
  storage::OutboxRepository outbox(db);
  auto counts = outbox.Counts(f.campaign());
  CHECK(counts.planned == 2);
  CHECK(counts.sending == 0);
  CHECK(outbox.Claim(f.campaign(), "a", kNow, kNow + kLease, 10).size() == 2);
}
