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
const std::string kHome = "198.51.100.4";    // where the owner signs in
const std::string kGuesser = "203.0.113.7";  // where someone tries passwords

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
    std::filesystem::copy_file(SampleFile().string() + ".audit-key", dir / "shnor.db.audit-key");
    ws = std::make_unique<Workspace>(dir / "shnor.db", storage::OpenMode::MustExist, clock);
    campaign = ws->Campaign("");
    accounts = std::make_unique<Accounts>(*ws);
  }
  User Add(const std::string& login, Role role, const std::string& person = "") {
    return accounts->Add(NewUser{login, role, "", person, kPassword}, campaign, admin);
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
  LoginResult LogIn(const std::string& login, const std::string& address = kHome) {
    return accounts->Login(login, kPassword, address);
  }
  LoginRefused Refused(const std::string& login, const std::string& password,
                       const std::string& address = kHome) {
    try {
      accounts->Login(login, password, address);
    } catch (const LoginRefused& e) {
      return e;
    }
    FAIL("the login was accepted");
    return LoginRefused(LoginRefused::Reason::BadCredentials, "");
  }
  LoginRefused::Reason Refusal(const std::string& login, const std::string& password,
                               const std::string& address = kHome) {
    return Refused(login, password, address).reason();
  }
  // `times` wrong passwords for `login` from `address`, each refused as wrong, not throttled.
  void Fail(const std::string& login, const std::string& address, int times) {
    for (int i = 0; i < times; ++i) {
      CHECK(Refusal(login, "неверный-пароль", address) == LoginRefused::Reason::BadCredentials);
    }
  }
  // The wait a throttled attempt with a wrong password is told; 0 when it was not throttled (and
  // so counted as one more failure).
  std::int64_t WaitFor(const std::string& login, const std::string& address) {
    auto refused = Refused(login, "неверный-пароль", address);
    return refused.reason() == LoginRefused::Reason::Throttled ? refused.retry_after() : 0;
  }
  // A new Accounts over the reopened database, as after a restart of the server.
  void Restart() {
    accounts.reset();
    ws = std::make_unique<Workspace>(dir / "shnor.db", storage::OpenMode::MustExist, clock);
    accounts = std::make_unique<Accounts>(*ws);
  }

  test::TempDir dir;
  SimulatedClock clock;
  std::unique_ptr<Workspace> ws;
  storage::CampaignRecord campaign;
  std::unique_ptr<Accounts> accounts;
  Actor admin{"Тестовый администратор", Role::Administrator};
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

  auto session = f.LogIn("ADMIN@example.ru");
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

  f.accounts->Disable("admin@example.ru", f.admin);
  CHECK(f.Refusal("admin@example.ru", kPassword) == LoginRefused::Reason::Disabled);
  CHECK_FALSE(f.accounts->BySession(session.session_token));
}

TEST_CASE("logout and a new password end sessions", "[accounts]") {
  AccountsFixture f;
  f.Add("obs@example.ru", Role::Observer);
  auto first = f.LogIn("obs@example.ru");
  auto second = f.LogIn("obs@example.ru");
  f.accounts->Logout(*f.accounts->BySession(first.session_token));
  CHECK_FALSE(f.accounts->BySession(first.session_token));
  CHECK(f.accounts->BySession(second.session_token));
  f.accounts->SetPassword("obs@example.ru", "другой-пароль-2", f.admin);
  CHECK_FALSE(f.accounts->BySession(second.session_token));
  CHECK(f.Refusal("obs@example.ru", kPassword) == LoginRefused::Reason::BadCredentials);
  CHECK_NOTHROW(f.accounts->Login("obs@example.ru", "другой-пароль-2", kHome));
}

TEST_CASE("five failed logins from one address do not refuse the owner on another", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  f.Fail("cur@example.ru", kGuesser, 5);
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  auto refused = f.Refused("cur@example.ru", kPassword, kGuesser);  // even the right password
  CHECK(refused.reason() == LoginRefused::Reason::Throttled);
  CHECK(refused.retry_after() == 60);
  CHECK(std::string(refused.what()) ==
        "Слишком много неудачных попыток входа. Повторите через 1 мин.");
  // More from the guesser, each as soon as it may: the owner is never in their way.
  for (int i = 0; i < 4; ++i) {
    auto wait = f.WaitFor("cur@example.ru", kGuesser);
    CHECK(wait >= 60);
    f.clock.Advance(std::chrono::seconds{wait});
    f.Fail("cur@example.ru", kGuesser, 1);
    CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  }
}

