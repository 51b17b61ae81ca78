// The shnor binary end to end on the sample region: exit codes, messages, and that refused or
// bad input changes nothing.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/CliSample.h"
#include "tests/TestSupport.h"

using namespace shnor;
using test::RunShnor;

namespace {

const std::string kSample = (test::SourceDir() / "samples/tyumen-2024").string();

struct CliSample : test::CliSample {
  std::vector<std::string> StageTasks(const std::string& stage) {
    auto def = test::ShippedWorkflow();
    std::vector<std::string> ids;
    for (const auto& t : def.FindStage(stage)->tasks) {
      if (t.required) ids.push_back(t.id);
    }
    return ids;
  }
};

}  // namespace

TEST_CASE("cli imports the sample and reports every school in status", "[cli]") {
  CliSample s;
  auto status = s.Run("status");
  REQUIRE(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("Код") && Catch::Contains("tmn-001"));
  // The sample has 60 schools, all in stage I after the import.
  CHECK_THAT(
      status.out,
      Catch::Contains("Итого школ: 60; в работе по этапам: I — 60; выбыли — 0; завершили — 0;"));
  auto one = s.Run("status --stage II");
  CHECK_THAT(one.out, Catch::Contains("Итого школ: 0"));
}

TEST_CASE("cli refuses an early advance naming the open tasks and the window, exit 3", "[cli]") {
  CliSample s;
  auto r = s.Run("advance tmn-001");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("Отказ") && Catch::Contains("01.03.2024"));
  CHECK_THAT(r.err, Catch::Contains(s.StageTasks("I").front()));
  CHECK_THAT(s.Run("show tmn-001").out, Catch::Contains("Этап I "));
}

TEST_CASE("cli walks a school through its tasks into stage II and logs it", "[cli]") {
  CliSample s;
  for (const auto& task : s.StageTasks("I")) {
    REQUIRE(s.Run("task submit tmn-001 " + task).exit_code == 0);
    REQUIRE(s.Run("task approve tmn-001 " + task).exit_code == 0);
  }
  auto early = s.Run("advance tmn-001", "2024-02-20");
  CHECK(early.exit_code == 3);
  auto forced_no_reason = s.Run("advance tmn-001 --force", "2024-02-20");
  CHECK(forced_no_reason.exit_code == 3);
  auto advanced = s.Run("advance tmn-001", "2024-03-01");
  REQUIRE(advanced.exit_code == 0);
  CHECK_THAT(advanced.out, Catch::Contains("I/active → II/active"));
  CHECK_THAT(s.Run("show tmn-001", "2024-03-01").out, Catch::Contains("Этап II "));
  auto log = s.Run("log tmn-001");
  CHECK_THAT(log.out, Catch::Contains("advance") && Catch::Contains("+05:00"));
}

TEST_CASE("cli refuses a command prepared against an old case version", "[cli]") {
  CliSample s;
  std::string task = s.StageTasks("I").front();
  REQUIRE(s.Run("task submit tmn-002 " + task + " --expect-version 1").exit_code == 0);
  auto stale = s.Run("task approve tmn-002 " + task + " --expect-version 1");
  CHECK(stale.exit_code == 3);
  CHECK_THAT(stale.err, Catch::Contains("Дело изменено") && Catch::Contains("версия 2"));
  CHECK(s.Run("task approve tmn-002 " + task + " --expect-version 2").exit_code == 0);
}

TEST_CASE("cli return and withdraw need a reason", "[cli]") {
  CliSample s;
  auto withdraw = s.Run("withdraw tmn-003");
  CHECK(withdraw.exit_code == 3);
  CHECK_THAT(withdraw.err, Catch::Contains("причин"));
  CHECK(s.Run("withdraw tmn-003 --reason 'Реорганизация ОО'").exit_code == 0);
  CHECK_THAT(s.Run("show tmn-003").out, Catch::Contains("выбыла"));
  CHECK(s.Run("reinstate tmn-003").exit_code == 0);
}

