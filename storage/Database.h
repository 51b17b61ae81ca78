#pragma once
// The SQLite database of one installation: opening, schema migrations, transactions and the
// fault-injection seam the atomicity tests use. SQLiteCpp stays behind this header.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace shnor::storage {

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The file was written by a newer shnor; opening it could damage data this build cannot read.
class SchemaTooNew : public StorageError {
 public:
  SchemaTooNew(int found, int supported);
  int found() const { return found_; }
  int supported() const { return supported_; }

 private:
  int found_;
  int supported_;
};

// The file is missing, unreadable or not an SQLite database: a problem with what the user named.
class OpenError : public StorageError {
 public:
  using StorageError::StorageError;
};

// Another connection held the write lock longer than the program waits (Database::kBusyWait):
// nothing of the operation was stored, and it may simply be run again.
class DatabaseBusy : public StorageError {
 public:
  DatabaseBusy();
};

enum class OpenMode { CreateIfMissing, MustExist };

class Database;

// Signs the audit chain's head at the end of every transaction that appended events. The key
// lives outside the database, in the engine, so storage only calls out.
class AuditSealer {
 public:
  virtual ~AuditSealer() = default;
  // Inside the transaction, just before it commits; may append events of its own. Throwing rolls
  // the transaction back.
  virtual void BeforeCommit(Database& db) = 0;
  // After the commit; must not throw (the change is stored already).
  virtual void AfterCommit() noexcept = 0;
  // When an outermost transaction is rolled back instead, whether or not BeforeCommit ran.
  virtual void RolledBack() noexcept = 0;
};

class Database {
 public:
  static constexpr int kSchemaVersion = 11;
  // How long a statement waits for another connection's write lock before DatabaseBusy. Writers
  // hold it for milliseconds (documents are rendered before the transaction), so this bound is
  // reached only when something is wrong.
  static constexpr int kBusyWaitSeconds = 15;

  // Opens `path` in WAL mode with foreign keys on and brings the schema up to date.
  // Throws StorageError (file missing with MustExist, not a database) or SchemaTooNew.
  explicit Database(const std::filesystem::path& path, OpenMode mode = OpenMode::MustExist);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Test seam, like Beast's fail_count: the statement numbered `n` (0-based, counted from this
  // call) throws StorageError instead of running. A negative `n` turns the seam off.
  void FailStatementAt(int n);

  // Every outermost commit that appended audit events calls `sealer` (nullptr: none).
  void SealAuditWith(AuditSealer* sealer);

  // Changes whenever anything is written to the file, by this connection or another process:
  // a cache of rows compares stamps instead of reading the rows again. None inside a
  // transaction, where a change may still be rolled back under an unchanged stamp.
  struct ChangeStamp {
    std::int64_t others = 0;  // PRAGMA data_version: commits of other connections
    std::int64_t own = 0;     // rows this connection changed
    bool operator==(const ChangeStamp&) const = default;
  };
  std::optional<ChangeStamp> Stamp();

  // Copies the write-ahead log into the file so later reads need not search a long WAL; done
  // after bulk operations. Never fails: a busy database simply checkpoints later.
  void Checkpoint();

  // Rolls back unless Commit() is called; never throws from its destructor. Inside another
  // transaction it is a savepoint: its own changes roll back alone, and reach the file only
  // when the outer transaction commits. Bulk operations use that to keep each case atomic on
  // its own while paying for one commit per batch.
  class Transaction {
   public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void Commit();

   private:
    Database& db_;
    bool nested_ = false;  // a savepoint inside another transaction
    bool done_ = false;
  };

  // One read transaction around the many reads of one answer (an API request): a writer in
  // another process (the CLI) is seen entirely or not at all, and the file lock is taken once
  // instead of once per statement. A write inside it commits with End(); without End() (an
  // exception) it rolls back. Inside another transaction it does nothing.
  class ReadSnapshot {
   public:
    explicit ReadSnapshot(Database& db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    void End();

   private:
    Database& db_;
    bool open_ = false;
  };

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shnor::storage
