// The API's commands, pages and scheduler hook over real HTTP on 127.0.0.1: every role against
// the reads and commands it may and may not use, a stale version (409), malformed bodies (400)
// and refusals (422) that change nothing, the real user in the audit log, the documents of a
// transition downloaded and read back, a curator's bulk advance kept to their schools.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <fstream>
#include <future>
#include <set>

#include "tests/HttpTesting.h"
#include "tests/PdfReading.h"

using namespace shnor;
using namespace shnor::test::http;

namespace {

// A server on its own copy of the sample, for tests that change it.
struct ChangingServer {
  SampleCopy copy;
  RunningServer server{{}, {}, copy.Context()};
};

int VersionOf(Client& client, RunningServer& server, const std::string& school) {
  auto reply = client.Get(server.Url("/api/cases/" + school));
  REQUIRE(reply.status == 200);
  return reply.Json()["version"];
}

json TaskOf(const json& case_json, const std::string& task) {
  for (const auto& t : case_json["tasks"]) {
    if (t["id"] == task) return t;
  }
  FAIL("no task " << task);
  return {};
}

Reply Post(Client& client, RunningServer& server, const std::string& path, const json& body) {
  return client.Send("POST", server.Url(path), body.dump());
}

Reply TaskCommand(Client& client, RunningServer& server, const std::string& school,
                  const std::string& task, const std::string& action, json body = json::object()) {
  if (!body.contains("expected_version")) {
    body["expected_version"] = VersionOf(client, server, school);
  }
  return Post(client, server, "/api/cases/" + school + "/tasks/" + task + "/" + action, body);
}

}  // namespace

TEST_CASE("http api reads answer each role by its schools with 200 or 403", "[http][roles]") {
  RunningServer server;
  std::string stage = Sample().documents.front().stage;
  struct Expect {
    std::string login;
    long own_school;    // GET /api/cases/tmn-001 (г. Тюмень)
    long vagai_school;  // GET /api/cases/tmn-030 (Вагайский район)
    long package;       // GET /api/cases/tmn-001/package
    long outbox;
    long campaign_document;  // the regional order is the project's, not a school's
  };
  const std::vector<Expect> expectations = {{kAdmin, 200, 200, 200, 200, 200},
                                            {kObserver, 200, 200, 200, 200, 200},
                                            {kCurator, 200, 403, 200, 200, 200},
                                            {kVagaiCurator, 403, 200, 403, 200, 200},
                                            {kTyumenCoordinator, 200, 403, 200, 403, 403},
                                            {kVagai, 403, 200, 403, 403, 403},
                                            {kSchool, 200, 403, 200, 403, 403}};
  for (const auto& e : expectations) {
    INFO(e.login);
    Client client;
    REQUIRE(client.LogIn(server.Url(""), e.login).status == 200);
    CHECK(client.Get(server.Url("/api/cases/tmn-001")).status == e.own_school);
    CHECK(client.Get(server.Url("/api/cases/" + kVagaiSchool)).status == e.vagai_school);
    CHECK(client.Get(server.Url("/api/cases/tmn-001/package?stage=" + stage)).status == e.package);
    CHECK(client.Get(server.Url("/api/outbox")).status == e.outbox);
    CHECK(client.Get(server.Url("/api/dashboard")).status == 200);
    CHECK(client.Get(server.Url("/api/campaign")).status == 200);
    if (e.vagai_school == 403) {
      auto refused = client.Get(server.Url("/api/log?school=" + kVagaiSchool));
      CheckJsonError(refused, 403, "forbidden");
    }
  }
}

