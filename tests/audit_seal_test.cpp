// The audit log's signed head end to end through the shnor binary: the key made at init and kept
// beside the database, `log --verify` catching a shortened or recomputed log, a replayed head, a
// wrong key; who did what by account and login; user and token changes as events.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "storage/AuditLog.h"
#include "tests/CliSample.h"
#include "tests/TestSupport.h"

using namespace shnor;
using test::RunShnor;

namespace {

const std::string kSample = (test::SourceDir() / "samples/tyumen-2024").string();
const std::string kPassword = "пароль-для-журнала";

struct CliSample : test::CliSample {
  std::filesystem::path key() const { return dir / "shnor.db.audit-key"; }
  std::filesystem::path head() const { return dir / "shnor.db.audit-key.head"; }
};

SQLite::Database Raw(const std::filesystem::path& db) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
  raw.exec("DROP TRIGGER IF EXISTS audit_events_no_update");
  raw.exec("DROP TRIGGER IF EXISTS audit_events_no_delete");
  return raw;
}

std::int64_t EventCount(const std::filesystem::path& db) {
  SQLite::Database raw(db.string());
  return raw.execAndGet("SELECT COUNT(*) FROM audit_events").getInt64();
}

void DeleteEventsAfter(const std::filesystem::path& db, std::int64_t last_kept) {
  Raw(db).exec("DELETE FROM audit_events WHERE id > " + std::to_string(last_kept));
}

// What a forger with the program's own hash function does: change one event, then give it and
// every later event the hashes they would have had.
void RewriteAndRechain(const std::filesystem::path& db, storage::Id target) {
  std::vector<storage::AuditEvent> events;
  {
    storage::Database opened(db);
    events = storage::AuditLog(opened).Events(1, std::nullopt);
  }
  std::sort(events.begin(), events.end(), [](auto& a, auto& b) { return a.id < b.id; });
  auto raw = Raw(db);
  std::string prev = events.front().prev_hash;
  for (auto& e : events) {
    if (e.id < target) {
      prev = e.hash;
      continue;
    }
    if (e.id == target) e.reason = "подлог задним числом";
    e.prev_hash = prev;
    e.hash = storage::AuditLog::ComputeHash(e, prev);
    SQLite::Statement update(raw,
                             "UPDATE audit_events SET reason = ?, prev_hash = ?, hash = ? "
                             "WHERE id = ?");
    SQLite::bind(update, e.reason, e.prev_hash, e.hash, static_cast<int64_t>(e.id));
    update.exec();
    prev = e.hash;
  }
}

struct HeadRow {
  std::int64_t count;
  std::string hash;
  std::string signature;
};

HeadRow ReadHeadRow(const std::filesystem::path& db) {
  SQLite::Database raw(db.string());
  SQLite::Statement q(raw, "SELECT event_count, last_hash, signature FROM audit_head");
  REQUIRE(q.executeStep());
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}

void WriteHeadRow(const std::filesystem::path& db, const HeadRow& head) {
  SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
  SQLite::Statement q(raw, "UPDATE audit_head SET event_count = ?, last_hash = ?, signature = ?");
  SQLite::bind(q, static_cast<int64_t>(head.count), head.hash, head.signature);
  REQUIRE(q.exec() == 1);
}

std::string PublicKeyIn(const std::string& text) {
  std::smatch found;
  REQUIRE(std::regex_search(text, found, std::regex("[0-9a-f]{64}")));
  return found.str();
}

// The line of `text` that holds `needle`, or "".
std::string LineWith(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(needle) != std::string::npos) return line;
  }
  return "";
}

std::string Setting(const std::filesystem::path& db, const std::string& key) {
  SQLite::Database raw(db.string());
  SQLite::Statement q(raw, "SELECT value FROM settings WHERE key = ?");
  q.bind(1, key);
  return q.executeStep() ? q.getColumn(0).getString() : "";
}

}  // namespace

