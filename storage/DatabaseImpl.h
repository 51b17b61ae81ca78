#pragma once
// Private to storage/: the SQLiteCpp connection with a cache of prepared statements. Every
// statement runs through Step()/Run() so the fault-injection seam sees it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/Database.h"

namespace shnor::storage {

struct Database::Impl {
  explicit Impl(const std::string& path, int flags) : db(path, flags) {}

  // A prepared statement, reset and with bindings cleared, ready to bind.
  SQLite::Statement& Prepare(const std::string& sql);
  // Runs a statement that returns no rows; returns the number of rows changed.
  int Run(SQLite::Statement& statement);
  // Steps a query; false when there are no more rows.
  bool Step(SQLite::Statement& statement);
  void Exec(const std::string& sql);
  // False in autocommit mode: no BEGIN or SAVEPOINT is open on this connection.
  bool InTransaction() { return !sqlite3_get_autocommit(db.getHandle()); }

  SQLite::Database db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
  int fail_at = -1;  // counts down to the statement that fails
  // The audit chain's head (last id and hash) as this write transaction left it. Valid only
  // inside one transaction: outside it another process may append.
  struct AuditHead {
    std::int64_t id;
    std::string hash;
  };
  std::optional<AuditHead> audit_head;

 private:
  void Count();
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
