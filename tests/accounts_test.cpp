// Accounts: Argon2id passwords, sessions on a simulated clock, the login throttle kept in the
// database, API tokens, and each role's scope over the sample region's 60 schools.
#include <catch2/catch.hpp>

#include "engine/access/AccessPolicy.h"
#include "engine/access/Accounts.h"
#include "engine/base/Errors.h"
#include "storage/DirectoryRepository.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

const std::string kPassword = "верный-пароль-1";

// The sample region imported once by the real CLI; each test works on its own copy.
const std::filesystem::path& SampleFile() {
  static test::TempDir dir;
  static std::filesystem::path file = [] {
    auto db = dir / "shnor.db";
    const std::string sample = (test::SourceDir() / "samples/tyumen-2024").string();
    for (const std::string& args :
         {std::string("init"), "import schools '" + sample + "/schools.csv'",
          "import people '" + sample + "/people.csv'"}) {
      auto r = test::RunShnor("--db '" + db.string() + "' --today 2024-02-10 " + args);
      REQUIRE(r.exit_code == 0);
    }
    return db;
  }();
  return file;
}

struct AccountsFixture {
  AccountsFixture() : clock(test::LocalNoon("2024-02-10")) {
    std::filesystem::copy_file(SampleFile(), dir / "shnor.db");
    ws = std::make_unique<Workspace>(dir / "shnor.db", storage::OpenMode::MustExist, clock);
    campaign = ws->Campaign("");
    accounts = std::make_unique<Accounts>(*ws);
  }
  User Add(const std::string& login, Role role, const std::string& person = "") {
    return accounts->Add(NewUser{login, role, "", person, kPassword}, campaign);
  }
  // The codes of the sample schools `user` may read.
  std::vector<std::string> Readable(const User& user) {
    auto scope = accounts->ActorOf(user);
    std::vector<std::string> codes;
    for (const auto& s : storage::DirectoryRepository(ws->db()).Schools(campaign.id)) {
      if (MayRead(scope, s.school)) codes.push_back(s.school.code);
    }
    return codes;
  }
  std::vector<storage::SchoolListing> Schools() {
    return storage::DirectoryRepository(ws->db()).Schools(campaign.id);
  }
  LoginRefused::Reason Refusal(const std::string& login, const std::string& password) {
    try {
      accounts->Login(login, password);
    } catch (const LoginRefused& e) {
      return e.reason();
    }
    FAIL("the login was accepted");
    return LoginRefused::Reason::BadCredentials;
  }

  test::TempDir dir;
  SimulatedClock clock;
  std::unique_ptr<Workspace> ws;
  storage::CampaignRecord campaign;
  std::unique_ptr<Accounts> accounts;
};

}  // namespace

TEST_CASE("a password is stored as Argon2id and verified only with itself", "[accounts]") {
  std::string hash = HashPassword(kPassword);
  CHECK_THAT(hash, Catch::StartsWith("$argon2id$"));
  CHECK(hash.find(kPassword) == std::string::npos);
  CHECK(VerifyPassword(hash, kPassword));
  CHECK_FALSE(VerifyPassword(hash, "неверный-пароль"));
  CHECK(HashPassword(kPassword) != hash);                  // salted
  CHECK_THROWS_AS(HashPassword("короткий9"), InputError);  // 9 characters, 17 bytes
  CHECK_NOTHROW(HashPassword("десять-сим"));
  CHECK(RandomToken().size() == 64);
  CHECK(RandomToken() != RandomToken());
}

TEST_CASE("a login opens a session and a wrong password or a disabled user is refused",
          "[accounts]") {
  AccountsFixture f;
  User admin = f.Add("Admin@Example.ru", Role::Administrator);
  CHECK(admin.login == "admin@example.ru");
  CHECK(admin.display_name == "admin@example.ru");
  CHECK_THROWS_AS(f.Add("admin@example.ru", Role::Observer), InputError);
  CHECK_THROWS_AS(f.Add("not-an-email", Role::Observer), InputError);

  auto session = f.accounts->Login("ADMIN@example.ru", kPassword);
  CHECK(session.session_token.size() == 64);
  CHECK(session.csrf_token.size() == 64);
  auto who = f.accounts->BySession(session.session_token);
  REQUIRE(who);
  CHECK(who->user.login == "admin@example.ru");
  CHECK(Accounts::CsrfMatches(*who, session.csrf_token));
  CHECK_FALSE(Accounts::CsrfMatches(*who, ""));
  CHECK_FALSE(Accounts::CsrfMatches(*who, std::string(64, '0')));
  CHECK_FALSE(f.accounts->BySession(std::string(64, '0')));

  CHECK(f.Refusal("admin@example.ru", "неверный-пароль") == LoginRefused::Reason::BadCredentials);
  CHECK(f.Refusal("nobody@example.ru", kPassword) == LoginRefused::Reason::BadCredentials);

  f.accounts->Disable("admin@example.ru");
  CHECK(f.Refusal("admin@example.ru", kPassword) == LoginRefused::Reason::Disabled);
  CHECK_FALSE(f.accounts->BySession(session.session_token));
}