TEST_CASE("audit init makes a private key beside the database and prints its public half",
          "[audit-seal]") {
  test::TempDir dir;
  auto db = dir / "shnor.db";
  auto init = RunShnor("--db '" + db.string() + "' init");
  REQUIRE(init.exit_code == 0);
  auto key = dir / "shnor.db.audit-key";
  REQUIRE(std::filesystem::exists(key));
  struct stat info {};
  REQUIRE(stat(key.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_THAT(init.out, Catch::Contains("Открытый ключ подписи журнала"));
  CHECK(PublicKeyIn(init.out) == Setting(db, "audit.public_key"));
  CHECK(test::ReadText(key).find(PublicKeyIn(init.out)) == std::string::npos);  // no copy
}

TEST_CASE("audit init refuses to overwrite an existing key file", "[audit-seal]") {
  test::TempDir dir;
  auto db = dir / "shnor.db";
  REQUIRE(RunShnor("--db '" + db.string() + "' init").exit_code == 0);
  std::string key_before = test::ReadText(dir / "shnor.db.audit-key");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  auto again = RunShnor("--db '" + db.string() + "' init");
  CHECK(again.exit_code == 4);
  CHECK_THAT(again.err, Catch::Contains("shnor.db.audit-key") && Catch::Contains("уже есть"));
  CHECK(test::ReadText(dir / "shnor.db.audit-key") == key_before);
}

TEST_CASE("audit an untouched log verifies with its signature", "[audit-seal]") {
  CliSample s;
  REQUIRE(s.Run("task submit tmn-001 deep-analysis").exit_code == 0);
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("Журнал цел") &&
                             Catch::Contains("подпись головы журнала верна") &&
                             Catch::Contains("файл головы журнала совпадает"));
  CHECK(ReadHeadRow(s.db()).count == EventCount(s.db()));
}

TEST_CASE("audit deleting the last 21 events is detected", "[audit-seal]") {
  CliSample s;
  std::int64_t count = EventCount(s.db());
  REQUIRE(count > 30);
  DeleteEventsAfter(s.db(), count - 21);
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out, Catch::Contains("удалены последние 21 событие журнала"));
}

TEST_CASE("audit an event edited with every later hash recomputed is detected", "[audit-seal]") {
  CliSample s;
  RewriteAndRechain(s.db(), 10);
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out, Catch::Contains("цепочка пересчитана") &&
                             Catch::Contains("подпись головы журнала не совпадает"));
}

TEST_CASE("audit an older signed head put back after truncation is caught by the head file",
          "[audit-seal]") {
  CliSample s;
  HeadRow older = ReadHeadRow(s.db());
  for (const char* task : {"deep-analysis", "team-appointed"}) {
    REQUIRE(s.Run(std::string("task submit tmn-001 ") + task).exit_code == 0);
  }
  REQUIRE(s.Run("task submit tmn-002 deep-analysis").exit_code == 0);
  DeleteEventsAfter(s.db(), older.count);
  WriteHeadRow(s.db(), older);
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out,
             Catch::Contains("удалены последние 3 события журнала") && Catch::Contains("файл"));
}

TEST_CASE("audit a head signed after the log was cut short does not hide the longer one",
          "[audit-seal]") {
  CliSample s;
  HeadRow older = ReadHeadRow(s.db());
  REQUIRE(s.Run("task submit tmn-001 deep-analysis").exit_code == 0);
  REQUIRE(s.Run("task submit tmn-002 deep-analysis").exit_code == 0);
  DeleteEventsAfter(s.db(), older.count);
  WriteHeadRow(s.db(), older);
  // The program goes on writing (and signing) after the cut: the file keeps the longer head.
  REQUIRE(s.Run("task submit tmn-003 deep-analysis").exit_code == 0);
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out, Catch::Contains("удалено последнее событие журнала") &&
                             Catch::Contains("файл головы журнала"));
}