TEST_CASE("cli bulk advance lists who advanced and who was refused", "[cli]") {
  CliSample s;
  for (const auto& task : s.StageTasks("I")) {
    s.Run("task submit tmn-001 " + task);
    s.Run("task approve tmn-001 " + task);
  }
  auto bulk = s.Run("advance --all --stage I", "2024-03-04");
  CHECK(bulk.exit_code == 3);
  CHECK_THAT(bulk.out, Catch::Contains("переведена  tmn-001"));
  CHECK_THAT(bulk.out, Catch::Contains("отказ       tmn-002"));
  CHECK_THAT(bulk.out, Catch::Contains("Итого: переведено 1 из"));
}

TEST_CASE("cli log verify finds a tampered event, exit 4", "[cli]") {
  CliSample s;
  auto ok = s.Run("log --verify");
  REQUIRE(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("Журнал цел"));
  {
    SQLite::Database raw(s.db().string(), SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_events_no_update");
    raw.exec("UPDATE audit_events SET reason = 'подлог' WHERE id = 5");
  }
  auto broken = s.Run("log --verify");
  CHECK(broken.exit_code == 4);
  CHECK_THAT(broken.out, Catch::Contains("событие № 5"));
}

TEST_CASE("cli reports a bad import file line by line and imports nothing, exit 4", "[cli]") {
  CliSample s;
  test::WriteText(s.dir / "bad.csv",
                  "Код ОО;Наименование ОО;Муниципальное образование;Список\n"
                  "new-1;МАОУ Новая СОШ;Неизвестный район;1.1\n"
                  "tmn-001;МАОУ Ещё одна СОШ;Неизвестный район;1.3\n");
  auto before = s.Run("status").out;
  auto r = s.Run("import schools '" + (s.dir / "bad.csv").string() + "'");
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.err, Catch::Contains("ничего не загружено") && Catch::Contains("строка 2") &&
                        Catch::Contains("строка 3"));
  CHECK(s.Run("status").out == before);
}

TEST_CASE("cli exit codes for usage errors, missing databases and unknown schools", "[cli]") {
  CliSample s;
  CHECK(s.Run("advance --no-such-option").exit_code == 2);
  CHECK(RunShnor("").exit_code == 2);
  auto missing = RunShnor("--db '" + (s.dir / "none.db").string() + "' status");
  CHECK(missing.exit_code == 4);
  CHECK_THAT(missing.err, Catch::Contains("none.db"));
  CHECK_FALSE(std::filesystem::exists(s.dir / "none.db"));
  auto unknown = s.Run("show no-such-school");
  CHECK(unknown.exit_code == 4);
  CHECK_THAT(unknown.err, Catch::Contains("no-such-school"));
  auto bad_date = RunShnor("--db '" + s.db().string() + "' --today 2024-13-01 status");
  CHECK(bad_date.exit_code == 4);
  CHECK_THAT(bad_date.err, Catch::Contains("2024-13-01"));
}

TEST_CASE("cli acts as a person given by e-mail and checks their role", "[cli]") {
  CliSample s;
  std::string task = s.StageTasks("I").front();
  auto people = test::ReadText(kSample + "/people.csv");
  std::string mentor_email;
  std::istringstream lines(people);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(";наставник;") != std::string::npos) {
      auto at = line.find('@');
      auto start = line.rfind(';', at) + 1;
      mentor_email = line.substr(start, line.find(';', at) - start);
      break;
    }
  }
  REQUIRE_FALSE(mentor_email.empty());
  auto r = s.Run("--as " + mentor_email + " task submit tmn-001 " + task);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("наставник") || Catch::Contains("роль"));
}