TEST_CASE("logout and a new password end sessions", "[accounts]") {
  AccountsFixture f;
  f.Add("obs@example.ru", Role::Observer);
  auto first = f.accounts->Login("obs@example.ru", kPassword);
  auto second = f.accounts->Login("obs@example.ru", kPassword);
  f.accounts->Logout(*f.accounts->BySession(first.session_token));
  CHECK_FALSE(f.accounts->BySession(first.session_token));
  CHECK(f.accounts->BySession(second.session_token));
  f.accounts->SetPassword("obs@example.ru", "другой-пароль-2");
  CHECK_FALSE(f.accounts->BySession(second.session_token));
  CHECK(f.Refusal("obs@example.ru", kPassword) == LoginRefused::Reason::BadCredentials);
  CHECK_NOTHROW(f.accounts->Login("obs@example.ru", "другой-пароль-2"));
}

TEST_CASE("logins are refused for 15 minutes after 5 failures even after a restart", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < Accounts::kMaxFailures; ++i) {
    f.clock.Advance(std::chrono::seconds{30});
    CHECK(f.Refusal("cur@example.ru", "неверный-пароль") == LoginRefused::Reason::BadCredentials);
  }
  // A new Accounts over a reopened database: the count is in the file, not in memory.
  f.accounts.reset();
  f.ws = std::make_unique<Workspace>(f.dir / "shnor.db", storage::OpenMode::MustExist, f.clock);
  f.accounts = std::make_unique<Accounts>(*f.ws);
  try {
    f.accounts->Login("cur@example.ru", kPassword);  // even the right password
    FAIL("a throttled login was accepted");
  } catch (const LoginRefused& e) {
    CHECK(e.reason() == LoginRefused::Reason::Throttled);
    CHECK(e.retry_after() == 15 * 60 - 4 * 30);  // from the first failure of the window
    CHECK_THAT(e.what(), Catch::Contains("Повторите через"));
  }
  CHECK_NOTHROW(f.Add("other@example.ru", Role::Observer));
  CHECK_NOTHROW(f.accounts->Login("other@example.ru", kPassword));  // per login

  f.clock.Advance(std::chrono::seconds{15 * 60 - 4 * 30 - 1});
  CHECK(f.Refusal("cur@example.ru", kPassword) == LoginRefused::Reason::Throttled);
  f.clock.Advance(std::chrono::seconds{1});
  CHECK_NOTHROW(f.accounts->Login("cur@example.ru", kPassword));
}

TEST_CASE("a session expires after 8 idle hours and each use slides its expiry", "[accounts]") {
  AccountsFixture f;
  f.Add("obs@example.ru", Role::Observer);
  auto session = f.accounts->Login("obs@example.ru", kPassword);
  const auto almost = Accounts::kSessionIdle - std::chrono::seconds{60};
  f.clock.Advance(almost);
  CHECK(f.accounts->BySession(session.session_token));
  f.clock.Advance(almost);  // 16 hours after login, but only 8 - 1 min after the last use
  CHECK(f.accounts->BySession(session.session_token));
  f.clock.Advance(Accounts::kSessionIdle);
  CHECK_FALSE(f.accounts->BySession(session.session_token));
  f.clock.Advance(-Accounts::kSessionIdle);  // an expired session is gone, not only refused
  CHECK_FALSE(f.accounts->BySession(session.session_token));
}

TEST_CASE("an API token authenticates without CSRF until its user is disabled", "[accounts]") {
  AccountsFixture f;
  f.Add("robot@example.ru", Role::Observer);
  std::string token = f.accounts->IssueToken("robot@example.ru");
  CHECK(token.size() == 64);
  auto who = f.accounts->ByToken(token);
  REQUIRE(who);
  CHECK(who->user.login == "robot@example.ru");
  CHECK_FALSE(who->by_session);
  CHECK(Accounts::CsrfMatches(*who, ""));
  CHECK_FALSE(f.accounts->ByToken(std::string(64, 'a')));
  CHECK_FALSE(f.accounts->BySession(token));  // a token is not a session cookie
  f.accounts->Disable("robot@example.ru");
  CHECK_FALSE(f.accounts->ByToken(token));
  CHECK_THROWS_AS(f.accounts->IssueToken("robot@example.ru"), InputError);
}

TEST_CASE("an administrator unlocks a throttled login at once", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < Accounts::kMaxFailures; ++i) {
    CHECK(f.Refusal("cur@example.ru", "неверный-пароль") == LoginRefused::Reason::BadCredentials);
  }
  CHECK(f.Refusal("cur@example.ru", kPassword) == LoginRefused::Reason::Throttled);
  f.accounts->Unlock("cur@example.ru");
  CHECK_NOTHROW(f.accounts->Login("cur@example.ru", kPassword));
  CHECK_THROWS_AS(f.accounts->Unlock("nobody@example.ru"), InputError);
}

