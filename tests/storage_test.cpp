#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "storage/CampaignRepository.h"
#include "storage/Database.h"
#include "storage/DatabaseImpl.h"
#include "storage/DirectoryRepository.h"
#include "tests/TestSupport.h"

using namespace shnor;
using shnor::test::TempDir;

TEST_CASE("a new database gets the current schema in WAL mode", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  CHECK(test::SchemaVersionOf(dir / "a.db") == storage::Database::kSchemaVersion);
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(raw.tableExists("audit_events"));
  CHECK(raw.tableExists("cases"));
}

TEST_CASE("foreign keys are enforced", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  storage::SchoolRecord school;
  school.campaign_id = 42;
  school.municipality_id = 7;
  school.code = "x";
  school.name = "x";
  school.list = "1.1";
  CHECK_THROWS_AS(storage::DirectoryRepository(db).InsertSchool(school), storage::StorageError);
}

TEST_CASE("reopening a database applies no migration twice and keeps data", "[storage]") {
  TempDir dir;
  { storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing); }
  storage::Database again(dir / "a.db", storage::OpenMode::MustExist);
  CHECK(test::SchemaVersionOf(dir / "a.db") == storage::Database::kSchemaVersion);
}

TEST_CASE("a version 1 database is migrated to the current schema with its data", "[storage]") {
  test::SampleWorkspace sample("2024-02-10", 3);
  std::filesystem::path file = sample.dir / "shnor.db";
  sample.ws.reset();
  int tasks_before = 0;
  {
    // Turn the file back into what version 1 wrote: its tasks table, without later indexes.
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    tasks_before = raw.execAndGet("SELECT count(*) FROM tasks").getInt();
    raw.exec(
        "CREATE TABLE tasks_v1 (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES "
        "cases (id), task_id TEXT NOT NULL, stage_id TEXT NOT NULL, period TEXT NOT NULL "
        "DEFAULT '', status TEXT NOT NULL, due_date TEXT NOT NULL DEFAULT '', comment TEXT NOT "
        "NULL DEFAULT '', updated_at INTEGER NOT NULL, UNIQUE (case_id, task_id, period))");
    raw.exec(
        "INSERT INTO tasks_v1 (case_id, task_id, stage_id, period, status, due_date, comment, "
        "updated_at) SELECT case_id, task_id, stage_id, period, status, due_date, comment, "
        "updated_at FROM tasks");
    raw.exec("DROP TABLE tasks; ALTER TABLE tasks_v1 RENAME TO tasks");
    raw.exec("DROP TABLE outbox; ALTER TABLE campaigns DROP COLUMN regional_holidays");
    raw.exec(
        "DROP TABLE documents; ALTER TABLE campaigns DROP COLUMN signer_position; "
        "ALTER TABLE campaigns DROP COLUMN signer_name");
    raw.exec(
        "DROP TABLE sessions; DROP TABLE api_tokens; DROP TABLE login_failures; DROP TABLE users");
    raw.exec(
        "DROP TABLE audit_head; ALTER TABLE audit_events DROP COLUMN actor_account; "
        "ALTER TABLE audit_events DROP COLUMN actor_login");
    raw.exec("DROP INDEX person_roles_school; DROP INDEX person_roles_municipality");
    raw.exec("UPDATE tasks SET comment = 'Доработать' WHERE rowid = 1");
    raw.exec("PRAGMA user_version = 1");
  }
  storage::Database db(file, storage::OpenMode::MustExist);
  CHECK(test::SchemaVersionOf(file) == storage::Database::kSchemaVersion);
  SQLite::Database raw(file.string());
  CHECK_THAT(raw.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'tasks'").getString(),
             Catch::Contains("WITHOUT ROWID"));
  CHECK(raw.execAndGet("SELECT count(*) FROM tasks").getInt() == tasks_before);
  CHECK(raw.execAndGet("SELECT count(*) FROM tasks WHERE comment = 'Доработать'").getInt() == 1);
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE 'person_roles_%'")
            .getInt() == 3);
}

