// The HTTP server and the JSON API over real sockets on 127.0.0.1, spoken to with libcurl: the
// sample region's 60 schools, filters, one case, a document download checked against the
// registry, the errors as JSON, the limits, keep-alive and the graceful stop.
#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <map>

#include "storage/Sha256.h"
#include "tests/HttpTesting.h"

using namespace shnor;
using namespace shnor::test::http;

TEST_CASE("http api lists the 60 sample schools with their stage and open work", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  auto reply = client.Get(server.Url("/api/cases?limit=100"));
  REQUIRE(reply.status == 200);
  auto body = reply.Json();
  CHECK(body["total"] == 60);
  CHECK(body["today"] == kToday);
  REQUIRE(body["cases"].size() == 60);
  auto rows = body["cases"];
  auto it =
      std::find_if(rows.begin(), rows.end(), [](const json& r) { return r["code"] == "tmn-001"; });
  REQUIRE(it != rows.end());
  auto first = *it;
  CHECK(first["name"] == "МАОУ СОШ № 97 г. Тюмени");
  CHECK(first["municipality"] == "г. Тюмень");
  CHECK(first["stage"] == "I");
  CHECK(first["status"]["code"] == "active");
  CHECK(first["status"]["name"] == "в работе");
  CHECK(first["version"].get<int>() >= 1);
  CHECK(first["open_tasks"].get<int>() > 0);
  CHECK(first.contains("overdue_tasks"));
  CHECK(first.contains("next_due"));
}

TEST_CASE("http api filters cases by stage, municipality, overdue and name in any case", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  CHECK(client.Get(server.Url("/api/cases?stage=I")).Json()["total"] == 60);
  CHECK(Codes(client.Get(server.Url("/api/cases?stage=II"))).empty());

  const std::string district = "Вагайский муниципальный район";
  auto all = client.Get(server.Url("/api/cases?limit=100")).Json()["cases"];
  auto in_district = std::count_if(
      all.begin(), all.end(), [&](const json& row) { return row["municipality"] == district; });
  auto by_district = client.Get(server.Url("/api/cases?municipality=" + client.Escape(district)));
  CHECK(in_district > 0);
  CHECK(static_cast<long>(Codes(by_district).size()) == in_district);

  auto upper = Codes(client.Get(server.Url("/api/cases?q=" + client.Escape("СОШ № 97"))));
  auto lower = Codes(client.Get(server.Url("/api/cases?q=" + client.Escape("сош № 97"))));
  CHECK(upper == std::vector<std::string>{"tmn-001"});
  CHECK(lower == upper);
  CHECK(Codes(client.Get(server.Url("/api/cases?q=%D0%BC%D0%B0%D0%BE%D1%83"))).size() > 1);  // маоу

  auto overdue = client.Get(server.Url("/api/cases?overdue=1")).Json()["cases"];
  CHECK_FALSE(overdue.empty());
  for (const auto& row : overdue) {
    CHECK(row["overdue_tasks"].get<int>() > 0);
  }
  CheckJsonError(client.Get(server.Url("/api/cases?status=lost")), 400, "bad_request");
  CheckJsonError(client.Get(server.Url("/api/cases?stage=IX")), 400, "bad_request");
  CheckJsonError(client.Get(server.Url("/api/cases?stag=I")), 400, "bad_request");
  CheckJsonError(client.Get(server.Url("/api/cases?q=%ZZ")), 400, "bad_request");
}

TEST_CASE("http api shows one case with tasks, people, history and documents", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  auto reply = client.Get(server.Url("/api/cases/tmn-001"));
  REQUIRE(reply.status == 200);
  auto c = reply.Json();
  CHECK(c["school"]["code"] == "tmn-001");
  CHECK(c["stage"]["id"] == "I");
  CHECK(c["stage"]["window"]["to"] == "2024-02-29");
  REQUIRE_FALSE(c["tasks"].empty());
  auto deep = std::find_if(c["tasks"].begin(), c["tasks"].end(),
                           [](const json& t) { return t["id"] == "deep-analysis"; });
  REQUIRE(deep != c["tasks"].end());
  CHECK((*deep)["status"]["code"] == "submitted");
  CHECK_FALSE((*deep)["title"].get<std::string>().empty());
  CHECK_FALSE(c["people"].empty());
  REQUIRE(c["history"].size() == 2);
  CHECK(c["history"][0]["command"] == "open");
  CHECK(c["history"][1]["at_local"].get<std::string>().find("+05:00") != std::string::npos);
  CHECK(c["documents"].size() == Sample().documents.size());

  auto log = client.Get(server.Url("/api/log?school=tmn-001")).Json();
  CHECK(log["events"] == c["history"]);
  CHECK(client.Get(server.Url("/api/log")).Json()["total"] > 60);
  auto campaign = client.Get(server.Url("/api/campaign")).Json();
  CHECK(campaign["code"] == "tyumen-2024");
  CHECK(campaign["order"]["number"] == "83/ОД");
  CHECK(campaign["stages"].size() == 4);
}