TEST_CASE("cli demo runs the sample year and summarises it", "[cli][demo]") {
  test::TempDir cwd;
  auto r = RunShnor("demo", cwd.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Итоги года") && Catch::Contains("Всего"));
  CHECK_THAT(r.out, Catch::Contains("выбыло школ: 1"));
  CHECK_THAT(r.out, Catch::Contains("возвратов на предыдущий этап: 1"));
  CHECK_THAT(r.out, Catch::Contains("цепочка хешей цела"));
  CHECK(std::filesystem::exists(cwd / "shnor-demo.db"));
  // A second run replaces its own database, but never a foreign one.
  CHECK(RunShnor("demo", cwd.path()).exit_code == 0);
  test::WriteText(cwd / "mine.db", std::string(2048, 'x'));
  auto junk = RunShnor("--db mine.db init", cwd.path());
  CHECK(junk.exit_code == 4);
  CHECK_THAT(junk.err, Catch::Contains("mine.db"));
  REQUIRE(RunShnor("--db real.db init", cwd.path()).exit_code == 0);
  auto refused = RunShnor("--db real.db demo", cwd.path());
  CHECK(refused.exit_code == 4);
  CHECK_THAT(refused.err, Catch::Contains("не является демонстрационной"));
}

TEST_CASE("cli extends a deadline with its reason in the log and recompute leaves it alone",
          "[cli][extension]") {
  CliSample s;
  auto refused =
      s.Run("task extend tmn-001 deep-analysis --until 2024-03-09 --reason Болезнь", "2024-03-05");
  CHECK(refused.exit_code == 3);
  CHECK_THAT(refused.err, Catch::Contains("09.03.2024 — нерабочий день"));
  auto missing_reason = s.Run("task extend tmn-001 deep-analysis --until 2024-03-11", "2024-03-05");
  CHECK(missing_reason.exit_code == 2);

  auto r =
      s.Run("task extend tmn-001 deep-analysis --until 2024-03-11 --reason 'Болезнь директора'",
            "2024-03-05");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("срок deep-analysis: 2024-02-26 → 2024-03-11"));
  CHECK_THAT(s.Run("show tmn-001").out, Catch::Contains("11.03.2024 (продлён)"));
  auto log = s.Run("log tmn-001");
  CHECK_THAT(log.out, Catch::Contains("task-extend") && Catch::Contains("«Болезнь директора»"));

  auto again = s.Run("task recompute --all", "2024-03-05");
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("изменены в 0 из 60 дел"));
  CHECK_THAT(s.Run("show tmn-001").out, Catch::Contains("11.03.2024 (продлён)"));
  CHECK(s.Run("task recompute", "2024-03-05").exit_code == 4);
}

TEST_CASE("cli lists and revokes a user's API tokens and unlocks a login", "[cli]") {
  CliSample s;
  setenv("SHNOR_PASSWORD", "пароль-для-тестов", 1);
  REQUIRE(s.Run("user add robot@example.ru --role observer").exit_code == 0);
  unsetenv("SHNOR_PASSWORD");
  REQUIRE(s.Run("user token robot@example.ru").exit_code == 0);
  auto listed = s.Run("user tokens robot@example.ru");
  REQUIRE(listed.exit_code == 0);
  // The table's second line holds the one token: its 12-digit id, issued on the --today day.
  std::istringstream lines(listed.out);
  std::string header, rule, row;
  std::getline(lines, header), std::getline(lines, rule), std::getline(lines, row);
  std::string id = row.substr(0, 12);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK_THAT(row, Catch::Contains("2024-02-10") && Catch::Contains("2024-08-08"));
  CHECK(s.Run("user revoke robot@example.ru " + id).exit_code == 0);
  auto again = s.Run("user revoke robot@example.ru " + id);
  CHECK(again.exit_code == 4);
  CHECK_THAT(again.err, Catch::Contains("нет токена «" + id + "»"));
  auto unlock = s.Run("user unlock robot@example.ru");
  CHECK(unlock.exit_code == 0);
  CHECK_THAT(unlock.out, Catch::Contains("войти можно сразу"));
}