TEST_CASE("API tokens are listed, revoked, expire and die with a password change", "[accounts]") {
  AccountsFixture f;
  f.Add("robot@example.ru", Role::Observer);
  std::string first = f.accounts->IssueToken("robot@example.ru");
  f.clock.Advance(std::chrono::seconds{60});
  std::string second = f.accounts->IssueToken("robot@example.ru");
  auto tokens = f.accounts->Tokens("robot@example.ru");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].id.size() == 12);
  CHECK(tokens[0].expires_at - tokens[0].created_at == Accounts::kTokenLife.count());
  CHECK(first.find(tokens[0].id) == std::string::npos);  // the id is of the hash, not the token
  // Revoking one leaves the other working.
  f.accounts->RevokeToken("robot@example.ru", tokens[0].id);
  CHECK_FALSE(f.accounts->ByToken(first));
  CHECK(f.accounts->ByToken(second));
  CHECK_THROWS_AS(f.accounts->RevokeToken("robot@example.ru", tokens[0].id), InputError);
  CHECK_THROWS_AS(f.accounts->RevokeToken("robot@example.ru", "%"), InputError);
  // A token lives kTokenLife, then is refused.
  f.clock.Advance(Accounts::kTokenLife - std::chrono::seconds{1});
  CHECK(f.accounts->ByToken(second));
  f.clock.Advance(std::chrono::seconds{1});
  CHECK_FALSE(f.accounts->ByToken(second));
  // A new password ends every token, as it ends the sessions.
  std::string third = f.accounts->IssueToken("robot@example.ru");
  REQUIRE(f.accounts->ByToken(third));
  f.accounts->SetPassword("robot@example.ru", "новый-пароль-робота");
  CHECK_FALSE(f.accounts->ByToken(third));
  CHECK(f.accounts->Tokens("robot@example.ru").empty());
}

TEST_CASE("each role reads its own schools of the sample region", "[accounts]") {
  AccountsFixture f;
  const auto schools = f.Schools();
  REQUIRE(schools.size() == 60);
  auto count_in = [&](const std::string& municipality) {
    return std::count_if(schools.begin(), schools.end(),
                         [&](const auto& s) { return s.municipality == municipality; });
  };

  SECTION("a coordinator sees only the schools of their municipality") {
    User user = f.Add("coord@example.ru", Role::Coordinator, "a.klyukvin@example.ru");
    CHECK(user.display_name == "Клюквин Алексей Юрьевич");
    auto readable = f.Readable(user);
    CHECK(static_cast<long>(readable.size()) == count_in("Вагайский муниципальный район"));
    CHECK_FALSE(readable.empty());
    for (const auto& s : schools) {
      bool own = s.municipality == "Вагайский муниципальный район";
      CHECK(MayRead(f.accounts->ActorOf(user), s.school) == own);
    }
    CHECK(f.accounts->ActorOf(user).role == Role::Coordinator);
    CHECK(f.accounts->ActorOf(user).name == "Клюквин Алексей Юрьевич");
  }
  SECTION("a curator sees the schools of all their municipalities") {
    User user = f.Add("cur@example.ru", Role::Curator, "i.vereskova@example.ru");
    auto expected = count_in("Вагайский муниципальный район") +
                    count_in("Тобольский муниципальный район") + count_in("г. Тобольск");
    CHECK(static_cast<long>(f.Readable(user).size()) == expected);
    CHECK(MayReadCampaignWide(f.accounts->ActorOf(user)));
  }
  SECTION("a school sees itself only") {
    User user = f.Add("school@example.ru", Role::School, "v.moroshkina@example.ru");
    CHECK(f.Readable(user) == std::vector<std::string>{"tmn-001"});
    CHECK(MayChange(f.accounts->ActorOf(user), schools.front().school) ==
          (schools.front().school.code == "tmn-001"));
    CHECK_FALSE(MayReadCampaignWide(f.accounts->ActorOf(user)));
  }
  SECTION("an observer reads everything and changes nothing") {
    User user = f.Add("obs@example.ru", Role::Observer);
    CHECK(f.Readable(user).size() == 60);
    CHECK_FALSE(MayChange(f.accounts->ActorOf(user), schools.front().school));
  }
  SECTION("an administrator reads and changes everything") {
    User user = f.Add("root@example.ru", Role::Administrator);
    CHECK(f.Readable(user).size() == 60);
    CHECK(MayChange(f.accounts->ActorOf(user), schools.front().school));
  }
  SECTION("a role that needs a person is refused without the matching one") {
    CHECK_THROWS_WITH(f.Add("x@example.ru", Role::Coordinator), Catch::Contains("--person"));
    CHECK_THROWS_WITH(f.Add("x@example.ru", Role::Coordinator, "i.vereskova@example.ru"),
                      Catch::Contains("не имеет в проекте роли"));
    CHECK_THROWS_WITH(f.Add("x@example.ru", Role::School, "nobody@example.ru"),
                      Catch::Contains("не найден"));
    CHECK_THROWS_AS(f.Add("x@example.ru", Role::Mentor), InputError);
  }
}
