// shnor remind, outbox and scheduler as a curator's office runs them: into a folder of .eml
// files, through a real SMTP server, and against one that is down.
#include <SQLiteCpp/SQLiteCpp.h>
#include <curl/curl.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "engine/reminders/ReminderPlanner.h"
#include "tests/MailParsing.h"
#include "tests/SmtpSink.h"
#include "tests/TestSupport.h"

using namespace shnor;
using Catch::Contains;
using test::RunShnor;

namespace {

const std::string kSample = (test::SourceDir() / "samples/tyumen-2024").string();

struct RemindSample {
  RemindSample() {
    REQUIRE(Run("init").exit_code == 0);
    REQUIRE(Run("import schools '" + kSample + "/schools.csv'").exit_code == 0);
    REQUIRE(Run("import people '" + kSample + "/people.csv'").exit_code == 0);
  }
  // 31 January 2024: every school is told that its team is due in 7 working days.
  test::ProcessResult Run(const std::string& args, const std::string& today = "2024-01-31") {
    return RunShnor("--db '" + db().string() + "' --today " + today + " " + args);
  }
  std::filesystem::path db() const { return dir / "shnor.db"; }
  std::filesystem::path mail() const { return dir / "letters"; }
  std::vector<std::filesystem::path> Letters() const {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::exists(mail())) return files;
    for (const auto& entry : std::filesystem::directory_iterator(mail())) {
      files.push_back(entry.path());
    }
    return files;
  }
  test::TempDir dir;
};

// Plans the day's letters beforehand, on a clock earlier than any process's. Each shnor started
// with --today counts from 11:00 UTC of that day at its own start, so a letter one process plans
// may lie a second ahead of another's clock, which then does not see it due yet.
void PlanAhead(const std::filesystem::path& db, const std::string& day) {
  Date date = *ParseIsoDate(day);
  SimulatedClock clock(StartOfLocalDay(date, 300) + std::chrono::hours{9});
  Workspace ws(db, storage::OpenMode::MustExist, clock);
  ws.UseCalendar(test::ShippedCalendar());
  auto campaign = ws.Campaign("");
  ReminderPlanner planner(ws, campaign);
  REQUIRE(planner.Write(planner.Plan(date)).planned >= 60);
}

// SHNOR_SMTP_* for one test; children of the test inherit them.
struct SmtpEnvironment {
  explicit SmtpEnvironment(unsigned short port) {
    setenv("SHNOR_SMTP_HOST", "127.0.0.1", 1);
    setenv("SHNOR_SMTP_PORT", std::to_string(port).c_str(), 1);
    setenv("SHNOR_SMTP_SECURITY", "none", 1);
  }
  ~SmtpEnvironment() {
    for (const char* name :
         {"SHNOR_SMTP_HOST", "SHNOR_SMTP_PORT", "SHNOR_SMTP_SECURITY", "SHNOR_SMTP_USER",
          "SHNOR_SMTP_PASSWORD", "SHNOR_SMTP_ALLOW_PLAIN_AUTH"}) {
      unsetenv(name);
    }
  }
};

// How many times the sink received each Message-ID (of one day's letters when `day` is given).
std::map<std::string, int> TimesByMessageId(const std::vector<test::ReceivedMail>& received,
                                            const std::string& day = "") {
  std::map<std::string, int> times;
  for (const auto& mail : received) {
    std::string id = test::RawHeader(mail.data, "Message-ID");
    if (day.empty() || id.find("<reminder." + day + ".") != std::string::npos) ++times[id];
  }
  return times;
}

// The sum of the numbers after `label` in a command's output ("Отправлено: 12" on each pass of a
// scheduler); 0 when the output does not say.
int SumAfter(const std::string& text, const std::string& label) {
  int sum = 0;
  std::regex number(label + "([0-9]+)");
  for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it) {
    sum += std::stoi((*it)[1]);
  }
  return sum;
}

// The address `shnor serve` printed once it listens, or "" when it did not within a minute.
std::string ListeningUrl(const test::BackgroundShnor& server) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  std::smatch match;
  std::regex listening("Сервер слушает (http://[^ ]+)");
  for (;;) {
    std::string out = server.out();
    if (std::regex_search(out, match, listening)) return match[1];
    if (std::chrono::steady_clock::now() > deadline) return "";
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
}

// The HTTP status of a GET, or 0 when there was no answer.
long HttpStatus(const std::string& url) {
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  return status;
}

int LettersOfDayNotSent(const std::filesystem::path& db, const std::string& day) {
  SQLite::Database raw(db.string());
  SQLite::Statement q(raw, "SELECT count(*) FROM outbox WHERE day = ? AND status <> 'sent'");
  q.bind(1, day);
  q.executeStep();
  return q.getColumn(0).getInt();
}

// The lines of `text` that contain `needle`.
std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

std::string Subject(const std::string& letter) {
  std::string subject;
  for (const auto& word : test::EncodedWords(test::RawHeader(letter, "Subject"))) subject += word;
  return subject;
}

}  // namespace

