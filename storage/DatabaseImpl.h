#pragma once
// Private to storage/: the SQLiteCpp connection with a cache of prepared statements. Every
// statement runs through Step()/Run() so the fault-injection seam sees it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>

#include <cstddef>
#include <exception>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "storage/Database.h"

namespace shnor::storage {

// A prepared statement as the cache keeps it, knowing whether its caller still holds it.
class CachedStatement : public SQLite::Statement {
 public:
  CachedStatement(const SQLite::Database& db, const std::string& sql) : Statement(db, sql) {}
  // Handed out by Prepare and not yet run: the caller may bind it after other Prepares.
  bool handed_out = false;
  // Handed out, or stepped and neither finished nor reset (a query mid-iteration).
  bool InUse() const { return handed_out || hasRow(); }
};

// Prepared statements by SQL text. Texts built per call (IN-lists of 1-500 placeholders,
// multi-row INSERTs) would grow it without end, so past kCapacity the least recently used
// statement that is not in use is finalized; one in use stays, even over the bound, until a
// later Prepare finds it free. An evicted text is simply prepared again when it comes back.
class StatementCache {
 public:
  static constexpr std::size_t kCapacity = 64;
  // The statement for `sql`, marked handed out; prepared now if it is not cached.
  CachedStatement& Get(const SQLite::Database& db, const std::string& sql);
  std::size_t size() const { return index_.size(); }

 private:
  void EvictPastCapacity();

  using Entry = std::pair<const std::string, CachedStatement>;
  std::list<Entry> lru_;  // most recently used first; nodes never move, so references hold
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // keys view lru_
};

struct Database::Impl {
  explicit Impl(const std::string& path, int flags) : db(path, flags) {}

  // A prepared statement, reset and with bindings cleared, ready to bind. The reference stays
  // valid while the statement is in use (see StatementCache); once it has run to its end, until
  // kCapacity other statements have been prepared.
  CachedStatement& Prepare(const std::string& sql);
  // Runs a statement that returns no rows; returns the number of rows changed.
  int Run(CachedStatement& statement);
  // Steps a query; false when there are no more rows.
  bool Step(CachedStatement& statement);
  // False in autocommit mode: no BEGIN or SAVEPOINT is open on this connection.
  bool InTransaction() { return !sqlite3_get_autocommit(db.getHandle()); }

  SQLite::Database db;
  StatementCache statements;
  int fail_at = -1;  // counts down to the statement that fails
  // The audit chain's head (last id and hash) as this write transaction left it. Valid only
  // inside one transaction: outside it another process may append.
  struct AuditHead {
    std::int64_t id;
    std::string hash;
  };
  std::optional<AuditHead> audit_head;
  // Events were appended since the outermost transaction began, so its commit seals the head.
  // Unlike audit_head it survives a savepoint's rollback: the batch's other cases still count.
  bool audit_appended = false;
  AuditSealer* sealer = nullptr;

 private:
  void Count();
  static std::exception_ptr ErrorOf(const SQLite::Exception& e);
};

// Resets a statement when the scope ends. A query stepped for one row and left active would keep
// its read transaction open, and with it a stale snapshot: writes by other connections (another
// shnor process, the web server) would stay invisible to this one.
class SingleRow {
 public:
  explicit SingleRow(SQLite::Statement& statement) : statement_(statement) {}
  ~SingleRow() { statement_.tryReset(); }
  SingleRow(const SingleRow&) = delete;
  SingleRow& operator=(const SingleRow&) = delete;

 private:
  SQLite::Statement& statement_;
};

}  // namespace shnor::storage
