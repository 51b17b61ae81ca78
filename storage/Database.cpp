#include "storage/Database.h"

#include "storage/DatabaseImpl.h"
#include "storage/Migrations.h"

namespace shnor::storage {
namespace {

// A connection belongs to one thread (the server gives each its own), so SQLite's per-call
// mutexes are pure cost: on a national reminder scan they were a tenth of the time.
int OpenFlags(OpenMode mode) {
  int flags = SQLite::OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::CreateIfMissing) flags |= SQLite::OPEN_CREATE;
  return flags;
}

// Foreign keys are off while migrating, as SQLite's table-rebuild procedure requires, and each
// migration must leave every reference intact before it commits.
void Migrate(Database::Impl& impl) {
  int current = impl.db.execAndGet("PRAGMA user_version").getInt();
  if (current > Database::kSchemaVersion) throw SchemaTooNew(current, Database::kSchemaVersion);
  impl.db.exec("PRAGMA foreign_keys = OFF");
  for (const Migration& migration : Migrations()) {
    if (migration.version <= current) continue;
    SQLite::Transaction transaction(impl.db);
    impl.db.exec(migration.sql);
    SQLite::Statement check(impl.db, "PRAGMA foreign_key_check");
    if (check.executeStep()) {
      throw StorageError("миграция схемы до версии " + std::to_string(migration.version) +
                         " нарушила бы ссылки в таблице " + check.getColumn(0).getString() +
                         "; база не изменена");
    }
    impl.db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    transaction.commit();
  }
  impl.db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

DatabaseBusy::DatabaseBusy()
    : StorageError("база данных занята другой операцией дольше " +
                   std::to_string(Database::kBusyWaitSeconds) +
                   " с; ничего не изменено, повторите через минуту") {}

SchemaTooNew::SchemaTooNew(int found, int supported)
    : StorageError("база данных имеет версию схемы " + std::to_string(found) +
                   ", а эта программа поддерживает версии до " + std::to_string(supported) +
                   "; обновите shnor, чтобы открыть её"),
      found_(found),
      supported_(supported) {}

Database::Database(const std::filesystem::path& path, OpenMode mode) : path_(path) {
  if (mode == OpenMode::MustExist && !std::filesystem::exists(path)) {
    throw OpenError("файл базы данных не найден: " + path.string() +
                    " (создайте его командой shnor init)");
  }
  try {
    impl_ = std::make_unique<Impl>(path.string(), OpenFlags(mode));
    impl_->db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyWaitSeconds * 1000));
    impl_->db.exec("PRAGMA journal_mode = WAL");
    // WAL with synchronous=NORMAL is durable against application crashes and keeps commits cheap;
    // only an OS crash can lose the last transactions, never corrupt the file.
    impl_->db.exec("PRAGMA synchronous = NORMAL");
    // SQLite's default 2 MB page cache spills a national-scale batch to disk mid-transaction;
    // 64 MB holds the hot pages of 40,000 cases and stays well inside the memory budget.
    impl_->db.exec("PRAGMA cache_size = -65536");
    impl_->db.exec("PRAGMA temp_store = MEMORY");
    // Checkpoint (copy the WAL into the file, with an fsync) every ~40 MB instead of every 4 MB.
    impl_->db.exec("PRAGMA wal_autocheckpoint = 10000");
    Migrate(*impl_);
  } catch (const SQLite::Exception& e) {
    throw OpenError("не удалось открыть базу данных " + path.string() + ": " + e.what());
  }
}

Database::~Database() = default;

void Database::FailStatementAt(int n) {
  impl_->fail_at = n;
}

void Database::SealAuditWith(AuditSealer* sealer) {
  impl_->sealer = sealer;
}

namespace {

// The outermost commit: the sealer signs what the transaction appended, then the file changes.
void CommitSealed(Database& db, const char* commit) {
  Database::Impl& impl = db.impl();
  AuditSealer* sealer = impl.audit_appended ? impl.sealer : nullptr;
  if (sealer) sealer->BeforeCommit(db);
  impl.Run(impl.Prepare(commit));
  impl.audit_appended = false;
  if (sealer) sealer->AfterCommit();
}

}  // namespace

// Savepoints nest strictly, so one name serves every level (RELEASE and ROLLBACK TO act on the
// innermost of that name) and the statements can be prepared once and cached.
Database::Transaction::Transaction(Database& db) : db_(db) {
  Impl& impl = db_.impl();
  nested_ = impl.InTransaction();
  if (!nested_) {
    impl.audit_head.reset();
    impl.audit_appended = false;
  }
  impl.Run(impl.Prepare(nested_ ? "SAVEPOINT shnor_nested" : "BEGIN IMMEDIATE"));
}