TEST_CASE("http api commands answer each role by its schools and the workflow's roles",
          "[http][roles]") {
  ChangingServer s;
  const std::string approve = "/api/cases/tmn-001/tasks/deep-analysis/approve";
  // deep-analysis of tmn-001 is submitted; its reviewer is the municipal coordinator.
  for (const auto& [login, status] : std::vector<std::pair<std::string, long>>{
           {kObserver, 403}, {kVagai, 403}, {kVagaiCurator, 403}, {kSchool, 403}}) {
    INFO(login);
    Client client;
    REQUIRE(client.LogIn(s.server.Url(""), login).status == 200);
    auto reply = Post(client, s.server, approve, {{"expected_version", 2}});
    CheckJsonError(reply, status, "forbidden");
  }
  Client coordinator;
  REQUIRE(coordinator.LogIn(s.server.Url(""), kTyumenCoordinator).status == 200);
  int version = VersionOf(coordinator, s.server, "tmn-001");
  auto approved = Post(coordinator, s.server, approve, {{"expected_version", version}});
  REQUIRE(approved.status == 200);
  auto body = approved.Json();
  CHECK(body["result"]["version"] == version + 1);
  CHECK(TaskOf(body["case"], "deep-analysis")["status"]["code"] == "approved");
  // The school's own work is the school's: it may submit, never advance itself.
  Client school;
  REQUIRE(school.LogIn(s.server.Url(""), kSchool).status == 200);
  CHECK(TaskCommand(school, s.server, "tmn-001", "team-appointed", "submit").status == 200);
  auto advance = Post(school, s.server, "/api/cases/tmn-001/advance",
                      {{"expected_version", VersionOf(school, s.server, "tmn-001")}});
  CheckJsonError(advance, 403, "forbidden");
  CHECK(advance.Json()["error"]["message"].get<std::string>().find("куратор") != std::string::npos);
}

TEST_CASE("http api command records the signed-in user in the audit log", "[http]") {
  ChangingServer s;
  Client coordinator;
  REQUIRE(coordinator.LogIn(s.server.Url(""), kTyumenCoordinator).status == 200);
  REQUIRE(TaskCommand(coordinator, s.server, "tmn-001", "deep-analysis", "return",
                      {{"comment", "Добавьте анализ ВПР по математике"}})
              .status == 200);
  auto log = coordinator.Get(s.server.Url("/api/log?school=tmn-001")).Json()["events"];
  REQUIRE_FALSE(log.empty());
  const auto& last = log.back();
  CHECK(last["command"] == "task-return");
  CHECK(last["actor"].get<std::string>().find("Брусникина") != std::string::npos);
  CHECK(last["actor_login"] == kTyumenCoordinator);
  CHECK(last["actor_account"].is_number_integer());
  CHECK(last["reason"] == "Добавьте анализ ВПР по математике");
}

TEST_CASE("http api refuses a stale version with 409 and changes nothing", "[http]") {
  ChangingServer s;
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  int version = VersionOf(curator, s.server, "tmn-001");
  auto events = curator.Get(s.server.Url("/api/log?school=tmn-001")).Json()["events"].size();
  auto stale = TaskCommand(curator, s.server, "tmn-001", "deep-analysis", "approve",
                           {{"expected_version", version - 1}});
  CheckJsonError(stale, 409, "stale_version");
  CHECK(VersionOf(curator, s.server, "tmn-001") == version);
  CHECK(curator.Get(s.server.Url("/api/log?school=tmn-001")).Json()["events"].size() == events);
}

TEST_CASE("http api refuses malformed bodies with 400 and changes nothing", "[http]") {
  ChangingServer s;
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  int version = VersionOf(curator, s.server, "tmn-001");
  const std::string path = "/api/cases/tmn-001/tasks/deep-analysis/approve";
  for (const std::string& body :
       {std::string("{\"expected_version\": 2"), std::string("[1, 2]"),
        std::string("{\"expected_version\": \"2\"}"), std::string("{\"expected_version\": -1}"),
        std::string("{\"expected_verison\": 2}"), std::string("{\"force\": true}")}) {
    INFO(body);
    CheckJsonError(curator.Send("POST", s.server.Url(path), body), 400, "bad_request");
  }
  CheckJsonError(
      curator.Send("POST", s.server.Url("/api/cases/tmn-001/advance"), "{\"force\": \"yes\"}"), 400,
      "bad_request");
  CHECK(VersionOf(curator, s.server, "tmn-001") == version);
}

