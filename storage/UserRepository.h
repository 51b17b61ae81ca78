#pragma once
// Accounts of the web app: users, their sessions and API tokens, and failed logins. Tokens arrive
// here already hashed: this layer never sees a secret it could leak.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

struct UserRecord {
  Id id = 0;
  std::string login;         // lower-case e-mail
  std::string display_name;  // as the audit log shows the user
  std::string role;          // "administrator", "curator", "coordinator", "school", "observer"
  std::optional<Id> person_id;
  bool disabled = false;
  std::string password_hash;  // Argon2id string
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct TokenRecord {
  std::string token_hash;
  Id user_id = 0;
  std::int64_t created_at = 0;
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 hex of the cookie's value
  Id user_id = 0;
  // Kept as is, unlike the session token: alone it opens nothing, and the web page reads it
  // again after a reload (GET /api/me).
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
};

// Failed logins counted, with the time of the latest (0 when there is none).
struct FailureTally {
  int count = 0;
  std::int64_t latest = 0;
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}

  // Throws StorageError when the login is taken.
  Id Insert(const UserRecord& user);
  std::optional<UserRecord> Find(const std::string& login);
  std::optional<UserRecord> FindById(Id id);
  std::vector<UserRecord> List();  // by login
  void SetPassword(Id user_id, const std::string& password_hash, std::int64_t now);
  void SetDisabled(Id user_id, bool disabled, std::int64_t now);

  void InsertSession(const SessionRecord& session);
  std::optional<SessionRecord> FindSession(const std::string& token_hash);
  void TouchSession(const std::string& token_hash, std::int64_t now, std::int64_t expires_at);
  void DeleteSession(const std::string& token_hash);
  void DeleteSessionsOf(Id user_id);
  void DeleteExpiredSessions(std::int64_t now);

  void InsertToken(const std::string& token_hash, Id user_id, std::int64_t now);
  std::optional<TokenRecord> FindToken(const std::string& token_hash);
  std::vector<TokenRecord> TokensOf(Id user_id);  // oldest first
  // Removes the user's token whose hash starts with `hash_prefix`; false when there is none.
  bool DeleteToken(Id user_id, const std::string& hash_prefix);
  void DeleteTokensOf(Id user_id);

  // `address` is the client's as the throttle counts it ("" when unknown).
  void AddLoginFailure(const std::string& login, const std::string& address, std::int64_t at);
  // The failures after `after`: of one login from one address, from one address at any login,
  // and of one login from anywhere.
  FailureTally LoginFailures(const std::string& login, const std::string& address,
                             std::int64_t after);
  FailureTally LoginFailuresFrom(const std::string& address, std::int64_t after);
  FailureTally LoginFailuresOf(const std::string& login, std::int64_t after);
  void ClearLoginFailures(const std::string& login);  // from every address
  void ClearLoginFailures(const std::string& login, const std::string& address);
  void DeleteLoginFailuresBefore(std::int64_t before);

 private:
  Database& db_;
};

}  // namespace shnor::storage