Database::Transaction::~Transaction() {
  if (done_) return;
  // Rollback is not counted by the fault seam: a failed step must still be undone.
  db_.impl().audit_head.reset();
  auto& raw = db_.impl().db;
  if (nested_) {
    raw.tryExec("ROLLBACK TO shnor_nested");
    raw.tryExec("RELEASE shnor_nested");
  } else {
    db_.impl().audit_appended = false;
    raw.tryExec("ROLLBACK");
    if (db_.impl().sealer) db_.impl().sealer->RolledBack();
  }
}

void Database::Transaction::Commit() {
  Impl& impl = db_.impl();
  if (nested_) {
    impl.Run(impl.Prepare("RELEASE shnor_nested"));
  } else {
    CommitSealed(db_, "COMMIT");
  }
  done_ = true;
}

Database::ReadSnapshot::ReadSnapshot(Database& db) : db_(db) {
  Impl& impl = db_.impl();
  if (impl.InTransaction()) return;
  impl.audit_head.reset();
  impl.audit_appended = false;
  impl.Run(impl.Prepare("BEGIN DEFERRED"));
  open_ = true;
}

Database::ReadSnapshot::~ReadSnapshot() {
  if (!open_) return;
  db_.impl().audit_head.reset();
  db_.impl().audit_appended = false;
  db_.impl().db.tryExec("ROLLBACK");
  if (db_.impl().sealer) db_.impl().sealer->RolledBack();
}

void Database::ReadSnapshot::End() {
  if (!open_) return;
  CommitSealed(db_, "COMMIT");
  open_ = false;
}

std::optional<Database::ChangeStamp> Database::Stamp() {
  if (impl_->InTransaction()) return std::nullopt;
  auto& q = impl_->Prepare("PRAGMA data_version");
  impl_->Step(q);
  ChangeStamp stamp{q.getColumn(0).getInt64(), sqlite3_total_changes64(impl_->db.getHandle())};
  q.reset();
  return stamp;
}

void Database::Checkpoint() {
  impl_->db.tryExec("PRAGMA wal_checkpoint(PASSIVE)");
}

CachedStatement& StatementCache::Get(const SQLite::Database& db, const std::string& sql) {
  if (auto it = index_.find(sql); it != index_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);
  } else {
    lru_.emplace_front(std::piecewise_construct, std::forward_as_tuple(sql),
                       std::forward_as_tuple(db, sql));
    index_.emplace(lru_.front().first, lru_.begin());
  }
  lru_.front().second.handed_out = true;  // before evicting: the new one is never a candidate
  EvictPastCapacity();
  return lru_.front().second;
}

void StatementCache::EvictPastCapacity() {
  auto it = lru_.end();
  while (index_.size() > kCapacity && it != lru_.begin()) {
    --it;
    if (it->second.InUse()) continue;
    index_.erase(it->first);  // first: its key views the entry's text
    it = lru_.erase(it);
  }
}

CachedStatement& Database::Impl::Prepare(const std::string& sql) {
  CachedStatement* statement = nullptr;
  try {
    statement = &statements.Get(db, sql);
  } catch (const SQLite::Exception& e) {
    std::rethrow_exception(ErrorOf(e));
  }
  // tryReset: sqlite3_reset repeats the error of the last failed run, which was reported then;
  // reset() would throw it again at this new, unrelated run.
  statement->tryReset();
  statement->clearBindings();
  return *statement;
}

// SQLITE_BUSY after the busy timeout, or at once when a read snapshot tries to write after
// another connection's commit (SQLITE_BUSY_SNAPSHOT): either way the operation can run again.
std::exception_ptr Database::Impl::ErrorOf(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return std::make_exception_ptr(DatabaseBusy());
  return std::make_exception_ptr(StorageError(std::string("ошибка базы данных: ") + e.what()));
}

void Database::Impl::Count() {
  if (fail_at < 0) return;
  if (fail_at-- == 0) throw StorageError("сбой, вызванный тестом (fault injection)");
}

int Database::Impl::Run(CachedStatement& statement) {
  statement.handed_out = false;  // first: a fault injected by Count() must not pin it
  Count();
  try {
    return statement.exec();
  } catch (const SQLite::Exception& e) {
    std::rethrow_exception(ErrorOf(e));
  }
}

bool Database::Impl::Step(CachedStatement& statement) {
  statement.handed_out = false;  // from here its row says whether it is in use
  Count();
  try {
    return statement.executeStep();
  } catch (const SQLite::Exception& e) {
    std::rethrow_exception(ErrorOf(e));
  }
}

}  // namespace shnor::storage
