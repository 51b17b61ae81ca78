#include "storage/UserRepository.h"

#include "storage/DatabaseImpl.h"

namespace shnor::storage {
namespace {

const char* kUserColumns =
    "SELECT id, login, display_name, role, person_id, disabled, password_hash, created_at, "
    "updated_at FROM users ";

UserRecord ReadUser(SQLite::Statement& q) {
  UserRecord u;
  u.id = q.getColumn(0).getInt64();
  u.login = q.getColumn(1).getString();
  u.display_name = q.getColumn(2).getString();
  u.role = q.getColumn(3).getString();
  if (!q.getColumn(4).isNull()) u.person_id = q.getColumn(4).getInt64();
  u.disabled = q.getColumn(5).getInt() != 0;
  u.password_hash = q.getColumn(6).getString();
  u.created_at = q.getColumn(7).getInt64();
  u.updated_at = q.getColumn(8).getInt64();
  return u;
}

std::optional<UserRecord> OneUser(Database::Impl& impl, CachedStatement& q) {
  SingleRow reset(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadUser(q);
}

// `SELECT count(*), max(at)`: max is NULL when nothing matched.
FailureTally OneTally(Database::Impl& impl, CachedStatement& q) {
  SingleRow reset(q);
  if (!impl.Step(q) || q.getColumn(1).isNull()) return {};
  return {q.getColumn(0).getInt(), q.getColumn(1).getInt64()};
}

}  // namespace

Id UserRepository::Insert(const UserRecord& u) {
  auto& impl = db_.impl();
  if (Find(u.login)) throw StorageError("пользователь «" + u.login + "» уже есть");
  auto& q = impl.Prepare(
      "INSERT INTO users (login, display_name, role, person_id, disabled, password_hash, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::bind(q, u.login, u.display_name, u.role);
  if (u.person_id) q.bind(4, static_cast<int64_t>(*u.person_id));
  q.bind(5, u.disabled ? 1 : 0);
  q.bind(6, u.password_hash);
  q.bind(7, static_cast<int64_t>(u.created_at));
  q.bind(8, static_cast<int64_t>(u.updated_at));
  impl.Run(q);
  return impl.db.getLastInsertRowid();
}

std::optional<UserRecord> UserRepository::Find(const std::string& login) {
  auto& q = db_.impl().Prepare(std::string(kUserColumns) + "WHERE login = ?");
  q.bind(1, login);
  return OneUser(db_.impl(), q);
}

std::optional<UserRecord> UserRepository::FindById(Id id) {
  auto& q = db_.impl().Prepare(std::string(kUserColumns) + "WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  return OneUser(db_.impl(), q);
}

std::vector<UserRecord> UserRepository::List() {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kUserColumns) + "ORDER BY login");
  std::vector<UserRecord> out;
  while (impl.Step(q)) out.push_back(ReadUser(q));
  return out;
}

void UserRepository::SetPassword(Id user_id, const std::string& password_hash, std::int64_t now) {
  auto& q = db_.impl().Prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?");
  SQLite::bind(q, password_hash, static_cast<int64_t>(now), static_cast<int64_t>(user_id));
  db_.impl().Run(q);
}

void UserRepository::SetDisabled(Id user_id, bool disabled, std::int64_t now) {
  auto& q = db_.impl().Prepare("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?");
  SQLite::bind(q, disabled ? 1 : 0, static_cast<int64_t>(now), static_cast<int64_t>(user_id));
  db_.impl().Run(q);
}

void UserRepository::InsertSession(const SessionRecord& s) {
  auto& q = db_.impl().Prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?)");
  SQLite::bind(q, s.token_hash, static_cast<int64_t>(s.user_id), s.csrf_token,
               static_cast<int64_t>(s.created_at), static_cast<int64_t>(s.last_seen_at),
               static_cast<int64_t>(s.expires_at));
  db_.impl().Run(q);
}

std::optional<SessionRecord> UserRepository::FindSession(const std::string& token_hash) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions "
      "WHERE token_hash = ?");
  q.bind(1, token_hash);
  SingleRow reset(q);
  if (!impl.Step(q)) return std::nullopt;
  return SessionRecord{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                       q.getColumn(4).getInt64(),  q.getColumn(5).getInt64()};
}

void UserRepository::TouchSession(const std::string& token_hash, std::int64_t now,
                                  std::int64_t expires_at) {
  auto& q = db_.impl().Prepare(
      "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?");
  SQLite::bind(q, static_cast<int64_t>(now), static_cast<int64_t>(expires_at), token_hash);
  db_.impl().Run(q);
}

void UserRepository::DeleteSession(const std::string& token_hash) {
  auto& q = db_.impl().Prepare("DELETE FROM sessions WHERE token_hash = ?");
  q.bind(1, token_hash);
  db_.impl().Run(q);
}