TEST_CASE("a migration that would break references is refused and changes nothing", "[storage]") {
  TempDir dir;
  { storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing); }
  {
    SQLite::Database raw((dir / "a.db").string(), SQLite::OPEN_READWRITE);
    raw.exec(
        "INSERT INTO tasks (case_id, stage_id, task_id, status, updated_at) "
        "VALUES (99, 'I', 'orphan', 'open', 0)");  // a case that does not exist
    raw.exec("PRAGMA user_version = 2");
  }
  CHECK_THROWS_WITH(storage::Database(dir / "a.db", storage::OpenMode::MustExist),
                    Catch::Contains("ссылки"));
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
}

TEST_CASE("a nested transaction is a savepoint that rolls back alone", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  {
    storage::Database::Transaction outer(db);
    db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('outer', '1')");
    {
      storage::Database::Transaction inner(db);
      db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('inner', '1')");
    }  // not committed
    {
      storage::Database::Transaction kept(db);
      db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('kept', '1')");
      kept.Commit();
    }
    outer.Commit();
  }
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("SELECT group_concat(key) FROM (SELECT key FROM settings ORDER BY key)")
            .getString() == "kept,outer");
}

namespace {
int SettingsCount(storage::Database& db) {
  auto& q = db.impl().Prepare("SELECT count(*) FROM settings");
  db.impl().Step(q);
  int n = q.getColumn(0).getInt();
  q.reset();
  return n;
}
}  // namespace

TEST_CASE("the change stamp moves with writes of this connection and of another process",
          "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  auto first = db.Stamp();
  REQUIRE(first.has_value());
  CHECK(db.Stamp() == first);  // reading changes nothing
  db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('own', '1')");
  auto after_own = db.Stamp();
  CHECK(after_own != first);
  {
    SQLite::Database other((dir / "a.db").string(), SQLite::OPEN_READWRITE);
    other.exec("INSERT INTO settings (key, value) VALUES ('other', '1')");
  }
  CHECK(db.Stamp() != after_own);
  storage::Database::Transaction open(db);
  CHECK_FALSE(db.Stamp().has_value());  // a change inside may still be rolled back
}

TEST_CASE("a read snapshot does not see another process's commit until it ends", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  SQLite::Database other((dir / "a.db").string(), SQLite::OPEN_READWRITE);
  {
    storage::Database::ReadSnapshot snapshot(db);
    int before = SettingsCount(db);
    other.exec("INSERT INTO settings (key, value) VALUES ('late', '1')");
    CHECK(SettingsCount(db) == before);
    snapshot.End();
    CHECK(SettingsCount(db) == before + 1);
  }
  {
    // Left without End (an exception in the handler): whatever it wrote is undone.
    storage::Database::ReadSnapshot snapshot(db);
    db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('undone', '1')");
  }
  CHECK(other.execAndGet("SELECT count(*) FROM settings WHERE key = 'undone'").getInt() == 0);
}

TEST_CASE("a database newer than the program is refused with both versions named", "[storage]") {
  const int kNewer = storage::Database::kSchemaVersion + 1;
  TempDir dir;
  { storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing); }
  {
    SQLite::Database raw((dir / "a.db").string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(kNewer));
  }
  try {
    storage::Database db(dir / "a.db", storage::OpenMode::MustExist);
    FAIL("a newer schema was opened");
  } catch (const storage::SchemaTooNew& e) {
    CHECK(e.found() == kNewer);
    CHECK(e.supported() == storage::Database::kSchemaVersion);
    CHECK_THAT(e.what(),
               Catch::Contains(std::to_string(kNewer)) &&
                   Catch::Contains("до " + std::to_string(storage::Database::kSchemaVersion)));
  }
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == kNewer);  // untouched
}

