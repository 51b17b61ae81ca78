#pragma once
// What the HTTP tests share: the sample region imported once by the real CLI with an account per
// role, a server on an ephemeral port on its own thread, and a libcurl client that keeps its
// session cookie and CSRF token.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/ApiRoutes.h"
#include "app/CliContext.h"
#include "app/HttpServer.h"
#include "engine/cases/CaseService.h"
#include "tests/TestSupport.h"

namespace shnor::test::http {

using nlohmann::json;

inline const std::string kToday = "2024-02-10";
inline const std::string kPassword = "пароль-для-тестов";
inline const std::string kAdmin = "admin@example.ru";
inline const std::string kObserver = "observer@example.ru";
inline const std::string kVagai = "vagai@example.ru";  // the coordinator of Вагайский район
inline const std::string kSchool =
    "school@example.ru";  // tmn-001, whose documents the fixture makes
inline const std::string kVagaiSchool = "tmn-030";
inline const std::string kCurator = "curator@example.ru";  // А.С. Берестова: г. Тюмень and others
inline const std::string kVagaiCurator = "vereskova@example.ru";  // Вагайский, Тобольский
inline const std::string kTyumenCoordinator = "tyumen@example.ru";  // the coordinator of г. Тюмень

// The sample region imported by the real CLI once for the whole file, with one submitted task
// and two documents of tmn-001 made by DocumentService.
struct SampleDatabase {
  SampleDatabase() {
    const std::string sample = (test::SourceDir() / "samples/tyumen-2024").string();
    for (const std::string& args : std::vector<std::string>{
             "init", "import schools '" + sample + "/schools.csv'",
             "import people '" + sample + "/people.csv'", "task submit tmn-001 deep-analysis"}) {
      auto r = test::RunShnor("--db '" + db.string() + "' --today " + kToday + " " + args);
      REQUIRE(r.exit_code == 0);
    }
    AddUsers();
    app::CliContext ctx = Context();
    auto ws = ctx.Open();
    auto campaign = ws->Campaign("");
    auto case_id = CaseService(*ws).CaseOfSchool(campaign, "tmn-001");
    auto service = ctx.Documents(*ws);
    for (const char* kind : {"road-map", "interview-protocol"}) {
      for (auto& d : service->Make(campaign, DocumentRequest{kind, case_id, nullptr, {}})) {
        documents.push_back(d);
      }
    }
  }
  // The accounts every test signs in with, made by the real `shnor user` command.
  void AddUsers() {
    setenv("SHNOR_PASSWORD", kPassword.c_str(), 1);
    for (const std::string& args : std::vector<std::string>{
             "user add " + kAdmin + " --role administrator --name 'Администратор Тестов'",
             "user add " + kObserver + " --role observer",
             "user add " + kVagai + " --role coordinator --person a.klyukvin@example.ru",
             "user add " + kSchool + " --role school --person v.moroshkina@example.ru",
             "user add " + kCurator + " --role curator --person a.berestova@example.ru",
             "user add " + kVagaiCurator + " --role curator --person i.vereskova@example.ru",
             "user add " + kTyumenCoordinator +
                 " --role coordinator --person d.brusnikina@example.ru"}) {
      auto r = test::RunShnor("--db '" + db.string() + "' " + args);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
    }
    unsetenv("SHNOR_PASSWORD");
    auto r = test::RunShnor("--db '" + db.string() + "' user token " + kObserver);
    REQUIRE(r.exit_code == 0);
    token = r.out.substr(0, r.out.find('\n'));
  }
  app::CliContext Context() const { return ContextOf(db); }
  static app::CliContext ContextOf(const std::filesystem::path& db_file) {
    app::CliContext ctx;
    ctx.options.db = db_file.string();
    ctx.options.today = kToday;
    return ctx;
  }
  test::TempDir dir;
  std::filesystem::path db = dir / "shnor.db";
  std::vector<storage::DocumentRecord> documents;
  std::string token;  // the observer's API token
};

inline const SampleDatabase& Sample() {
  static SampleDatabase sample;
  return sample;
}

// A copy of the sample's database and documents for a test that changes them, so the tests
// that only read keep seeing the sample as it was made.
struct SampleCopy {
  SampleCopy() {
    std::filesystem::copy_file(Sample().db, db);
    // The audit key goes with its database, as it would be restored with a backup.
    for (const char* file : {".audit-key", ".audit-key.head"}) {
      std::filesystem::copy_file(Sample().db.string() + file, db.string() + file);
    }
    // Written by a server still open on the sample: SQLite replays it on opening the copy.
    auto wal = Sample().db.string() + "-wal";
    if (std::filesystem::exists(wal)) std::filesystem::copy_file(wal, db.string() + "-wal");
    std::filesystem::copy(Sample().dir / "documents", dir / "documents",
                          std::filesystem::copy_options::recursive);
  }
  app::CliContext Context() const { return SampleDatabase::ContextOf(db); }
  test::TempDir dir;
  std::filesystem::path db = dir / "shnor.db";
};

// A server on an ephemeral port, run on its own thread as `shnor serve` runs it on the main one.
class RunningServer {
 public:
  explicit RunningServer(app::ServerLimits limits = {}, app::AuthOptions auth = {},
                         app::CliContext ctx = Sample().Context())
      : ctx_(std::move(ctx)) {
    ws_ = ctx_.Open();
    routes_ = std::make_unique<app::ApiRoutes>(*ws_, "", ctx_.DocumentsRoot(), auth);
    server_ = std::make_unique<app::HttpServer>(
        "127.0.0.1", 0, [this](const app::HttpRequest& r) { return routes_->Handle(r); }, limits);
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const { return server_->url() + path; }
  unsigned short port() const { return server_->port(); }

 private:
  app::CliContext ctx_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<app::ApiRoutes> routes_;
  std::unique_ptr<app::HttpServer> server_;
  std::thread thread_;
};

struct Reply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  json Json() const { return json::parse(body); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One libcurl handle: requests made through the same Client reuse its connection.
class Client {
 public:
  Client() : curl_(curl_easy_init()) { REQUIRE(curl_ != nullptr); }
  ~Client() { curl_easy_cleanup(curl_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Reply Get(const std::string& url) { return Send("GET", url, ""); }
  // Signs in through POST /api/login; later requests carry the cookie and the CSRF token.
  Reply LogIn(const std::string& base_url, const std::string& login,
              const std::string& password = kPassword) {
    json credentials = {{"login", login}, {"password", password}};
    Reply reply = Send("POST", base_url + "/api/login", credentials.dump());
    auto cookie = reply.Header("set-cookie");
    if (reply.status == 200) {
      cookie_ = cookie.substr(0, cookie.find(';'));
      csrf_ = reply.Json()["csrf_token"];
    }
    return reply;
  }
  void Forget() { cookie_.clear(), csrf_.clear(); }
  const std::string& csrf() const { return csrf_; }
  Reply Send(const std::string& method, const std::string& url, const std::string& body,
             curl_slist* headers = nullptr) {
    curl_slist* all = nullptr;  // the caller's headers and the session's; the caller frees theirs
    for (curl_slist* h = headers; h; h = h->next) all = curl_slist_append(all, h->data);
    if (!cookie_.empty()) {
      all = curl_slist_append(all, ("Cookie: " + cookie_).c_str());
      if (send_csrf) all = curl_slist_append(all, ("X-CSRF-Token: " + csrf_).c_str());
    }
    Reply reply = Perform(method, url, body, all);
    curl_slist_free_all(all);
    return reply;
  }
  bool send_csrf = true;

 private:
  Reply Perform(const std::string& method, const std::string& url, const std::string& body,
                curl_slist* headers) {
    Reply reply;
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_PATH_AS_IS, 1L);  // send "/../" as written
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (!body.empty()) {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    }
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Client::OnBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &Client::OnHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &reply.headers);
    if (curl_easy_perform(curl_) == CURLE_OK) {
      curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
    }
    return reply;
  }

