// Two writers on one database: a bulk advance of a whole stage (with its documents) in one
// process while the other takes single commands. Documents are rendered before the write
// transaction, so the write lock is held for milliseconds: nobody gets «database is locked»,
// a 500 or an exit code 1, and a single command waits far less than the bulk advance takes.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "tests/HttpTesting.h"

using namespace shnor;
using namespace shnor::test::http;
namespace fs = std::filesystem;

namespace {

using Steady = std::chrono::steady_clock;

constexpr int kSchools = 120;
constexpr int kFinished = 100;  // s-1 … s-100 can advance; the rest take the single commands
const std::string kAdvanceDay = "2024-03-01";

// Schools whose stage I is finished, an administrator account, and the documents folder beside.
struct BusyRegion {
  BusyRegion() {
    for (int i = 1; i <= kFinished; ++i) s.FinishStage("s-" + std::to_string(i));
    setenv("SHNOR_PASSWORD", kPassword.c_str(), 1);
    auto added = Shnor("user add " + kAdmin + " --role administrator");
    unsetenv("SHNOR_PASSWORD");
    REQUIRE(added.exit_code == 0);
  }
  test::ProcessResult Shnor(const std::string& args) const {
    return test::RunShnor("--db '" + db.string() + "' --today " + kAdvanceDay + " " + args);
  }
  app::CliContext Context() const {
    app::CliContext ctx;
    ctx.options.db = db.string();
    ctx.options.today = kAdvanceDay;
    return ctx;
  }
  test::SampleWorkspace s{"2024-02-10", kSchools};
  fs::path db = s.dir / "shnor.db";
};

struct Timed {
  long status = 0;
  double seconds = 0;
  std::string body;
};

Timed TimedPost(Client& client, const RunningServer& server, const std::string& path,
                const json& body) {
  const auto start = Steady::now();
  Reply reply = client.Send("POST", server.Url(path), body.dump());
  return {reply.status, std::chrono::duration<double>(Steady::now() - start).count(), reply.body};
}

// Withdraws and reinstates one school again and again (each makes its notice) until `done`.
std::vector<Timed> CommandsUntil(Client& client, const RunningServer& server,
                                 std::future<test::ProcessResult>& done) {
  std::vector<Timed> replies;
  const std::string school = "/api/cases/s-" + std::to_string(kSchools);
  for (int i = 0; done.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready; ++i) {
    replies.push_back(i % 2 == 0
                          ? TimedPost(client, server, school + "/withdraw",
                                      {{"reason", "Проверка параллельной работы"}})
                          : TimedPost(client, server, school + "/reinstate", json::object()));
  }
  return replies;
}

}  // namespace

TEST_CASE("a CLI bulk advance with documents and web commands at once: no 500, no exit 1",
          "[concurrency][docs]") {
  BusyRegion region;
  RunningServer server({}, {}, region.Context());
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  const auto start = Steady::now();
  auto bulk =
      std::async(std::launch::async, [&] { return region.Shnor("advance --all --stage I"); });
  std::vector<Timed> replies = CommandsUntil(client, server, bulk);
  const test::ProcessResult advanced = bulk.get();
  const double bulk_seconds = std::chrono::duration<double>(Steady::now() - start).count();
  INFO(advanced.out << advanced.err);
  // The schools whose stage is not finished are refused (exit 3), the rest advance.
  CHECK(advanced.exit_code == 3);
  CHECK(advanced.out.find("переведено " + std::to_string(kFinished) + " из") != std::string::npos);
  CHECK(advanced.err.find("locked") == std::string::npos);
  double slowest = 0;
  for (const Timed& t : replies) {
    INFO(t.body);
    CHECK(t.status == 200);
    slowest = std::max(slowest, t.seconds);
  }
  WARN("bulk advance " << bulk_seconds << " s; " << replies.size() << " web commands, the slowest "
                       << slowest << " s");
  REQUIRE(replies.size() >= 2);
  // Before, the write lock was held while the whole batch's documents were rendered.
  CHECK(slowest < std::max(0.5, bulk_seconds / 4));
  auto show = region.Shnor("status --stage II");
  CHECK(show.out.find("s-" + std::to_string(kFinished)) != std::string::npos);
  auto check = region.Shnor("fsck");
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

TEST_CASE("a web bulk advance and CLI commands at once: every command exits 0",
          "[concurrency][docs]") {
  BusyRegion region;
  RunningServer server({}, {}, region.Context());
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  // Catch's assertions stay on this thread: the other only runs the commands.
  std::atomic<bool> finished = false;
  auto commands = std::async(std::launch::async, [&] {
    std::vector<test::ProcessResult> results;
    const std::string school = "s-" + std::to_string(kSchools);
    for (int i = 0; !finished; ++i) {
      results.push_back(region.Shnor(i % 2 == 0 ? "withdraw " + school + " --reason Проверка"
                                                : "reinstate " + school));
      // A pause between commands, as people leave: back to back they would keep both cores
      // busy, and the job, which runs at nice 10, would take many minutes under the sanitizers.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return results;
  });
  // However this test ends, the commands stop: a failed check must not leave the future's
  // destructor waiting for a loop that never ends.
  struct StopOnExit {
    std::atomic<bool>& flag;
    ~StopOnExit() { flag = true; }
  } stop{finished};
  Reply started = client.Send("POST", server.Url("/api/stages/I/advance"), "{}");
  const json job = AwaitJob(client, server, started, 300).Json()["job"];
  finished = true;
  const auto results = commands.get();
  INFO(job.dump());
  CHECK(job["state"] == "done");
  CHECK(job["result"]["advanced"] == kFinished);
  REQUIRE(!results.empty());
  for (const auto& c : results) {
    INFO(c.out << c.err);
    CHECK(c.exit_code == 0);
  }
}
