#pragma once
// Accounts of the web app: users with a role and, for curators, coordinators and schools, the
// person of the campaign whose role assignments say which schools they see; passwords (Argon2id),
// sessions with a sliding expiry and a CSRF token, API tokens, and logins through the throttle
// (LoginThrottle.h). A user or a
// person becomes the engine's Actor here, with the scope AccessPolicy judges by.
#include <chrono>
#include <cstddef>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"
#include "storage/DirectoryRepository.h"
#include "storage/UserRepository.h"

namespace shnor {

struct User {
  storage::Id id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::Observer;  // never Mentor
  std::optional<storage::Id> person_id;
  bool disabled = false;
};

// A role a user account can have ("mentor" is a project role, not an account).
std::optional<Role> ParseUserRole(const std::string& text);

constexpr std::size_t kMinPasswordLength = 10;  // characters
// Argon2id with libsodium's interactive limits. Throws InputError when the password is shorter
// than kMinPasswordLength or absurdly long.
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// 32 random bytes as 64 hex digits.
std::string RandomToken();

// A login refused: the HTTP layer maps the reason to 401, 403 or 429.
class LoginRefused : public std::runtime_error {
 public:
  enum class Reason { BadCredentials, Disabled, Throttled };
  LoginRefused(Reason reason, const std::string& message, std::int64_t retry_after = 0)
      : std::runtime_error(message), reason_(reason), retry_after_(retry_after) {}
  Reason reason() const { return reason_; }
  std::int64_t retry_after() const { return retry_after_; }  // seconds, for Throttled

 private:
  Reason reason_;
  std::int64_t retry_after_;
};

struct NewUser {
  std::string login;
  Role role = Role::Observer;
  std::string display_name;  // "" = the person's name, else the login
  std::string person_email;  // "" = no person; required for curator, coordinator and school
  std::string password;
};

struct TokenInfo {
  std::string id;  // the first 12 hex digits of the token's hash: safe to show and to type
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

struct LoginResult {
  User user;
  std::string session_token;  // the cookie's value; only its hash is stored
  std::string csrf_token;
  std::int64_t expires_at = 0;
};

// A request's user and how they proved it: a cookie session needs the CSRF token for changes,
// a bearer token does not (a browser never sends one by itself).
struct Authenticated {
  User user;
  bool by_session = false;
  std::string session_hash;
  std::string csrf_token;  // the session's; "" for a bearer token
};

class Accounts {
 public:
  static constexpr std::chrono::seconds kSessionIdle{8 * 3600};
  // An integration's token is renewed at least twice a year, so a leaked one dies by itself.
  static constexpr std::chrono::seconds kTokenLife{180 * 24 * 3600};

  explicit Accounts(Workspace& workspace) : ws_(workspace), users_(workspace.db()) {}

  // Each change of an account is an audit event by `by` naming the account, never a password or
  // a token (only a token's id).
  // Throws InputError: malformed login, taken login, weak password, a missing or mismatched
  // person for a role that needs one.
  User Add(const NewUser& user, const storage::CampaignRecord& campaign, const Actor& by);
  // Also ends the user's sessions and API tokens: a changed password should lock out whoever
  // knew the old one.
  void SetPassword(const std::string& login, const std::string& password, const Actor& by);
  // Ends the user's sessions; the tokens stop working with the flag.
  void Disable(const std::string& login, const Actor& by);
  std::vector<User> List();
  // A new API token for the user; shown once, stored hashed, valid for kTokenLife.
  std::string IssueToken(const std::string& login, const Actor& by);
  // The user's tokens, oldest first: their ids (the first 12 digits of the hash) and dates.
  std::vector<TokenInfo> Tokens(const std::string& login);
  // Throws InputError when the user has no token with that id.
  void RevokeToken(const std::string& login, const std::string& token_id, const Actor& by);
  // Forgets the login's failed attempts, so its owner may sign in at once.
  void Unlock(const std::string& login, const Actor& by);
  User Get(const std::string& login);  // throws InputError when missing

  // `client_address` is where the attempt comes from (the HTTP peer), so failures slow down
  // whoever makes them. Throws LoginRefused.
  LoginResult Login(const std::string& login, const std::string& password,
                    const std::string& client_address);
  // The session's user, sliding its expiry; nullopt when unknown, expired or disabled.
  std::optional<Authenticated> BySession(const std::string& token);
  std::optional<Authenticated> ByToken(const std::string& token);
  static bool CsrfMatches(const Authenticated& auth, const std::string& csrf_token);
  void Logout(const Authenticated& auth);

  // The user as the engine's actor: their account, login, name, role and the schools their
  // person serves.
  Actor ActorOf(const User& user);
  // The person of the campaign with `email` in their strongest role, as the CLI's --as names
  // them, with the e-mail as login (and the account of that login, if any). Throws InputError
  // when there is no such person.
  Actor ActorOfPerson(const storage::CampaignRecord& campaign, const std::string& email);

 private:
  std::int64_t Now() const;
  Scope ScopeOf(Role role, std::optional<storage::Id> person_id);
  storage::UserRecord Record(const std::string& login);
  void CheckThrottle(const std::string& login, const std::string& client_address, std::int64_t now);
  std::optional<storage::Id> PersonFor(const NewUser& user,
                                       const storage::CampaignRecord& campaign);
  void Audit(const Actor& by, const std::string& command, const storage::UserRecord& account,
             const std::string& token_id = "");

  Workspace& ws_;
  storage::UserRepository users_;
};

}  // namespace shnor