 public:
  long NewConnections() {  // made by the last request
    long count = -1;
    curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &count);
    return count;
  }
  std::string Escape(const std::string& text) {
    char* escaped = curl_easy_escape(curl_, text.c_str(), static_cast<int>(text.size()));
    std::string result(escaped);
    curl_free(escaped);
    return result;
  }

 private:
  static size_t OnBody(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
  }
  static size_t OnHeader(char* data, size_t size, size_t n, void* out) {
    std::string line(data, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      value.erase(value.find_last_not_of("\r\n") + 1);
      (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return size * n;
  }
  CURL* curl_;
  std::string cookie_;  // "shnor_session=..."
  std::string csrf_;
};

inline std::vector<std::string> Codes(const Reply& reply) {
  std::vector<std::string> codes;
  json body = reply.Json();  // kept: a range-for over a temporary's member would dangle
  for (const auto& row : body["cases"]) codes.push_back(row["code"]);
  return codes;
}

inline void CheckJsonError(const Reply& reply, long status, const std::string& code) {
  CHECK(reply.status == status);
  CHECK(reply.Header("content-type") == "application/json; charset=utf-8");
  auto error = reply.Json()["error"];
  CHECK(error["code"] == code);
  CHECK_FALSE(error["message"].get<std::string>().empty());
}

// A raw TCP connection, for what curl will not do: stall in the middle of a request.
inline int ConnectRaw(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  timeval wait{2, 0};  // a safety net: the server must close well before
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  return fd;
}

// Long work answers 202 with a job: polls GET /api/jobs/ID until it has finished, and returns
// that last answer (its "job" with "state", "done", "total", "refused" and "result").
// Polls the job every 50 ms for at most `seconds` (a sanitizer build runs a job many times slower).
inline Reply AwaitJob(Client& client, const RunningServer& server, const Reply& started,
                      int seconds = 30) {
  REQUIRE(started.status == 202);
  const std::string id = started.Json()["job"]["id"];
  for (int i = 0; i < seconds * 20; ++i) {
    Reply now = client.Get(server.Url("/api/jobs/" + id));
    REQUIRE(now.status == 200);
    if (now.Json()["job"]["state"] != "running") return now;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  FAIL("the job did not finish in " << seconds << " s");
  return {};
}

}  // namespace shnor::test::http