TEST_CASE("http api refuses a guarded transition with 422 naming each reason", "[http]") {
  ChangingServer s;
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  int version = VersionOf(curator, s.server, "tmn-001");
  auto refused =
      Post(curator, s.server, "/api/cases/tmn-001/advance", {{"expected_version", version}});
  CheckJsonError(refused, 422, "refused");
  std::string message = refused.Json()["error"]["message"];
  CHECK(message.find("team-appointed") != std::string::npos);
  CHECK(message.find("Окно этапа II") != std::string::npos);
  Client coordinator;  // deep-analysis's reviewer
  REQUIRE(coordinator.LogIn(s.server.Url(""), kTyumenCoordinator).status == 200);
  auto no_comment = TaskCommand(coordinator, s.server, "tmn-001", "deep-analysis", "return");
  CheckJsonError(no_comment, 422, "refused");
  CHECK(VersionOf(curator, s.server, "tmn-001") == version);
}

TEST_CASE("http api advances a school whose work is approved and serves its notice as a PDF",
          "[http]") {
  ChangingServer s;
  // Each task by its own roles: the school submits, the coordinator and the curator review.
  Client curator, school, coordinator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  REQUIRE(school.LogIn(s.server.Url(""), kSchool).status == 200);
  REQUIRE(coordinator.LogIn(s.server.Url(""), kTyumenCoordinator).status == 200);
  for (const char* task : {"team-appointed", "kickoff-webinar"}) {
    REQUIRE(TaskCommand(school, s.server, "tmn-001", task, "submit").status == 200);
  }
  for (const char* task : {"team-appointed", "deep-analysis"}) {
    REQUIRE(TaskCommand(coordinator, s.server, "tmn-001", task, "approve").status == 200);
  }
  REQUIRE(TaskCommand(curator, s.server, "tmn-001", "kickoff-webinar", "approve").status == 200);
  auto advanced = Post(curator, s.server, "/api/cases/tmn-001/advance",
                       {{"expected_version", VersionOf(curator, s.server, "tmn-001")},
                        {"force", true},
                        {"reason", "Документы готовы раньше срока"}});
  REQUIRE(advanced.status == 200);
  auto body = advanced.Json();
  CHECK(body["case"]["stage"]["id"] == "II");
  CHECK(body["result"]["to"] == "II/active");
  std::string notice_url;
  for (const auto& d : body["result"]["documents"]) {
    if (d["format"] == "pdf") notice_url = d["url"];
  }
  REQUIRE_FALSE(notice_url.empty());
  auto pdf = curator.Get(s.server.Url(notice_url));
  REQUIRE(pdf.status == 200);
  CHECK(pdf.Header("content-type") == "application/pdf");
  REQUIRE(pdf.body.rfind("%PDF-", 0) == 0);
  test::TempDir dir;
  std::ofstream(dir / "notice.pdf", std::ios::binary) << pdf.body;
  std::string text = test::Squash(test::PdfText(dir / "notice.pdf"));
  CHECK(text.find("МАОУ СОШ № 97 г. Тюмени") != std::string::npos);
  // The case's page now offers the stage's package.
  auto package = curator.Get(s.server.Url("/api/cases/tmn-001/package?stage=II"));
  CHECK(package.status == 200);
  CHECK(package.Header("content-type") == "application/zip");
  CHECK(package.body.rfind("PK", 0) == 0);
}