TEST_CASE("a throttled address waits longer after each failure and the window expires",
          "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < 5; ++i) {
    f.clock.Advance(std::chrono::seconds{30});
    f.Fail("cur@example.ru", kGuesser, 1);
  }
  f.Restart();  // the failures are in the file, not in memory
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 6; ++i) {
    waits.push_back(f.WaitFor("cur@example.ru", kGuesser));
    f.clock.Advance(std::chrono::seconds{waits.back() - 1});
    auto early = f.Refused("cur@example.ru", kPassword, kGuesser);
    CHECK(early.reason() == LoginRefused::Reason::Throttled);
    CHECK(std::string(early.what()) ==
          "Слишком много неудачных попыток входа. Повторите через 1 сек.");
    f.clock.Advance(std::chrono::seconds{1});
    f.Fail("cur@example.ru", kGuesser, 1);  // from its last failure, not from the first
  }
  CHECK(waits == std::vector<std::int64_t>{60, 120, 240, 480, 900, 900});  // 15 minutes at most
  f.clock.Advance(std::chrono::hours{1});  // the window: then nothing of them is left
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kGuesser));
}

TEST_CASE("a success from an address forgets that address's failures only", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  f.Fail("cur@example.ru", kGuesser, 4);
  f.Fail("cur@example.ru", kHome, 4);
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  f.Fail("cur@example.ru", kHome, 4);  // four again, not eight
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  f.Fail("cur@example.ru", kGuesser, 1);
  CHECK(f.WaitFor("cur@example.ru", kGuesser) == 60);
}

TEST_CASE("forgiven failures stamped by a clock running ahead cost no wait", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  f.Fail("cur@example.ru", kGuesser, 4);  // by a server whose clock is a few seconds ahead
  f.clock.Advance(std::chrono::seconds{-5});
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kGuesser));
}

TEST_CASE("an address failing at many logins is slowed at every login", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < 20; ++i) {
    f.Fail("guess-" + std::to_string(i) + "@example.ru", kGuesser, 1);
  }
  CHECK(f.Refusal("cur@example.ru", kPassword, kGuesser) == LoginRefused::Reason::Throttled);
  CHECK(f.WaitFor("cur@example.ru", kGuesser) == 60);  // a login it never tried
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  f.clock.Advance(std::chrono::seconds{60});
  f.Fail("guess-20@example.ru", kGuesser, 1);
  CHECK(f.WaitFor("cur@example.ru", kGuesser) == 120);
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
}

TEST_CASE("a login guessed from many addresses waits seconds, never longer", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < 50; ++i) f.Fail("cur@example.ru", "10.0.0." + std::to_string(i), 1);
  auto refused = f.Refused("cur@example.ru", kPassword, kHome);
  CHECK(refused.reason() == LoginRefused::Reason::Throttled);
  CHECK(refused.retry_after() == 1);
  // The guessers go on, each as soon as the login opens: the wait grows to half a minute.
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 8; ++i) {
    std::string guesser = "10.0.1." + std::to_string(i);
    waits.push_back(f.WaitFor("cur@example.ru", guesser));
    f.clock.Advance(std::chrono::seconds{waits.back()});
    f.Fail("cur@example.ru", guesser, 1);
  }
  CHECK(waits == std::vector<std::int64_t>{1, 2, 4, 8, 16, 30, 30, 30});
  CHECK(f.WaitFor("cur@example.ru", kHome) == 30);
  f.clock.Advance(std::chrono::seconds{30});
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
}