TEST_CASE("opening a missing database without create is refused and creates nothing", "[storage]") {
  TempDir dir;
  CHECK_THROWS_AS(storage::Database(dir / "missing.db", storage::OpenMode::MustExist),
                  storage::StorageError);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("a file that is not a database is refused with its name", "[storage]") {
  TempDir dir;
  test::WriteText(dir / "junk.db", std::string(4096, 'x'));
  CHECK_THROWS_WITH(storage::Database(dir / "junk.db", storage::OpenMode::MustExist),
                    Catch::Contains("junk.db"));
}

TEST_CASE("a transaction rolls back unless committed", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  {
    storage::Database::Transaction transaction(db);
    db.impl().db.exec("INSERT INTO settings (key, value) VALUES ('k', 'v')");
  }
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("SELECT count(*) FROM settings").getInt() == 0);
}

// A cached statement keeps the error of its last failed step; the next use is a new run and
// must not throw that old error (a bulk run's next case reuses the same UPDATE).
TEST_CASE("a cached statement whose run failed runs again on its next use", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  db.impl().db.exec(
      "CREATE TRIGGER refuse_bad BEFORE INSERT ON settings WHEN NEW.key = 'bad' "
      "BEGIN SELECT RAISE(ABORT, 'отказ проверки'); END");
  const std::string sql = "INSERT INTO settings (key, value) VALUES (?, '1')";
  auto& bad = db.impl().Prepare(sql);
  bad.bind(1, "bad");
  CHECK_THROWS_WITH(db.impl().Run(bad), Catch::Contains("отказ проверки"));
  storage::CachedStatement* again = nullptr;
  REQUIRE_NOTHROW(again = &db.impl().Prepare(sql));
  again->bind(1, "good");
  CHECK(db.impl().Run(*again) == 1);
  CHECK(SettingsCount(db) == 1);
}

namespace {
// The one value of a single-row, single-column query.
std::int64_t ValueOf(storage::Database& db, const std::string& sql) {
  auto& q = db.impl().Prepare(sql);
  REQUIRE(db.impl().Step(q));
  std::int64_t value = q.getColumn(0).getInt64();
  REQUIRE_FALSE(db.impl().Step(q));
  return value;
}
}  // namespace

// IN-lists of 1-500 placeholders and multi-row INSERTs make a new SQL text per size: the cache of
// prepared statements must stay bounded however many a long-running server meets.
TEST_CASE("the statement cache stays at its bound and an evicted statement runs again",
          "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  const std::size_t bound = storage::StatementCache::kCapacity;
  CHECK(bound == 64);
  std::size_t largest = 0;
  for (int k = 0; k < 300; ++k) {
    CHECK(ValueOf(db, "SELECT " + std::to_string(k) + " + 1") == k + 1);
    largest = std::max(largest, db.impl().statements.size());
  }
  CHECK(largest == bound);
  CHECK(db.impl().statements.size() == bound);
  for (int k = 0; k < 300; k += 7) {  // most were evicted long ago
    CHECK(ValueOf(db, "SELECT " + std::to_string(k) + " + 1") == k + 1);
  }
  CHECK(db.impl().statements.size() == bound);
}

// A statement is in use while its caller holds it: handed out and not yet run, or stepped and
// not yet finished. Evicting it would free what the caller is about to use.
TEST_CASE("the statement cache never evicts a statement in use", "[storage]") {
  TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  auto& rows = db.impl().Prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
      "SELECT i FROM n");
  REQUIRE(db.impl().Step(rows));
  CHECK(rows.getColumn(0).getInt() == 1);
  auto& pending = db.impl().Prepare("SELECT ? * 2");
  pending.bind(1, 21);
  for (int k = 0; k < 200; ++k) ValueOf(db, "SELECT " + std::to_string(k));
  CHECK(db.impl().statements.size() <= storage::StatementCache::kCapacity + 2);
  for (int expected = 2; expected <= 5; ++expected) {
    REQUIRE(db.impl().Step(rows));
    CHECK(rows.getColumn(0).getInt() == expected);
  }
  CHECK_FALSE(db.impl().Step(rows));
  REQUIRE(db.impl().Step(pending));
  CHECK(pending.getColumn(0).getInt() == 42);
  pending.reset();
  // Once finished they are ordinary entries again, and the bound holds.
  for (int k = 200; k < 300; ++k) ValueOf(db, "SELECT " + std::to_string(k));
  CHECK(db.impl().statements.size() == storage::StatementCache::kCapacity);
}
