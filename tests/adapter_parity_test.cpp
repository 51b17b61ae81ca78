// The CLI with --as and the API answer the same actor the same way: one matrix of roles × commands
// × schools (inside and outside the actor's scope) walked through both adapters, each on its own
// copy of the sample, in the same order, so both copies move on together. Every step must be
// applied by both or refused by both, and the API's Russian refusal must be what the CLI printed.
#include <catch2/catch.hpp>

#include "tests/HttpTesting.h"

namespace shnor::test::http {
namespace {

// An actor as each adapter names them: the person's e-mail for --as, the account for the API.
struct Who {
  std::string person;  // "" = the CLI's administrator
  std::string login;
};

// One command: the CLI's words, the API's route and body.
struct Step {
  std::string cli;
  std::string method;
  std::string path;
  json body;
};

const std::vector<Who> kActors = {
    {"", kAdmin},
    {"a.berestova@example.ru", kCurator},             // curator of г. Тюмень (tmn-001)
    {"i.vereskova@example.ru", kVagaiCurator},        // curator of Вагайский (tmn-030)
    {"d.brusnikina@example.ru", kTyumenCoordinator},  // coordinator of г. Тюмень
    {"a.klyukvin@example.ru", kVagai},     // coordinator of Вагайский район
    {"v.moroshkina@example.ru", kSchool},  // the school tmn-001
};

std::vector<Step> Steps(const std::string& school) {
  std::string c = "/api/cases/" + school;
  return {
      {"show " + school, "GET", c, nullptr},
      {"log " + school, "GET", "/api/log?school=" + school, nullptr},
      {"task submit " + school + " team-appointed", "POST", c + "/tasks/team-appointed/submit",
       json::object()},
      {"task approve " + school + " team-appointed", "POST", c + "/tasks/team-appointed/approve",
       json::object()},
      {"task return " + school + " deep-analysis --comment 'Нет выводов'",
       "POST",
       c + "/tasks/deep-analysis/return",
       {{"comment", "Нет выводов"}}},
      {"task approve " + school + " kickoff-webinar --override --comment 'Координатор в отпуске'",
       "POST",
       c + "/tasks/kickoff-webinar/approve",
       {{"override", true}, {"comment", "Координатор в отпуске"}}},
      {"task extend " + school + " deep-analysis --until 2024-02-29 --reason 'Болезнь'",
       "POST",
       c + "/tasks/deep-analysis/extend",
       {{"until", "2024-02-29"}, {"reason", "Болезнь"}}},
      {"advance " + school, "POST", c + "/advance", json::object()},
      {"withdraw " + school + " --reason 'Реорганизация'",
       "POST",
       c + "/withdraw",
       {{"reason", "Реорганизация"}}},
      {"reinstate " + school, "POST", c + "/reinstate", json::object()},
  };
}

struct Answer {
  bool ok = false;
  std::string text;  // the refusal, "" when done
};

Answer ByCli(const std::filesystem::path& db, const Who& who, const Step& step) {
  std::string as = who.person.empty() ? "" : " --as " + who.person;
  auto r = test::RunShnor("--db '" + db.string() + "' --today " + kToday + as + " " + step.cli);
  INFO(r.err);
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  return {r.exit_code == 0, r.err};
}

Answer ByApi(Client& client, RunningServer& server, const Step& step) {
  Reply reply = step.method == "GET" ? client.Get(server.Url(step.path))
                                     : client.Send("POST", server.Url(step.path), step.body.dump());
  if (reply.status == 200 || reply.status == 201) return {true, ""};
  INFO(reply.body);
  CHECK((reply.status == 403 || reply.status == 422));
  return {false, reply.Json()["error"]["message"]};
}

// Every line of the API's message stands in what the CLI printed.
bool SameRefusal(const std::string& api, const std::string& cli) {
  std::istringstream lines(api);
  for (std::string line; std::getline(lines, line);) {
    if (cli.find(line) == std::string::npos) return false;
  }
  return !api.empty();
}

}  // namespace

TEST_CASE("the cli and the api give every actor the same answer to every command",
          "[parity][http][cli]") {
  SampleCopy cli_copy;
  SampleCopy api_copy;
  RunningServer server{{}, {}, api_copy.Context()};
  std::vector<Client> clients(kActors.size());
  for (std::size_t i = 0; i < kActors.size(); ++i) {
    REQUIRE(clients[i].LogIn(server.Url(""), kActors[i].login).status == 200);
  }
  int applied = 0, refused = 0;
  for (const std::string& school : {std::string("tmn-030"), std::string("tmn-001")}) {
    for (const Step& step : Steps(school)) {
      for (std::size_t i = kActors.size(); i-- > 0;) {  // the weakest role first
        INFO(kActors[i].login << ": " << step.cli);
        Answer cli = ByCli(cli_copy.db, kActors[i], step);
        Answer api = ByApi(clients[i], server, step);
        CHECK(cli.ok == api.ok);
        if (!cli.ok && !api.ok) CHECK(SameRefusal(api.text, cli.text));
        (api.ok ? applied : refused) += 1;
      }
    }
  }
  // The matrix is worth its name only if it holds both answers in numbers.
  CHECK(applied >= 20);
  CHECK(refused >= 40);
}

TEST_CASE("the cli and the api keep a bulk advance and the interview schedule to the curator",
          "[parity][http][cli]") {
  SampleCopy cli_copy;
  SampleCopy api_copy;
  RunningServer server{{}, {}, api_copy.Context()};
  for (const Who& who : {kActors[3], kActors[5]}) {
    Client client;
    REQUIRE(client.LogIn(server.Url(""), who.login).status == 200);
    Answer api = ByApi(client, server, {"", "POST", "/api/stages/I/advance", json::object()});
    Answer cli = ByCli(cli_copy.db, who, {"advance --all --stage I", "", "", nullptr});
    CHECK_FALSE(api.ok);
    CHECK_FALSE(cli.ok);
    CHECK(SameRefusal(api.text, cli.text));
    Step schedule{"docs render interview-schedule --days 2024-03-11,2024-03-12",
                  "POST",
                  "/api/interview-schedule",
                  {{"days", {"2024-03-11", "2024-03-12"}}}};
    api = ByApi(client, server, schedule);
    cli = ByCli(cli_copy.db, who, schedule);
    CHECK_FALSE(api.ok);
    CHECK_FALSE(cli.ok);
    CHECK(SameRefusal(api.text, cli.text));
  }
}

TEST_CASE("the cli and the api keep the project's documents to those who run the project",
          "[parity][http][cli][documents]") {
  SampleCopy cli_copy;
  SampleCopy api_copy;
  RunningServer server{{}, {}, api_copy.Context()};
  Step report{"docs render final-report", "POST", "/api/documents", {{"template", "final-report"}}};
  int made = 0;
  for (const Who& who : kActors) {
    INFO(who.login);
    Client client;
    REQUIRE(client.LogIn(server.Url(""), who.login).status == 200);
    Answer api = ByApi(client, server, report);
    Answer cli = ByCli(cli_copy.db, who, report);
    CHECK(cli.ok == api.ok);
    if (!cli.ok && !api.ok) CHECK(SameRefusal(api.text, cli.text));
    made += api.ok ? 1 : 0;
  }
  CHECK(made >= 1);                                // the curator and the administrator
  CHECK(made < static_cast<int>(kActors.size()));  // and not the others
}

}  // namespace shnor::test::http