TEST_CASE("IPv6 guessers are counted by their /64 network", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  for (int i = 0; i < 5; ++i) f.Fail("cur@example.ru", "2001:db8:1:2::" + std::to_string(i + 1), 1);
  CHECK(f.WaitFor("cur@example.ru", "2001:db8:1:2:ffff::9") == 60);
  CHECK_NOTHROW(f.LogIn("cur@example.ru", "2001:db8:1:3::1"));
  f.Fail("cur@example.ru", "::ffff:192.0.2.8", 5);  // an IPv4 client on a dual-stack socket
  CHECK(f.WaitFor("cur@example.ru", "192.0.2.8") == 60);
  CHECK_NOTHROW(f.LogIn("cur@example.ru", "192.0.2.9"));
}

TEST_CASE("a session expires after 8 idle hours and each use slides its expiry", "[accounts]") {
  AccountsFixture f;
  f.Add("obs@example.ru", Role::Observer);
  auto session = f.LogIn("obs@example.ru");
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
  std::string token = f.accounts->IssueToken("robot@example.ru", f.admin);
  CHECK(token.size() == 64);
  auto who = f.accounts->ByToken(token);
  REQUIRE(who);
  CHECK(who->user.login == "robot@example.ru");
  CHECK_FALSE(who->by_session);
  CHECK(Accounts::CsrfMatches(*who, ""));
  CHECK_FALSE(f.accounts->ByToken(std::string(64, 'a')));
  CHECK_FALSE(f.accounts->BySession(token));  // a token is not a session cookie
  f.accounts->Disable("robot@example.ru", f.admin);
  CHECK_FALSE(f.accounts->ByToken(token));
  CHECK_THROWS_AS(f.accounts->IssueToken("robot@example.ru", f.admin), InputError);
}

TEST_CASE("an administrator unlocks a throttled login at once", "[accounts]") {
  AccountsFixture f;
  f.Add("cur@example.ru", Role::Observer);
  f.Fail("cur@example.ru", kGuesser, 5);
  f.Fail("cur@example.ru", kHome, 5);
  CHECK(f.Refusal("cur@example.ru", kPassword, kGuesser) == LoginRefused::Reason::Throttled);
  CHECK(f.Refusal("cur@example.ru", kPassword, kHome) == LoginRefused::Reason::Throttled);
  f.accounts->Unlock("cur@example.ru", f.admin);  // the failures from every address
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kGuesser));
  CHECK_NOTHROW(f.LogIn("cur@example.ru", kHome));
  CHECK_THROWS_AS(f.accounts->Unlock("nobody@example.ru", f.admin), InputError);
}

TEST_CASE("API tokens are listed, revoked, expire and die with a password change", "[accounts]") {
  AccountsFixture f;
  f.Add("robot@example.ru", Role::Observer);
  std::string first = f.accounts->IssueToken("robot@example.ru", f.admin);
  f.clock.Advance(std::chrono::seconds{60});
  std::string second = f.accounts->IssueToken("robot@example.ru", f.admin);
  auto tokens = f.accounts->Tokens("robot@example.ru");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].id.size() == 12);
  CHECK(tokens[0].expires_at - tokens[0].created_at == Accounts::kTokenLife.count());
  CHECK(first.find(tokens[0].id) == std::string::npos);  // the id is of the hash, not the token
  // Revoking one leaves the other working.
  f.accounts->RevokeToken("robot@example.ru", tokens[0].id, f.admin);
  CHECK_FALSE(f.accounts->ByToken(first));
  CHECK(f.accounts->ByToken(second));
  CHECK_THROWS_AS(f.accounts->RevokeToken("robot@example.ru", tokens[0].id, f.admin), InputError);
  CHECK_THROWS_AS(f.accounts->RevokeToken("robot@example.ru", "%", f.admin), InputError);
  // A token lives kTokenLife, then is refused.
  f.clock.Advance(Accounts::kTokenLife - std::chrono::seconds{1});
  CHECK(f.accounts->ByToken(second));
  f.clock.Advance(std::chrono::seconds{1});
  CHECK_FALSE(f.accounts->ByToken(second));
  // A new password ends every token, as it ends the sessions.
  std::string third = f.accounts->IssueToken("robot@example.ru", f.admin);
  REQUIRE(f.accounts->ByToken(third));
  f.accounts->SetPassword("robot@example.ru", "новый-пароль-робота", f.admin);
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
