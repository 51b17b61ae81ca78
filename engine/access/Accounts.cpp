#include "engine/access/Accounts.h"

#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/access/LoginThrottle.h"
#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/workspace/AuditTrail.h"
#include "engine/workspace/SchoolContacts.h"
#include "storage/Sha256.h"

namespace shnor {
namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kTokenIdDigits = 12;  // Argon2 takes any length; a body need not
// Session rows are rewritten at most this often: the expiry slides with minute precision instead
// of costing a write on every read.
constexpr std::int64_t kTouchEvery = 60;

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium не инициализирована");
}

std::size_t Utf8Length(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Logins are e-mails compared without regard to ASCII case.
std::string NormalLogin(const std::string& login) {
  std::string out = Trim(login);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void CheckLogin(const std::string& login) {
  auto at = login.find('@');
  bool ok = at != std::string::npos && at > 0 && at + 1 < login.size() &&
            login.find_first_of(" \t\r\n;,") == std::string::npos && login.size() <= 254;
  if (!ok) throw InputError("логин «" + login + "» — не адрес электронной почты");
}

User FromRecord(const storage::UserRecord& r) {
  return User{r.id,           r.login,
              r.display_name, ParseUserRole(r.role).value_or(Role::Observer),
              r.person_id,    r.disabled};
}

// The project role whose assignments give a user of `role` their schools.
std::optional<PersonRole> ScopingRole(Role role) {
  switch (role) {
    case Role::Curator:
      return PersonRole::Curator;
    case Role::Coordinator:
      return PersonRole::Coordinator;
    case Role::School:
      return PersonRole::SchoolContact;
    case Role::Mentor:  // reads the school they mentor
      return PersonRole::Mentor;
    default:
      return std::nullopt;
  }
}

// Verified against when the login is unknown, so the answer takes as long as for a known one and
// does not tell which logins exist.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("шнор-нет-такого-пользователя");
  return hash;
}

}  // namespace

std::optional<Role> ParseUserRole(const std::string& text) {
  auto role = ParseRole(text);
  if (role == Role::Mentor) return std::nullopt;
  return role;
}