TEST_CASE("cli remind dry run lists the letters and stores nothing", "[cli][reminders]") {
  RemindSample s;
  auto r = s.Run("remind --dry-run --mail-dir '" + s.mail().string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Напоминания на 31.01.2024") && Contains("пробный прогон"));
  CHECK_THAT(r.out, Contains("ответственный от ОО"));
  CHECK(s.Letters().empty());
  CHECK_THAT(s.Run("outbox").out, Contains("ожидают — 0, отправлено — 0, не отправлено — 0"));
}

TEST_CASE("cli remind writes the day's letters once, as .eml files", "[cli][reminders]") {
  RemindSample s;
  std::string args = "remind --mail-dir '" + s.mail().string() + "'";
  auto first = s.Run(args);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  auto files = s.Letters();
  REQUIRE(files.size() >= 60);  // at least one per school's responsible person
  auto second = s.Run(args);
  CHECK_THAT(second.out, Contains("В очередь писем добавлено: 0; уже были в очереди"));
  CHECK(s.Letters().size() == files.size());
  std::string letter = test::ReadText(files.front());
  CHECK_THAT(Subject(letter), Contains("Проект ШНОР: сроки задач на 31.01.2024"));
  CHECK_THAT(test::RawHeader(letter, "Message-ID"), Contains("<reminder.2024-01-31."));
  auto outbox = s.Run("outbox --status sent");
  CHECK_THAT(outbox.out, Contains("отправлено — " + std::to_string(files.size())));
  // A Saturday sends nothing.
  CHECK_THAT(s.Run(args, "2024-02-03").out, Contains("нерабочий день"));
}

TEST_CASE("cli remind delivers through a real SMTP server with a Cyrillic subject",
          "[cli][reminders][smtp]") {
  RemindSample s;
  test::SmtpSink sink;
  SmtpEnvironment env(sink.port());
  auto r = s.Run("remind");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto received = sink.Received();
  REQUIRE(received.size() >= 60);
  const auto& first = received.front();
  REQUIRE(first.recipients.size() == 1);
  CHECK_THAT(Subject(first.data), Contains("сроки задач на 31.01.2024"));
  CHECK_THAT(first.data, Contains("text/plain") && Contains("text/html"));
  CHECK_THAT(s.Run("outbox").out, Contains("отправлено — " + std::to_string(received.size())));
}

TEST_CASE("cli remind refuses SMTP AUTH in clear text before planning or sending a letter",
          "[cli][reminders][smtp]") {
  RemindSample s;
  test::SmtpSink sink;
  SmtpEnvironment env(sink.port());
  setenv("SHNOR_SMTP_USER", "reminders", 1);
  setenv("SHNOR_SMTP_PASSWORD", "s3cret-пароль", 1);
  auto refused = s.Run("remind");
  CHECK(refused.exit_code == 4);
  CHECK_THAT(refused.err, Contains("SHNOR_SMTP_USER") && Contains("открытым текстом") &&
                              Contains("SHNOR_SMTP_ALLOW_PLAIN_AUTH=local-relay"));
  CHECK(sink.Received().empty());
  CHECK_THAT(s.Run("outbox").out, Contains("ожидают — 0, отправлено — 0, не отправлено — 0"));

  // A relay on this machine, named so: the letters go.
  setenv("SHNOR_SMTP_ALLOW_PLAIN_AUTH", "local-relay", 1);
  auto sent = s.Run("remind");
  INFO(sent.err);
  CHECK(sent.exit_code == 0);
  CHECK(sink.Received().size() >= 60);
}

TEST_CASE("cli remind with the SMTP server down keeps every letter for a retry",
          "[cli][reminders][smtp]") {
  RemindSample s;
  SmtpEnvironment env(test::ClosedLoopbackPort());
  auto r = s.Run("remind");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("ошибка отправки") && Contains("127.0.0.1"));
  CHECK_THAT(r.err, Contains("shnor outbox"));
  auto outbox = s.Run("outbox --status planned");
  CHECK_THAT(outbox.out, Contains("отправлено — 0, не отправлено — 0"));
  CHECK_THAT(outbox.out, Contains("ожидает отправки"));
}