// Every file under `root`, as relative paths.
std::vector<std::string> FilesUnder(const std::filesystem::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    files.push_back(std::filesystem::relative(entry.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("http api package is built for the answer and leaves the documents folder unchanged",
          "[http][package]") {
  ChangingServer s;
  Client admin;
  REQUIRE(admin.LogIn(s.server.Url(""), kAdmin).status == 200);
  const auto before = FilesUnder(s.copy.dir / "documents");
  const std::string stage = Sample().documents.front().stage;
  for (int i = 0; i < 2; ++i) {
    auto package = admin.Get(s.server.Url("/api/cases/tmn-001/package?stage=" + stage));
    REQUIRE(package.status == 200);
    CHECK(package.Header("content-type") == "application/zip");
    CHECK(package.body.rfind("PK", 0) == 0);
    CHECK_THAT(package.Header("content-disposition"),
               Catch::EndsWith(admin.Escape("пакет_tmn-001_этап-" + stage + ".zip")));
  }
  CHECK(FilesUnder(s.copy.dir / "documents") == before);
}

TEST_CASE("http api refuses a package whose document file no longer matches the registry",
          "[http][package]") {
  ChangingServer s;
  Client admin;
  REQUIRE(admin.LogIn(s.server.Url(""), kAdmin).status == 200);
  const storage::DocumentRecord* road_map = nullptr;
  for (const auto& d : Sample().documents) {
    if (d.kind == "road-map") road_map = &d;
  }
  REQUIRE(road_map != nullptr);
  const std::string url = "/api/cases/tmn-001/package?stage=" + road_map->stage;
  REQUIRE(admin.Get(s.server.Url(url)).status == 200);
  std::ofstream(s.copy.dir / "documents" / road_map->path, std::ios::binary | std::ios::app)
      << "изменено";
  // The file alone is refused, and so must be any package holding it.
  CheckJsonError(admin.Get(s.server.Url("/api/documents/" + std::to_string(road_map->id))), 409,
                 "document_altered");
  auto package = admin.Get(s.server.Url(url));
  CheckJsonError(package, 409, "document_altered");
  CHECK(package.body.rfind("PK", 0) != 0);
  const std::string message = package.Json()["error"]["message"];
  CHECK_THAT(message,
             Catch::Contains(road_map->number) && Catch::Contains("road-map") &&
                 Catch::Contains(std::filesystem::path(road_map->path).filename().string()) &&
                 Catch::Contains("контрольной сумм"));
}

TEST_CASE("http api extends a deadline for a curator only, with the reason in the log", "[http]") {
  ChangingServer s;
  Client school;
  REQUIRE(school.LogIn(s.server.Url(""), kSchool).status == 200);
  CheckJsonError(TaskCommand(school, s.server, "tmn-001", "team-appointed", "extend",
                             {{"until", "2024-02-28"}, {"reason", "болезнь директора"}}),
                 403, "forbidden");
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  CheckJsonError(TaskCommand(curator, s.server, "tmn-001", "team-appointed", "extend",
                             {{"reason", "болезнь директора"}}),
                 400, "bad_request");
  // Past the project and the calendar's years: a refusal naming the project's end, not a 500.
  auto far = TaskCommand(curator, s.server, "tmn-001", "team-appointed", "extend",
                         {{"until", "9999-12-31"}, {"reason", "болезнь директора"}});
  CheckJsonError(far, 422, "refused");
  CHECK_THAT(far.Json()["error"]["message"].get<std::string>(),
             Catch::Contains("позже окончания проекта (31.12.2024)"));
  auto extended = TaskCommand(curator, s.server, "tmn-001", "team-appointed", "extend",
                              {{"until", "2024-02-28"}, {"reason", "болезнь директора"}});
  REQUIRE(extended.status == 200);
  auto task = TaskOf(extended.Json()["case"], "team-appointed");
  CHECK(task["due"] == "2024-02-28");
  CHECK(task["extended"] == true);
}

// The calendar knows only 2024–2027: a day before it, or a holiday whose nearest working day lies
// in 2023, was a 500 (CLI exit 1) from the calendar instead of the refusal of a passed date.
TEST_CASE("http api refuses a passed deadline before the calendar's years, not a 500", "[http]") {
  ChangingServer s;
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  for (const char* until : {"0001-01-01", "1969-12-31", "2023-12-31", "2024-01-02"}) {
    INFO(until);
    auto refused = TaskCommand(curator, s.server, "tmn-001", "team-appointed", "extend",
                               {{"until", until}, {"reason", "болезнь директора"}});
    CheckJsonError(refused, 422, "refused");
    CHECK_THAT(refused.Json()["error"]["message"].get<std::string>(),
               Catch::Contains("уже прошёл: сегодня 10.02.2024"));
  }
  // A day off within the calendar still names the working days around it.
  auto saturday = TaskCommand(curator, s.server, "tmn-001", "team-appointed", "extend",
                              {{"until", "2024-02-24"}, {"reason", "болезнь директора"}});
  CheckJsonError(saturday, 422, "refused");
  CHECK_THAT(saturday.Json()["error"]["message"].get<std::string>(),
             Catch::Contains("нерабочий день; ближайшие рабочие дни: 22.02.2024 и 26.02.2024"));
}

// A reason goes into the notice: an emoji or a bidi override made its PDF fail and the API
// answered 500 «document_failed». Refused now before anything is decided; line breaks stay.
TEST_CASE("http api refuses a reason the notice could not print with 422 naming the character",
          "[http]") {
  ChangingServer s;
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  for (const std::string& reason :
       {std::string("Закрытие \xF0\x9F\x98\x80"), std::string("Решение \xE2\x80\xAE КС")}) {
    auto refused = Post(curator, s.server, "/api/cases/tmn-001/withdraw", {{"reason", reason}});
    CheckJsonError(refused, 422, "refused");
    const std::string message = refused.Json()["error"]["message"];
    CHECK_THAT(message, Catch::Contains("причина") &&
                            (Catch::Contains("U+1F600") || Catch::Contains("U+202E")));
  }
  auto status = curator.Get(s.server.Url("/api/cases/tmn-001")).Json();
  CHECK(status["status"]["code"] == "active");
  auto withdrawn = Post(curator, s.server, "/api/cases/tmn-001/withdraw",
                        {{"reason", "Решение КС\nот 19.02.2024"}});
  CHECK(withdrawn.status == 200);
}

TEST_CASE("http api bulk advance of a curator touches only their schools", "[http]") {
  ChangingServer s;
  Client coordinator;
  REQUIRE(coordinator.LogIn(s.server.Url(""), kVagai).status == 200);
  CheckJsonError(Post(coordinator, s.server, "/api/stages/I/advance", json::object()), 403,
                 "forbidden");
  Client admin;
  REQUIRE(admin.LogIn(s.server.Url(""), kAdmin).status == 200);
  int tyumen_version = VersionOf(admin, s.server, "tmn-001");
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kVagaiCurator).status == 200);
  auto started =
      Post(curator, s.server, "/api/stages/I/advance", {{"force", true}, {"reason", "проверка"}});
  auto finished = AwaitJob(curator, s.server, started).Json()["job"];
  CHECK(finished["state"] == "done");
  CHECK(finished["done"] == finished["total"]);
  CHECK(finished["refused"] == finished["total"]);
  auto body = finished["result"];
  auto own = curator.Get(s.server.Url("/api/cases?stage=I")).Json()["total"];
  CHECK(body["total"] == own);
  CHECK(body["advanced"] == 0);  // nobody's stage I work is approved yet
  for (const auto& line : body["results"]) {
    std::string m = line["municipality"];
    CHECK((m == "Вагайский муниципальный район" || m == "Тобольский муниципальный район" ||
           m == "г. Тобольск"));
    CHECK_FALSE(line["message"].get<std::string>().empty());
  }
  CHECK(VersionOf(admin, s.server, "tmn-001") == tyumen_version);
  CheckJsonError(Post(curator, s.server, "/api/stages/IX/advance", json::object()), 404,
                 "not_found");
  // The job and its list of schools are the curator's: another user does not see it.
  const std::string job = started.Json()["job"]["id"];
  CheckJsonError(coordinator.Get(s.server.Url("/api/jobs/" + job)), 404, "not_found");
  CHECK(admin.Get(s.server.Url("/api/jobs/" + job)).status == 200);
  CheckJsonError(curator.Get(s.server.Url("/api/jobs/0123")), 404, "not_found");
}

TEST_CASE("http api dashboard counts the user's schools by stage and municipality", "[http]") {
  RunningServer server;
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto all = admin.Get(server.Url("/api/dashboard")).Json();
  CHECK(all["total"] == 60);
  int by_stage = 0;
  for (const auto& stage : all["stages"]) by_stage += stage["count"].get<int>();
  CHECK(by_stage + all["completed"].get<int>() + all["withdrawn"].get<int>() == 60);
  CHECK(all["week_end"] == "2024-02-17");
  // On 10 February the team appointment (due 02-16) falls in the week, nothing is overdue yet.
  CHECK(all["week"]["total"].get<int>() > 0);
  for (const auto& item : all["week"]["items"]) {
    CHECK(item["due"].get<std::string>() >= "2024-02-10");
    CHECK(item["due"].get<std::string>() <= "2024-02-17");
  }
  Client vagai;
  REQUIRE(vagai.LogIn(server.Url(""), kVagai).status == 200);
  auto district = vagai.Get(server.Url("/api/dashboard")).Json();
  auto district_cases = vagai.Get(server.Url("/api/cases")).Json()["total"];
  CHECK(district["total"] == district_cases);
  REQUIRE(district["municipalities"].size() == 1);
  CHECK(district["municipalities"][0]["name"] == "Вагайский муниципальный район");
  auto filtered = admin
                      .Get(server.Url("/api/dashboard?municipality=" +
                                      admin.Escape("Вагайский муниципальный район")))
                      .Json();
  CHECK(filtered["total"] == district_cases);
  CheckJsonError(admin.Get(server.Url("/api/dashboard?district=x")), 400, "bad_request");
}

TEST_CASE("http api makes the interview schedule for a curator as PDF and XLSX", "[http]") {
  ChangingServer s;
  Client school;
  REQUIRE(school.LogIn(s.server.Url(""), kSchool).status == 200);
  CheckJsonError(Post(school, s.server, "/api/interview-schedule", {{"days", {"2024-03-04"}}}), 403,
                 "forbidden");
  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  CheckJsonError(Post(curator, s.server, "/api/interview-schedule", {{"days", "2024-03-04"}}), 400,
                 "bad_request");
  auto short_days = Post(curator, s.server, "/api/interview-schedule", {{"days", {"2024-03-04"}}});
  CheckJsonError(short_days, 422, "refused");
  CHECK(short_days.Json()["error"]["message"].get<std::string>().find("Берестова") !=
        std::string::npos);
  auto made = Post(curator, s.server, "/api/interview-schedule",
                   {{"days", {"2024-03-04", "2024-03-05", "2024-03-06"}}, {"lunch", ""}});
  REQUIRE(made.status == 200);
  std::set<std::string> formats;
  json documents = made.Json()["documents"];  // kept: a range-for over a temporary would dangle
  for (const auto& d : documents) {
    formats.insert(d["format"].get<std::string>());
    CHECK(curator.Get(s.server.Url(d["url"])).status == 200);
  }
  CHECK(formats == std::set<std::string>{"pdf", "xlsx", "docx"});
}

TEST_CASE("http api project documents: listed for curators, made by the engine's rule only",
          "[http][documents]") {
  ChangingServer s;
  Client coordinator;
  REQUIRE(coordinator.LogIn(s.server.Url(""), kVagai).status == 200);
  CheckJsonError(coordinator.Get(s.server.Url("/api/documents")), 403, "forbidden");
  CheckJsonError(Post(coordinator, s.server, "/api/documents", {{"template", "final-report"}}), 403,
                 "forbidden");
  Client observer;
  REQUIRE(observer.LogIn(s.server.Url(""), kObserver).status == 200);
  auto seen = observer.Get(s.server.Url("/api/documents"));
  REQUIRE(seen.status == 200);
  json kinds = seen.Json()["kinds"];
  std::set<std::string> listed;
  for (const auto& k : kinds) {
    listed.insert(k["kind"].get<std::string>());
    CHECK_FALSE(k["may_make"].get<bool>());  // an observer reads only
  }
  CHECK(listed.count("regional-order") == 1);
  CHECK(listed.count("final-report") == 1);
  CHECK(listed.count("interview-protocol") == 0);  // a school's document: listed apart
  json protocols = seen.Json()["protocols"];
  REQUIRE(protocols["total"] == 1);  // the fixture's protocol of tmn-001, in each of its formats
  CHECK(protocols["rows"][0]["school"] == "tmn-001");
  std::set<std::string> protocol_formats;
  for (const auto& f : protocols["rows"][0]["files"]) protocol_formats.insert(f["format"]);
  CHECK(protocol_formats.count("pdf") == 1);
  CheckJsonError(Post(observer, s.server, "/api/documents", {{"template", "final-report"}}), 403,
                 "forbidden");

  Client curator;
  REQUIRE(curator.LogIn(s.server.Url(""), kCurator).status == 200);
  CheckJsonError(Post(curator, s.server, "/api/documents", {{"template", "road-map"}}), 400,
                 "bad_request");  // a school's document is made by its transition
  CheckJsonError(Post(curator, s.server, "/api/documents", {{"template", "interview-schedule"}}),
                 400, "bad_request");  // needs its days: /api/interview-schedule
  auto made = Post(curator, s.server, "/api/documents", {{"template", "final-report"}});
  REQUIRE(made.status == 201);
  json documents = made.Json()["documents"];
  REQUIRE_FALSE(documents.empty());
  CHECK(curator.Get(s.server.Url(documents[0]["url"])).status == 200);
  json after = curator.Get(s.server.Url("/api/documents")).Json()["kinds"];
  auto report = std::find_if(after.begin(), after.end(),
                             [](const json& k) { return k["kind"] == "final-report"; });
  REQUIRE(report != after.end());
  CHECK((*report)["may_make"].get<bool>());
  CHECK((*report)["documents"].size() == documents.size());
  CHECK((*report)["documents"][0]["number"] == documents[0]["number"]);
}

TEST_CASE("http api outbox lists the reminder letters for the project's runners", "[http]") {
  SampleCopy copy;
  test::TempDir mail;
  auto r = test::RunShnor("--db '" + copy.db.string() + "' --today 2024-02-14 remind --mail-dir '" +
                          mail.path().string() + "'");
  REQUIRE(r.exit_code == 0);
  RunningServer server({}, {}, copy.Context());
  Client curator;
  REQUIRE(curator.LogIn(server.Url(""), kCurator).status == 200);
  auto body = curator.Get(server.Url("/api/outbox?status=sent")).Json();
  CHECK(body["counts"]["sent"].get<int>() > 0);
  REQUIRE(body["letters"].size() == body["counts"]["sent"].get<std::size_t>());
  CHECK(body["letters"][0]["day"] == "2024-02-14");
  CHECK_FALSE(body["letters"][0]["recipient"]["email"].get<std::string>().empty());
  CheckJsonError(curator.Get(server.Url("/api/outbox?status=lost")), 400, "bad_request");
}

TEST_CASE("http api outbox shows a letter being sent and one perhaps delivered twice",
          "[http][outbox]") {
  SampleCopy copy;
  test::TempDir mail;
  auto r = test::RunShnor("--db '" + copy.db.string() + "' --today 2024-02-14 remind --mail-dir '" +
                          mail.path().string() + "'");
  REQUIRE(r.exit_code == 0);
  {
    // One letter held by a sender now (its lease far ahead), one taken again after a crash.
    SQLite::Database raw(copy.db.string(), SQLite::OPEN_READWRITE);
    raw.exec(
        "UPDATE outbox SET status = 'planned', claimant = 'host/pid 7/abc', "
        "lease_until = 4102444800, handed_at = 1 WHERE id = (SELECT min(id) FROM outbox)");
    raw.exec("UPDATE outbox SET resends = 1 WHERE id = (SELECT max(id) FROM outbox)");
  }
  RunningServer server({}, {}, copy.Context());
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto sending = admin.Get(server.Url("/api/outbox?status=sending")).Json();
  CHECK(sending["counts"]["sending"] == 1);
  REQUIRE(sending["letters"].size() == 1);
  json held = sending["letters"][0];
  CHECK(held["status"] == "sending");
  CHECK(held["status_name"] == "отправляется");
  CHECK(held["claimant"] == "host/pid 7/abc");
  CHECK(held["lease_until"] == "2100-01-01T00:00:00Z");
  CHECK_THAT(held["remark"].get<std::string>(), Catch::Contains("«host/pid 7/abc»"));
  auto sent = admin.Get(server.Url("/api/outbox?status=sent&limit=500")).Json();
  int doubled = 0;
  for (const auto& l : sent["letters"]) {
    if (l["resends"] == 0) continue;
    ++doubled;
    CHECK_THAT(l["remark"].get<std::string>(),
               Catch::Contains("письмо могло быть доставлено дважды"));
  }
  CHECK(doubled == 1);
}

TEST_CASE("http server serves the web pages from the binary to anyone", "[http][web]") {
  RunningServer server;
  Client anonymous;
  for (std::string path : {"/", "/schools/tmn-001", "/tools", "/login?next=%2F"}) {
    INFO(path);
    auto page = anonymous.Get(server.Url(path));
    CHECK(page.status == 200);
    CHECK(page.Header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<script type=\"module\" src=\"/static/js/main.js\">") !=
          std::string::npos);
    CHECK(page.Header("content-security-policy").find("default-src 'self'") != std::string::npos);
  }
  auto script = anonymous.Get(server.Url("/static/js/main.js"));
  CHECK(script.status == 200);
  CHECK(script.Header("content-type") == "text/javascript; charset=utf-8");
  CHECK(script.body.find("/api/me") != std::string::npos);
  // The modules it imports, by their path below app/web.
  auto page_module = anonymous.Get(server.Url("/static/js/pages/school.js"));
  CHECK(page_module.status == 200);
  CHECK(page_module.Header("content-type") == "text/javascript; charset=utf-8");
  CHECK(page_module.body.find("export async function renderSchool") != std::string::npos);
  CheckJsonError(anonymous.Get(server.Url("/static/school.js")), 404, "not_found");
  CheckJsonError(anonymous.Get(server.Url("/static/js/../index.html")), 404, "not_found");
  CHECK(anonymous.Get(server.Url("/static/app.css")).Header("content-type") ==
        "text/css; charset=utf-8");
  CheckJsonError(anonymous.Get(server.Url("/static/../shnor.db")), 404, "not_found");
  CheckJsonError(anonymous.Get(server.Url("/static/secret.txt")), 404, "not_found");
  CHECK(anonymous.Send("POST", server.Url("/"), "{}").status == 405);
}

TEST_CASE("http server runs a repeating task on its thread until it stops", "[http]") {
  int runs = 0;
  app::HttpServer server("127.0.0.1", 0,
                         [](const app::HttpRequest&) { return app::HttpResponse{}; });
  std::promise<void> third;
  server.Every([&] {
    if (++runs == 3) third.set_value();
    return std::chrono::milliseconds{5};
  });
  std::thread thread([&] { server.Run(); });
  auto ready = third.get_future().wait_for(std::chrono::seconds{5});
  server.Stop();
  thread.join();
  CHECK(ready == std::future_status::ready);
  int after_stop = runs;
  std::this_thread::sleep_for(std::chrono::milliseconds{30});
  CHECK(runs == after_stop);
}