std::string HashPassword(const std::string& password) {
  if (Utf8Length(password) < kMinPasswordLength) {
    throw InputError("пароль короче " + std::to_string(kMinPasswordLength) + " символов");
  }
  if (password.size() > kMaxPasswordBytes) throw InputError("пароль слишком длинный");
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("не хватило памяти для хеширования пароля");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (password.size() > kMaxPasswordBytes) return false;
  InitSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
  InitSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::int64_t Accounts::Now() const {
  return ws_.clock().Now().time_since_epoch().count();
}

storage::UserRecord Accounts::Record(const std::string& login) {
  auto record = users_.Find(NormalLogin(login));
  if (!record) throw InputError("пользователь «" + login + "» не найден");
  return *record;
}

User Accounts::Get(const std::string& login) {
  return FromRecord(Record(login));
}

std::optional<storage::Id> Accounts::PersonFor(const NewUser& user,
                                               const storage::CampaignRecord& campaign) {
  auto needed = ScopingRole(user.role);
  if (user.person_email.empty()) {
    if (!needed) return std::nullopt;
    throw InputError(std::string("для роли «") + RussianName(user.role) +
                     "» укажите человека проекта: --person АДРЕС");
  }
  storage::DirectoryRepository directory(ws_.db());
  auto person = directory.FindPersonByEmail(campaign.id, user.person_email);
  if (!person) {
    throw InputError("человек с адресом «" + user.person_email + "» не найден в проекте");
  }
  auto roles = directory.RolesOf(person->id);
  bool has = !needed || std::any_of(roles.begin(), roles.end(),
                                    [&](const auto& r) { return r.role == *needed; });
  if (!has) {
    throw InputError(person->full_name + " не имеет в проекте роли «" + RussianName(user.role) +
                     "»");
  }
  return person->id;
}

// The account by id and login; a token only by its id, which is safe to show.
void Accounts::Audit(const Actor& by, const std::string& command,
                     const storage::UserRecord& account, const std::string& token_id) {
  nlohmann::json details = {
      {"account", account.id}, {"login", account.login}, {"role", account.role}};
  std::string subject = account.login;
  if (!token_id.empty()) {
    details["token"] = token_id;
    subject += ", токен " + token_id;
  }
  AuditTrail(ws_).RecordInstallationWide(
      by, AuditEntry{std::nullopt, command, "", subject, "", details.dump()});
}

User Accounts::Add(const NewUser& user, const storage::CampaignRecord& campaign, const Actor& by) {
  storage::UserRecord r;
  r.login = NormalLogin(user.login);
  CheckLogin(r.login);
  if (users_.Find(r.login)) throw InputError("пользователь «" + r.login + "» уже есть");
  if (user.role == Role::Mentor) throw InputError("роль «наставник» не даёт учётной записи");
  r.role = ToString(user.role);
  r.person_id = PersonFor(user, campaign);
  r.display_name = Trim(user.display_name);
  if (r.display_name.empty() && r.person_id) {
    for (const auto& p : storage::DirectoryRepository(ws_.db()).People(campaign.id)) {
      if (p.person.id == *r.person_id) r.display_name = p.person.full_name;
    }
  }
  if (r.display_name.empty()) r.display_name = r.login;
  r.password_hash = HashPassword(user.password);
  r.created_at = r.updated_at = Now();
  storage::Database::Transaction tx(ws_.db());
  r.id = users_.Insert(r);
  Audit(by, "user-add", r);
  tx.Commit();
  return FromRecord(r);
}

void Accounts::SetPassword(const std::string& login, const std::string& password, const Actor& by) {
  auto r = Record(login);
  std::string hash = HashPassword(password);
  storage::Database::Transaction tx(ws_.db());
  users_.SetPassword(r.id, hash, Now());
  users_.DeleteSessionsOf(r.id);
  users_.DeleteTokensOf(r.id);
  Audit(by, "user-passwd", r);
  tx.Commit();
}

void Accounts::Disable(const std::string& login, const Actor& by) {
  auto r = Record(login);
  storage::Database::Transaction tx(ws_.db());
  users_.SetDisabled(r.id, true, Now());
  users_.DeleteSessionsOf(r.id);
  Audit(by, "user-disable", r);
  tx.Commit();
}

std::vector<User> Accounts::List() {
  std::vector<User> out;
  for (const auto& r : users_.List()) out.push_back(FromRecord(r));
  return out;
}

std::string Accounts::IssueToken(const std::string& login, const Actor& by) {
  auto r = Record(login);
  if (r.disabled) throw InputError("пользователь «" + r.login + "» отключён");
  std::string token = RandomToken();
  std::string hash = storage::Sha256Hex(token);
  storage::Database::Transaction tx(ws_.db());
  users_.InsertToken(hash, r.id, Now());
  Audit(by, "token-issue", r, hash.substr(0, kTokenIdDigits));
  tx.Commit();
  return token;
}

std::vector<TokenInfo> Accounts::Tokens(const std::string& login) {
  std::vector<TokenInfo> out;
  for (const auto& t : users_.TokensOf(Record(login).id)) {
    out.push_back(
        {t.token_hash.substr(0, kTokenIdDigits), t.created_at, t.created_at + kTokenLife.count()});
  }
  return out;
}

void Accounts::RevokeToken(const std::string& login, const std::string& token_id, const Actor& by) {
  auto r = Record(login);
  bool hex = token_id.size() == kTokenIdDigits &&
             token_id.find_first_not_of("0123456789abcdef") == std::string::npos;
  storage::Database::Transaction tx(ws_.db());
  if (!hex || !users_.DeleteToken(r.id, token_id)) {
    throw InputError("у пользователя «" + r.login + "» нет токена «" + token_id + "»");
  }
  Audit(by, "token-revoke", r, token_id);
  tx.Commit();
}

void Accounts::Unlock(const std::string& login, const Actor& by) {
  auto r = Record(login);
  storage::Database::Transaction tx(ws_.db());
  users_.ClearLoginFailures(r.login);
  Audit(by, "user-unlock", r);
  tx.Commit();
}

void Accounts::CheckThrottle(const std::string& login, const std::string& client_address,
                             std::int64_t now) {
  std::int64_t wait = LoginThrottle(users_).Wait(login, client_address, now);
  if (wait == 0) return;
  std::string when =
      wait < 60 ? std::to_string(wait) + " сек." : std::to_string((wait + 59) / 60) + " мин.";
  throw LoginRefused(LoginRefused::Reason::Throttled,
                     "Слишком много неудачных попыток входа. Повторите через " + when, wait);
}

LoginResult Accounts::Login(const std::string& login_text, const std::string& password,
                            const std::string& client_address) {
  std::string login = NormalLogin(login_text);
  // Not an e-mail at all: refused without a row, so junk cannot fill the failures table.
  if (login.empty() || login.size() > 254) {
    throw LoginRefused(LoginRefused::Reason::BadCredentials, "Неверный логин или пароль");
  }
  std::int64_t now = Now();
  // Refused attempts are not recorded: waiting out a delay is all it takes to be heard again.
  CheckThrottle(login, client_address, now);
  auto r = users_.Find(login);
  bool ok = VerifyPassword(r ? r->password_hash : DummyHash(), password) && r;
  if (!ok) {
    LoginThrottle(users_).Failed(login, client_address, now);
    throw LoginRefused(LoginRefused::Reason::BadCredentials, "Неверный логин или пароль");
  }
  if (r->disabled) {
    throw LoginRefused(LoginRefused::Reason::Disabled, "Учётная запись отключена");
  }
  LoginThrottle(users_).Succeeded(login, client_address);
  users_.DeleteExpiredSessions(now);
  LoginResult result{FromRecord(*r), RandomToken(), RandomToken(), now + kSessionIdle.count()};
  users_.InsertSession({storage::Sha256Hex(result.session_token), r->id, result.csrf_token, now,
                        now, result.expires_at});
  return result;
}

std::optional<Authenticated> Accounts::BySession(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string hash = storage::Sha256Hex(token);
  auto session = users_.FindSession(hash);
  if (!session) return std::nullopt;
  std::int64_t now = Now();
  if (now >= session->expires_at) {
    users_.DeleteSession(hash);
    return std::nullopt;
  }
  auto r = users_.FindById(session->user_id);
  if (!r || r->disabled) return std::nullopt;
  if (now - session->last_seen_at >= kTouchEvery) {
    users_.TouchSession(hash, now, now + kSessionIdle.count());
  }
  return Authenticated{FromRecord(*r), true, hash, session->csrf_token};
}

std::optional<Authenticated> Accounts::ByToken(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto found = users_.FindToken(storage::Sha256Hex(token));
  if (!found || Now() >= found->created_at + kTokenLife.count()) return std::nullopt;
  auto r = users_.FindById(found->user_id);
  if (!r || r->disabled) return std::nullopt;
  return Authenticated{FromRecord(*r), false, "", ""};
}

bool Accounts::CsrfMatches(const Authenticated& auth, const std::string& csrf_token) {
  if (!auth.by_session) return true;
  // Constant time: the comparison must not tell a guesser how many characters were right.
  return !csrf_token.empty() && csrf_token.size() == auth.csrf_token.size() &&
         sodium_memcmp(csrf_token.data(), auth.csrf_token.data(), csrf_token.size()) == 0;
}

void Accounts::Logout(const Authenticated& auth) {
  if (auth.by_session) users_.DeleteSession(auth.session_hash);
}

Scope Accounts::ScopeOf(Role role, std::optional<storage::Id> person_id) {
  Scope scope;
  scope.everything = role == Role::Administrator || role == Role::Observer;
  auto wanted = ScopingRole(role);
  if (scope.everything || !wanted || !person_id) return scope;
  for (const auto& a : storage::DirectoryRepository(ws_.db()).RolesOf(*person_id)) {
    if (a.role != *wanted) continue;
    if (a.school_id) scope.schools.insert(*a.school_id);
    if (a.municipality_id && role != Role::School) scope.municipalities.insert(*a.municipality_id);
  }
  return scope;
}

Actor Accounts::ActorOf(const User& user) {
  std::string name = user.display_name.empty() ? user.login : user.display_name;
  return Actor{name, user.role, ScopeOf(user.role, user.person_id), user.id, user.login};
}

Actor Accounts::ActorOfPerson(const storage::CampaignRecord& campaign, const std::string& email) {
  storage::DirectoryRepository directory(ws_.db());
  auto person = directory.FindPersonByEmail(campaign.id, email);
  if (!person) throw InputError("--as: человек с адресом «" + email + "» не найден в проекте");
  auto roles = directory.RolesOf(person->id);
  // PersonRole is declared strongest first (curator … mentor); no role at all reads only.
  auto strongest = std::min_element(roles.begin(), roles.end(),
                                    [](const auto& a, const auto& b) { return a.role < b.role; });
  Role role = strongest == roles.end() ? Role::Observer : RoleOf(strongest->role);
  std::string login = NormalLogin(person->email);
  auto account = users_.Find(login);
  return Actor{person->full_name, role, ScopeOf(role, person->id),
               account ? std::optional<storage::Id>(account->id) : std::nullopt, login};
}

}  // namespace shnor