TEST_CASE("cli scheduler plans the day at once, then stops cleanly on SIGTERM",
          "[cli][reminders]") {
  RemindSample s;
  auto out = s.dir / "scheduler.out";
  auto pid_file = s.dir / "scheduler.pid";
  std::string command = "'" + std::string(SHNOR_BINARY) + "' --db '" + s.db().string() +
                        "' --today 2024-01-31 scheduler --mail-dir '" + s.mail().string() +
                        "' > '" + out.string() + "' 2>&1 < /dev/null & echo $! > '" +
                        pid_file.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (test::ReadText(out).find("Следующий запуск") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  std::string pid = test::ReadText(pid_file);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  REQUIRE_FALSE(pid.empty());
  std::system(("kill -TERM " + pid).c_str());
  while (std::system(("kill -0 " + pid + " 2> /dev/null").c_str()) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  std::string log = test::ReadText(out);
  INFO(log);
  CHECK_THAT(log, Contains("Напоминания на 31.01.2024"));
  CHECK_THAT(log, Contains("Следующий запуск: 2024-02-01 08:00:00 +05:00"));
  CHECK_THAT(log, Contains("Планировщик остановлен."));
  CHECK(s.Letters().size() >= 60);
  // The restarted scheduler (or a cron run) does not plan the day again.
  CHECK_THAT(s.Run("remind --mail-dir '" + s.mail().string() + "'").out, Contains("добавлено: 0"));
}

TEST_CASE("two remind processes and serve's scheduler at once send each letter exactly once",
          "[cli][reminders][smtp]") {
  RemindSample s;
  test::SmtpSinkOptions slow;
  slow.reply_delay = std::chrono::milliseconds{80};  // a pass takes seconds: the senders overlap
  test::SmtpSink sink(slow);
  SmtpEnvironment env(sink.port());
  PlanAhead(s.db(), "2024-01-31");
  std::string on_day = "--db '" + s.db().string() + "' --today 2024-01-31 ";
  test::BackgroundShnor serve(on_day + "serve --listen 127.0.0.1:0");
  test::BackgroundShnor first(on_day + "remind");
  test::BackgroundShnor second(on_day + "remind");
  CHECK(first.Wait() == 0);
  CHECK(second.Wait() == 0);
  // The server's first reminder pass runs before it answers a request.
  std::string url = ListeningUrl(serve);
  INFO(serve.out() + serve.err());
  REQUIRE_FALSE(url.empty());
  CHECK(HttpStatus(url + "/api/me") > 0);
  serve.Signal(SIGTERM);
  CHECK(serve.Wait() == 0);

  INFO(first.out() + first.err() + second.out() + second.err());
  auto outbox = s.Run("outbox --status sent");
  int sent = SumAfter(outbox.out, ", отправлено — ");
  REQUIRE(sent >= 60);
  CHECK_THAT(outbox.out, Contains("ожидают — 0"));
  auto times = TimesByMessageId(sink.Received());
  CHECK(times.size() == static_cast<std::size_t>(sent));
  for (const auto& [id, count] : times) {
    INFO(id);
    CHECK(count == 1);
  }
  int by_first = SumAfter(first.out(), "Отправлено: ");
  int by_second = SumAfter(second.out(), "Отправлено: ");
  int by_serve = SumAfter(serve.out(), "Отправлено: ");
  CHECK(by_first + by_second + by_serve == sent);
  // The race was real: letters went from more than one process while the others were sending.
  CHECK((by_first > 0) + (by_second > 0) + (by_serve > 0) >= 2);
}

TEST_CASE(
    "a remind killed between sending and marking leaves that letter marked as perhaps "
    "sent twice",
    "[cli][reminders][smtp]") {
  RemindSample s;
  std::atomic<pid_t> victim{-1};
  std::atomic<int> stored{0};
  std::mutex mutex;
  std::string killed_id, killed_to;
  test::SmtpSinkOptions options;
  options.on_stored = [&](const test::ReceivedMail& mail) {
    if (++stored != 3 || victim <= 0) return;
    kill(victim, SIGKILL);  // the letter is at the server; its sender never hears the "250"
    std::lock_guard lock(mutex);
    killed_id = test::RawHeader(mail.data, "Message-ID");
    killed_to = mail.recipients.front();
  };
  test::SmtpSink sink(options);
  SmtpEnvironment env(sink.port());
  {
    test::BackgroundShnor killed("--db '" + s.db().string() + "' --today 2024-01-31 remind");
    victim = killed.pid();
    CHECK(killed.Wait() == -1);
  }
  std::lock_guard lock(mutex);
  REQUIRE_FALSE(killed_id.empty());
  CHECK_THAT(s.Run("outbox --day 2024-01-31").out, Contains("отправляется"));

  // At once, another pass leaves the letters the dead process held: it may still be alive.
  auto again = s.Run("remind");
  INFO(again.out + again.err);
  CHECK(again.exit_code == 0);
  CHECK(TimesByMessageId(sink.Received())[killed_id] == 1);
  CHECK(LettersOfDayNotSent(s.db(), "2024-01-31") > 0);

  // Once their lease has run out (a pass the next day), they are sent; the one that was at the
  // server when its sender died arrives twice, and the outbox says it may have.
  auto next_day = s.Run("remind", "2024-02-01");
  INFO(next_day.out + next_day.err);
  CHECK(next_day.exit_code == 0);
  CHECK_THAT(next_day.out, Contains("повторно после сбоя: 1"));
  CHECK(LettersOfDayNotSent(s.db(), "2024-01-31") == 0);
  for (const auto& [id, count] : TimesByMessageId(sink.Received(), "2024-01-31")) {
    INFO(id);
    CHECK(count == (id == killed_id ? 2 : 1));
  }
  auto remarks = LinesWith(s.Run("outbox --day 2024-01-31").out,
                           "повторная отправка после сбоя: письмо могло быть доставлено дважды");
  REQUIRE(remarks.size() == 1);
  CHECK_THAT(remarks.front(), Contains(killed_to));
}