TEST_CASE("audit an event appended past the program, chained right, is not signed",
          "[audit-seal]") {
  CliSample s;
  std::vector<storage::AuditEvent> events;
  {
    storage::Database opened(s.db());
    events = storage::AuditLog(opened).Events(1, std::nullopt);
  }
  storage::AuditEvent forged = events.back();
  forged.id += 1;
  forged.reason = "вписано вручную";
  forged.prev_hash = events.back().hash;
  forged.hash = storage::AuditLog::ComputeHash(forged, forged.prev_hash);
  {
    SQLite::Database raw(s.db().string(), SQLite::OPEN_READWRITE);
    SQLite::Statement insert(raw,
                             "INSERT INTO audit_events (id, campaign_id, case_id, actor, at_utc, "
                             "at_local, command, from_state, to_state, reason, details, "
                             "prev_hash, hash, actor_login) "
                             "SELECT ?, campaign_id, case_id, actor, at_utc, at_local, command, "
                             "from_state, to_state, ?, details, ?, ?, actor_login "
                             "FROM audit_events WHERE id = ?");
    SQLite::bind(insert, static_cast<int64_t>(forged.id), forged.reason, forged.prev_hash,
                 forged.hash, static_cast<int64_t>(events.back().id));
    REQUIRE(insert.exec() == 1);
  }
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out, Catch::Contains("в журнале 1 событие после подписанной головы"));
}

TEST_CASE("audit a key file of another installation is detected and signs nothing",
          "[audit-seal]") {
  CliSample s;
  test::TempDir other;
  REQUIRE(RunShnor("--db '" + (other / "shnor.db").string() + "' init").exit_code == 0);
  std::filesystem::copy_file(other / "shnor.db.audit-key", s.key(),
                             std::filesystem::copy_options::overwrite_existing);
  auto verify = s.Run("log --verify");
  CHECK(verify.exit_code == 4);
  CHECK_THAT(verify.out, Catch::Contains("не подходит к этой базе"));
  std::int64_t before = EventCount(s.db());
  auto submit = s.Run("task submit tmn-001 deep-analysis");
  CHECK(submit.exit_code == 4);
  CHECK_THAT(submit.err, Catch::Contains("не подходит к этой базе"));
  CHECK(EventCount(s.db()) == before);
}

TEST_CASE("audit the key may live elsewhere and verify needs only the public key", "[audit-seal]") {
  test::TempDir dir;
  auto db = dir / "shnor.db";
  auto key = dir / "keys" / "audit.key";
  std::filesystem::create_directories(key.parent_path());
  std::string base = "--db '" + db.string() + "' --today 2024-02-10 ";
  REQUIRE(RunShnor(base + "--audit-key '" + key.string() + "' init").exit_code == 0);
  CHECK(std::filesystem::exists(key));
  CHECK_FALSE(std::filesystem::exists(dir / "shnor.db.audit-key"));
  // Without the option the program has no key to sign with: it refuses and says where it looked.
  auto keyless = RunShnor(base + "import schools '" + kSample + "/schools.csv'");
  CHECK(keyless.exit_code == 4);
  CHECK_THAT(keyless.err, Catch::Contains("ключ подписи журнала"));
  setenv("SHNOR_AUDIT_KEY", key.c_str(), 1);
  auto by_env = RunShnor(base + "import schools '" + kSample + "/schools.csv'");
  unsetenv("SHNOR_AUDIT_KEY");
  CHECK(by_env.exit_code == 0);
  auto verify = RunShnor(base + "log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("подпись головы журнала верна"));
}

TEST_CASE("audit a database made before signing gets its key at the first write, said once",
          "[audit-seal]") {
  CliSample s;
  {
    // The shape of a schema-7 database: no identity columns, no head, no key.
    SQLite::Database raw(s.db().string(), SQLite::OPEN_READWRITE);
    raw.exec("DROP TABLE audit_head");
    raw.exec("ALTER TABLE audit_events DROP COLUMN actor_account");
    raw.exec("ALTER TABLE audit_events DROP COLUMN actor_login");
    raw.exec("DELETE FROM settings WHERE key LIKE 'audit.%'");
    // Version 8 as it was: migration 10 comes after signing too.
    raw.exec("DROP INDEX login_failures_address");
    raw.exec("ALTER TABLE login_failures DROP COLUMN address");
    raw.exec("PRAGMA user_version = 8");
  }
  std::filesystem::remove(s.key());
  std::filesystem::remove(s.head());
  auto unsigned_log = s.Run("log --verify");
  CHECK(unsigned_log.exit_code == 0);
  CHECK_THAT(unsigned_log.out, Catch::Contains("ещё не подписан"));
  auto first = s.Run("task submit tmn-001 deep-analysis");
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.err,
             Catch::Contains("создан ключ подписи журнала") && Catch::Contains(s.key().string()));
  auto second = s.Run("task submit tmn-001 team-appointed");
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.err, !Catch::Contains("ключ"));
  auto verify = s.Run("log --verify");
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("подпись головы журнала верна"));
}