void UserRepository::DeleteSessionsOf(Id user_id) {
  auto& q = db_.impl().Prepare("DELETE FROM sessions WHERE user_id = ?");
  q.bind(1, static_cast<int64_t>(user_id));
  db_.impl().Run(q);
}

void UserRepository::DeleteExpiredSessions(std::int64_t now) {
  auto& q = db_.impl().Prepare("DELETE FROM sessions WHERE expires_at <= ?");
  q.bind(1, static_cast<int64_t>(now));
  db_.impl().Run(q);
}

void UserRepository::InsertToken(const std::string& token_hash, Id user_id, std::int64_t now) {
  auto& q = db_.impl().Prepare(
      "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)");
  SQLite::bind(q, token_hash, static_cast<int64_t>(user_id), static_cast<int64_t>(now));
  db_.impl().Run(q);
}

namespace {

TokenRecord ReadToken(SQLite::Statement& q) {
  return TokenRecord{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                     q.getColumn(2).getInt64()};
}

}  // namespace

std::optional<TokenRecord> UserRepository::FindToken(const std::string& token_hash) {
  auto& impl = db_.impl();
  auto& q =
      impl.Prepare("SELECT token_hash, user_id, created_at FROM api_tokens WHERE token_hash = ?");
  q.bind(1, token_hash);
  SingleRow reset(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadToken(q);
}

std::vector<TokenRecord> UserRepository::TokensOf(Id user_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT token_hash, user_id, created_at FROM api_tokens WHERE user_id = ? "
      "ORDER BY created_at, token_hash");
  q.bind(1, static_cast<int64_t>(user_id));
  std::vector<TokenRecord> out;
  while (impl.Step(q)) out.push_back(ReadToken(q));
  return out;
}

bool UserRepository::DeleteToken(Id user_id, const std::string& hash_prefix) {
  auto& q = db_.impl().Prepare(
      "DELETE FROM api_tokens WHERE user_id = ? AND substr(token_hash, 1, length(?)) = ?");
  SQLite::bind(q, static_cast<int64_t>(user_id), hash_prefix, hash_prefix);
  return db_.impl().Run(q) > 0;
}

void UserRepository::DeleteTokensOf(Id user_id) {
  auto& q = db_.impl().Prepare("DELETE FROM api_tokens WHERE user_id = ?");
  q.bind(1, static_cast<int64_t>(user_id));
  db_.impl().Run(q);
}

void UserRepository::AddLoginFailure(const std::string& login, const std::string& address,
                                     std::int64_t at) {
  auto& q = db_.impl().Prepare("INSERT INTO login_failures (login, address, at) VALUES (?, ?, ?)");
  SQLite::bind(q, login, address, static_cast<int64_t>(at));
  db_.impl().Run(q);
}

FailureTally UserRepository::LoginFailures(const std::string& login, const std::string& address,
                                           std::int64_t after) {
  auto& q = db_.impl().Prepare(
      "SELECT count(*), max(at) FROM login_failures WHERE address = ? AND login = ? AND at > ?");
  SQLite::bind(q, address, login, static_cast<int64_t>(after));
  return OneTally(db_.impl(), q);
}

FailureTally UserRepository::LoginFailuresFrom(const std::string& address, std::int64_t after) {
  auto& q = db_.impl().Prepare(
      "SELECT count(*), max(at) FROM login_failures WHERE address = ? AND at > ?");
  SQLite::bind(q, address, static_cast<int64_t>(after));
  return OneTally(db_.impl(), q);
}

FailureTally UserRepository::LoginFailuresOf(const std::string& login, std::int64_t after) {
  auto& q =
      db_.impl().Prepare("SELECT count(*), max(at) FROM login_failures WHERE login = ? AND at > ?");
  SQLite::bind(q, login, static_cast<int64_t>(after));
  return OneTally(db_.impl(), q);
}

void UserRepository::ClearLoginFailures(const std::string& login) {
  auto& q = db_.impl().Prepare("DELETE FROM login_failures WHERE login = ?");
  q.bind(1, login);
  db_.impl().Run(q);
}

void UserRepository::ClearLoginFailures(const std::string& login, const std::string& address) {
  auto& q = db_.impl().Prepare("DELETE FROM login_failures WHERE address = ? AND login = ?");
  SQLite::bind(q, address, login);
  db_.impl().Run(q);
}

void UserRepository::DeleteLoginFailuresBefore(std::int64_t before) {
  auto& q = db_.impl().Prepare("DELETE FROM login_failures WHERE at < ?");
  q.bind(1, static_cast<int64_t>(before));
  db_.impl().Run(q);
}

}  // namespace shnor::storage