TEST_CASE("http api downloads a document by registry id with its registered checksum", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  REQUIRE_FALSE(Sample().documents.empty());
  for (const auto& d : Sample().documents) {
    auto reply = client.Get(server.Url("/api/documents/" + std::to_string(d.id)));
    REQUIRE(reply.status == 200);
    CHECK(storage::Sha256Hex(reply.body) == d.sha256);
    const std::map<std::string, std::string> types = {
        {"pdf", "application/pdf"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
    CHECK(reply.Header("content-type") == types.at(d.format));
    auto name = std::filesystem::path(d.path).filename().string();
    CHECK_THAT(reply.Header("content-disposition"),
               Catch::StartsWith("attachment; filename=\"") &&
                   Catch::EndsWith("filename*=UTF-8''" + client.Escape(name)));
  }
}

// A file changed on disk after it was issued is not handed out as the document, and says so:
// before, this was a 500 «Внутренняя ошибка сервера».
TEST_CASE("http api refuses an altered document file with 409 naming the repair", "[http]") {
  SampleCopy copy;
  RunningServer server({}, {}, copy.Context());
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  const auto& d = Sample().documents.front();
  std::ofstream(copy.dir / "documents" / d.path, std::ios::binary | std::ios::app) << "правка";
  auto reply = client.Get(server.Url("/api/documents/" + std::to_string(d.id)));
  CheckJsonError(reply, 409, "document_altered");
  CHECK_THAT(reply.Json()["error"]["message"].get<std::string>(),
             Catch::Contains("№ " + std::to_string(d.id)) && Catch::Contains("fsck --repair"));
}

// A refusal quotes what the client sent; bytes that are not UTF-8 made dumping the error's JSON
// throw, and the server answered 500.
TEST_CASE("http api quotes a request's invalid UTF-8 in its refusal, not a 500", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  const std::vector<std::pair<std::string, long>> answers = {
      {"/api/cases/%FF", 404},         {"/api/cases/tmn-%C3/package?stage=I", 404},
      {"/api/log?school=%FF%FE", 404}, {"/api/outbox?day=%FF", 400},
      {"/api/outbox?status=%FF", 400}, {"/api/cases?status=%FF", 400},
      {"/api/cases?stage=%E2%82", 400}};
  for (const auto& [path, status] : answers) {
    INFO(path);
    auto reply = client.Get(server.Url(path));
    CHECK(reply.status == status);
    CHECK_THAT(reply.Json()["error"]["message"].get<std::string>(), Catch::Contains("\uFFFD"));
  }
  auto task = client.Send("POST", server.Url("/api/cases/tmn-001/tasks/%FF/submit"), "{}");
  CheckJsonError(task, 422, "refused");
}

TEST_CASE("http api answers unknown schools, documents and routes with 404 JSON", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  CheckJsonError(client.Get(server.Url("/api/cases/tmn-999")), 404, "not_found");
  CHECK_THAT(client.Get(server.Url("/api/cases/tmn-999")).Json()["error"]["message"],
             Catch::Contains("tmn-999"));
  CheckJsonError(client.Get(server.Url("/api/documents/999999")), 404, "not_found");
  CheckJsonError(client.Get(server.Url("/api/log?school=tmn-999")), 404, "not_found");
  CheckJsonError(client.Get(server.Url("/api/nothing")), 404, "not_found");
}

TEST_CASE("http api never serves a file named by the request", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  for (const char* path : {"/api/documents/..%2F..%2Fetc%2Fpasswd",
                           "/api/documents/../../etc/passwd", "/api/documents/%2Fetc%2Fpasswd",
                           "/api/documents/1%00", "/api/documents/-1", "/api/documents/1.pdf"}) {
    INFO(path);
    auto reply = client.Get(server.Url(path));
    CHECK((reply.status == 400 || reply.status == 404));
    CHECK(reply.Json().contains("error"));
    CHECK(reply.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("http api refuses a wrong method with 405 and a large body with 413", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  auto post = client.Send("POST", server.Url("/api/cases"), "{}");
  CheckJsonError(post, 405, "method_not_allowed");
  CHECK(post.Header("allow") == "GET, HEAD");
  auto huge = client.Send("POST", server.Url("/api/cases"), std::string(1024 * 1024 + 1, 'x'));
  CheckJsonError(huge, 413, "body_too_large");
  curl_slist* big_header =
      curl_slist_append(nullptr, ("X-Padding: " + std::string(17 * 1024, 'y')).c_str());
  auto headers = client.Send("GET", server.Url("/api/cases"), "", big_header);
  curl_slist_free_all(big_header);
  CheckJsonError(headers, 431, "headers_too_large");
  CHECK(client.Get(server.Url("/api/campaign")).status == 200);  // the server goes on
}

TEST_CASE("http server keeps a connection alive across requests", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  CHECK(client.NewConnections() == 1);  // by the login
  REQUIRE(client.Get(server.Url("/api/campaign")).status == 200);
  CHECK(client.NewConnections() == 0);
  auto second = client.Get(server.Url("/api/cases/tmn-002"));
  CHECK(second.status == 200);
  CHECK(client.NewConnections() == 0);
}

TEST_CASE("http server cuts off a stalled client while serving others", "[http]") {
  app::ServerLimits limits;
  limits.io_timeout = std::chrono::milliseconds{200};
  RunningServer server(limits);
  int slow = ConnectRaw(server.port());
  std::string partial = "GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  REQUIRE(send(slow, partial.data(), partial.size(), 0) == static_cast<ssize_t>(partial.size()));
  auto start = std::chrono::steady_clock::now();
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  CHECK(client.Get(server.Url("/api/campaign")).status == 200);
  char byte;
  CHECK(recv(slow, &byte, 1, 0) == 0);  // closed by the server, not by our 2 s safety net
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds{1500});
  close(slow);
}

TEST_CASE("http server stops gracefully letting the request in flight finish", "[http]") {
  std::promise<void> started;
  std::promise<void> release;
  auto released = release.get_future().share();
  app::HttpServer server("127.0.0.1", 0, [&](const app::HttpRequest&) {
    started.set_value();
    released.wait();
    return app::HttpResponse{200, "text/plain; charset=utf-8", "готово", {}};
  });
  std::thread serving([&] { server.Run(); });
  int idle = ConnectRaw(server.port());  // a keep-alive client with nothing to ask

  std::promise<Reply> answered;
  std::thread asking([&] {
    Client client;
    answered.set_value(client.Get(server.url() + "/slow"));
  });
  started.get_future().wait();
  server.Stop();
  release.set_value();
  auto reply = answered.get_future().get();
  asking.join();
  serving.join();  // returns although the idle client never closed
  CHECK(reply.status == 200);
  CHECK(reply.body == "готово");
  CHECK(reply.Header("connection") == "close");
  char byte;
  CHECK(recv(idle, &byte, 1, 0) == 0);
  close(idle);
  Client late;
  CHECK(late.Get(server.url() + "/again").status == 0);  // nobody listens any more
}

TEST_CASE("http server gives the handler the address the request came from", "[http]") {
  std::vector<std::string> seen;
  app::HttpServer server("127.0.0.1", 0, [&](const app::HttpRequest& request) {
    seen.push_back(request.peer_address);
    return app::HttpResponse{200, "text/plain; charset=utf-8", "", {}};
  });
  std::thread serving([&] { server.Run(); });
  Client client;
  curl_slist* forged = curl_slist_append(nullptr, "X-Forwarded-For: 203.0.113.9");
  CHECK(client.Send("GET", server.url() + "/", "", forged).status == 200);
  CHECK(client.Get(server.url() + "/again").status == 200);  // the same connection
  curl_slist_free_all(forged);
  server.Stop();
  serving.join();
  CHECK(seen == std::vector<std::string>{"127.0.0.1", "127.0.0.1"});
}

// A streamed body: each piece a chunk, produced only as the previous one is written, on a
// connection that stays usable; a producer that fails cuts the answer off instead of ending it
// as if it were whole.
TEST_CASE("http server sends a streamed body in chunks and cuts it off when it fails", "[http]") {
  std::atomic<int> pieces = 0;
  app::HttpServer server("127.0.0.1", 0, [&](const app::HttpRequest& request) {
    app::HttpResponse response;
    response.content_type = "text/plain; charset=utf-8";
    bool fails = request.target == "/fails";
    pieces = 0;
    response.stream = [&pieces, fails]() -> std::string {
      if (++pieces > 3) return "";
      if (fails && pieces == 2) throw std::runtime_error("диск отвалился");
      return "часть " + std::to_string(pieces) + "\n";
    };
    return response;
  });
  std::thread serving([&] { server.Run(); });
  Client client;
  auto reply = client.Get(server.url() + "/list");
  CHECK(reply.status == 200);
  CHECK(reply.Header("transfer-encoding") == "chunked");
  CHECK(reply.body == "часть 1\nчасть 2\nчасть 3\n");
  CHECK(pieces == 4);
  CHECK(client.Get(server.url() + "/again").body == reply.body);
  CHECK(client.NewConnections() == 0);
  auto cut = client.Get(server.url() + "/fails");
  CHECK(cut.status == 0);  // curl: the answer ended before its last chunk
  CHECK(cut.body == "часть 1\n");
  server.Stop();
  serving.join();
}

namespace {

// Every route of the API, for the checks every one of them must pass.
std::vector<std::string> AllReads() {
  std::string document = "/api/documents/" + std::to_string(Sample().documents.front().id);
  return {"/api/campaign", "/api/cases", "/api/cases/tmn-001", document, "/api/log?school=tmn-001",
          "/api/log",      "/api/me",    "/api/cases/tmn-999"};
}

std::vector<std::string> CodesOf(const json& cases) {
  std::vector<std::string> codes;
  for (const auto& row : cases) codes.push_back(row["code"]);
  return codes;
}

}  // namespace

TEST_CASE("http api refuses every route without a login with 401 JSON", "[http][accounts]") {
  RunningServer server;
  Client client;
  for (const auto& path : AllReads()) {
    INFO(path);
    auto reply = client.Get(server.Url(path));
    CheckJsonError(reply, 401, "unauthorized");
    CHECK_THAT(reply.Json()["error"]["message"].get<std::string>(), Catch::Contains("вход"));
  }
  CheckJsonError(client.Send("POST", server.Url("/api/logout"), ""), 401, "unauthorized");
  CheckJsonError(client.Send("POST", server.Url("/api/cases"), "{}"), 401, "unauthorized");
  for (const char* header : {"Cookie: shnor_session=00112233", "Authorization: Bearer 00112233",
                             "Authorization: Basic YWRtaW46YWRtaW4="}) {
    INFO(header);
    curl_slist* forged = curl_slist_append(nullptr, header);
    CheckJsonError(client.Send("GET", server.Url("/api/cases"), "", forged), 401, "unauthorized");
    curl_slist_free_all(forged);
  }
}

TEST_CASE("http api login sets a strict HttpOnly cookie and logout needs the CSRF token",
          "[http][accounts]") {
  RunningServer server;
  Client client;
  CheckJsonError(client.LogIn(server.Url(""), kAdmin, "неверный-пароль"), 401, "unauthorized");
  CheckJsonError(client.Send("POST", server.Url("/api/login"), "{\"login\": 1}"), 400,
                 "bad_request");
  CheckJsonError(client.Get(server.Url("/api/login")), 405, "method_not_allowed");

  auto login = client.LogIn(server.Url(""), kAdmin);
  REQUIRE(login.status == 200);
  CHECK(login.Json()["user"]["role"]["code"] == "administrator");
  CHECK(login.Json()["user"]["name"] == "Администратор Тестов");
  std::string cookie = login.Header("set-cookie");
  CHECK_THAT(cookie, Catch::Matches("shnor_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; "
                                    "Path=/"));
  CHECK(client.csrf().size() == 64);
  auto me = client.Get(server.Url("/api/me"));
  REQUIRE(me.status == 200);
  CHECK(me.Json()["user"]["login"] == kAdmin);
  CHECK(me.Json()["csrf_token"] == client.csrf());

  client.send_csrf = false;
  CheckJsonError(client.Send("POST", server.Url("/api/logout"), ""), 403, "csrf");
  CHECK(client.Get(server.Url("/api/cases/tmn-001")).status == 200);  // reads need no token
  client.send_csrf = true;
  auto logout = client.Send("POST", server.Url("/api/logout"), "");
  CHECK(logout.status == 200);
  CHECK_THAT(logout.Header("set-cookie"), Catch::Contains("Max-Age=0"));
  CheckJsonError(client.Get(server.Url("/api/me")), 401, "unauthorized");  // the old cookie
}

TEST_CASE("http api marks the cookie Secure when serving behind TLS", "[http][accounts]") {
  RunningServer server({}, app::AuthOptions{true});
  Client client;
  auto login = client.LogIn(server.Url(""), kObserver);
  REQUIRE(login.status == 200);
  CHECK_THAT(login.Header("set-cookie"), Catch::EndsWith("; Secure"));
}

TEST_CASE("http api scopes a coordinator to the schools of their district", "[http][accounts]") {
  RunningServer server;
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto all = admin.Get(server.Url("/api/cases?limit=100")).Json()["cases"];
  std::vector<std::string> district;
  for (const auto& row : all) {
    if (row["municipality"] == "Вагайский муниципальный район") district.push_back(row["code"]);
  }
  REQUIRE_FALSE(district.empty());

  Client client;
  REQUIRE(client.LogIn(server.Url(""), kVagai).status == 200);
  CHECK(CodesOf(client.Get(server.Url("/api/cases")).Json()["cases"]) == district);
  CHECK(client.Get(server.Url("/api/cases/" + kVagaiSchool)).status == 200);
  CHECK(client.Get(server.Url("/api/log?school=" + kVagaiSchool)).status == 200);
  CHECK(client.Get(server.Url("/api/campaign")).status == 200);
  for (const auto& path :
       {std::string("/api/cases/tmn-001"), std::string("/api/log?school=tmn-001"),
        "/api/documents/" + std::to_string(Sample().documents.front().id)}) {
    INFO(path);
    auto reply = client.Get(server.Url(path));
    CheckJsonError(reply, 403, "forbidden");
    CHECK_THAT(reply.Json()["error"]["message"].get<std::string>(), Catch::Contains("Нет доступа"));
  }
  // The whole log holds the district's events only: one "open" per school.
  auto events = client.Get(server.Url("/api/log")).Json()["total"];
  CHECK(events == district.size());
  CHECK(admin.Get(server.Url("/api/log")).Json()["total"] > events);
}

TEST_CASE("http api gives a school its own case and documents only", "[http][accounts]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kSchool).status == 200);
  CHECK(CodesOf(client.Get(server.Url("/api/cases")).Json()["cases"]) ==
        std::vector<std::string>{"tmn-001"});
  for (const auto& d : Sample().documents) {
    CHECK(client.Get(server.Url("/api/documents/" + std::to_string(d.id))).status == 200);
  }
  CheckJsonError(client.Get(server.Url("/api/cases/tmn-002")), 403, "forbidden");
}

TEST_CASE("http api lets an observer read everything and an API token skip the CSRF header",
          "[http][accounts]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kObserver).status == 200);
  CHECK(client.Get(server.Url("/api/cases")).Json()["total"] == 60);
  for (const auto& path : AllReads()) {
    INFO(path);
    auto status = client.Get(server.Url(path)).status;
    CHECK(status == (path == "/api/cases/tmn-999" ? 404 : 200));
  }

  Client robot;
  curl_slist* bearer =
      curl_slist_append(nullptr, ("Authorization: Bearer " + Sample().token).c_str());
  auto cases = robot.Send("GET", server.Url("/api/cases"), "", bearer);
  CHECK(cases.status == 200);
  CHECK(cases.Json()["total"] == 60);
  auto me = robot.Send("GET", server.Url("/api/me"), "", bearer);
  CHECK(me.Json()["user"]["login"] == kObserver);
  CHECK_FALSE(me.Json().contains("csrf_token"));
  // A change without X-CSRF-Token reaches the route (405 here), not the CSRF refusal.
  CheckJsonError(robot.Send("POST", server.Url("/api/cases"), "{}", bearer), 405,
                 "method_not_allowed");
  curl_slist_free_all(bearer);
}

TEST_CASE("http api answers a sixth failed login from the same address with 429",
          "[http][accounts]") {
  SampleCopy copy;
  RunningServer server({}, {}, copy.Context());
  Client client;
  for (int i = 0; i < 5; ++i) {
    CheckJsonError(client.LogIn(server.Url(""), kCurator, "попытка-номер-" + std::to_string(i)),
                   401, "unauthorized");
  }
  auto refused = client.LogIn(server.Url(""), kCurator);  // even the right password
  CheckJsonError(refused, 429, "too_many_attempts");
  // A minute from the fifth failure, on the server's real-time clock.
  auto retry_after = std::stoi(refused.Header("retry-after"));
  CHECK(retry_after > 50);
  CHECK(retry_after <= 60);
  CHECK_THAT(refused.Json()["error"]["message"].get<std::string>(),
             Catch::Matches("Слишком много неудачных попыток входа\\. Повторите через "
                            "(1 мин|[0-9]{2} сек)\\."));
  CHECK(client.LogIn(server.Url(""), kObserver).status == 200);  // others still sign in
  // The failures were counted against the connection's address: from any other the owner
  // signs in at once.
  auto ctx = copy.Context();  // the workspace keeps the context's clock
  auto ws = ctx.Open();
  Accounts accounts(*ws);
  CHECK_THROWS_AS(accounts.Login(kCurator, kPassword, "127.0.0.1"), LoginRefused);
  CHECK_NOTHROW(accounts.Login(kCurator, kPassword, "192.0.2.10"));
}