TEST_CASE("audit events name the acting login so namesakes are told apart", "[audit-seal]") {
  CliSample s;
  test::WriteText(s.dir / "twins.csv",
                  "ФИО;Роль;Муниципальное образование;Код ОО;Электронная почта;Телефон\n"
                  "Иванова Мария Петровна;ответственный от ОО;г. Тюмень;tmn-001;"
                  "m.ivanova1@example.ru;\n"
                  "Иванова Мария Петровна;ответственный от ОО;г. Тюмень;tmn-002;"
                  "m.ivanova2@example.ru;\n");
  REQUIRE(s.Run("import people '" + (s.dir / "twins.csv").string() + "'").exit_code == 0);
  REQUIRE(s.Run("--as m.ivanova1@example.ru task submit tmn-001 deep-analysis").exit_code == 0);
  REQUIRE(s.Run("--as m.ivanova2@example.ru task submit tmn-002 deep-analysis").exit_code == 0);
  CHECK_THAT(s.Run("log tmn-001").out,
             Catch::Contains("m.ivanova1@example.ru") && !Catch::Contains("m.ivanova2"));
  CHECK_THAT(s.Run("log tmn-002").out,
             Catch::Contains("m.ivanova2@example.ru") && !Catch::Contains("m.ivanova1"));
  // The command line's own administrator is named as such, not as a person.
  CHECK_THAT(s.Run("log").out, Catch::Contains("система: командная строка"));
}

TEST_CASE("audit user and token changes are events that keep no secret", "[audit-seal]") {
  CliSample s;
  setenv("SHNOR_PASSWORD", kPassword.c_str(), 1);
  auto added = s.Run("user add reader@example.ru --role observer --name 'Читатель'");
  auto passwd = s.Run("user passwd reader@example.ru");
  unsetenv("SHNOR_PASSWORD");
  REQUIRE(added.exit_code == 0);
  REQUIRE(passwd.exit_code == 0);
  auto issued = s.Run("user token reader@example.ru");
  REQUIRE(issued.exit_code == 0);
  std::string token = issued.out.substr(0, issued.out.find('\n'));
  auto tokens = s.Run("user tokens reader@example.ru");
  std::string token_id =
      tokens.out.substr(tokens.out.find_first_of("0123456789abcdef", tokens.out.find('\n')), 12);
  REQUIRE(s.Run("user revoke reader@example.ru " + token_id).exit_code == 0);
  REQUIRE(s.Run("user unlock reader@example.ru").exit_code == 0);
  REQUIRE(s.Run("user disable reader@example.ru").exit_code == 0);
  auto log = s.Run("log");
  for (const char* command :
       {"user-add", "user-passwd", "token-issue", "token-revoke", "user-unlock", "user-disable"}) {
    INFO(command);
    CHECK_THAT(LineWith(log.out, std::string("  ") + command + "  "),
               Catch::Contains("→ reader@example.ru"));
  }
  CHECK_THAT(log.out, Catch::Contains(token_id));
  SQLite::Database raw(s.db().string());
  SQLite::Statement all(raw, "SELECT * FROM audit_events");
  std::string everything;
  while (all.executeStep()) {
    for (int i = 0; i < all.getColumnCount(); ++i) everything += all.getColumn(i).getString();
  }
  CHECK(everything.find(kPassword) == std::string::npos);
  CHECK(everything.find(token) == std::string::npos);
}
