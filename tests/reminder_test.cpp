// Reminders end to end on a real database: when a task triggers a letter, the planner walked day
// by day with a simulated clock, idempotent planning, delivery with retries and crashes, and the
// scheduler's catch-up.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "engine/reminders/LetterStatusNames.h"
#include "engine/reminders/OutboxDelivery.h"
#include "engine/reminders/ReminderScheduler.h"
#include "engine/reminders/ReminderTrigger.h"
#include "storage/CampaignRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OutboxRepository.h"
#include "tests/MemoryChannel.h"
#include "tests/TestSupport.h"

using namespace shnor;
using Catch::Contains;

namespace {

Date Day(const char* iso) {
  return *ParseIsoDate(iso);
}

std::optional<ReminderTrigger> On(const char* today, const char* due,
                                  const ReminderPolicy& policy = {}) {
  return TriggerOn(policy, test::ShippedCalendar(), Day(today), Day(due));
}

// The sample workspace with people: s-1 and s-2 have a responsible person, s-3 has none; each
// municipality has a coordinator and one curator serves both.
struct RemindedRegion {
  test::SampleWorkspace sample{"2024-01-23", 3};
  mail::MailAddress from{"ТОГИРРО", "noreply@shnor.local"};

  RemindedRegion() {
    storage::DirectoryRepository people(sample.ws->db());
    auto municipalities =
        storage::CampaignRepository(sample.ws->db()).Municipalities(sample.campaign.id);
    auto add = [&](const std::string& name, const std::string& email, storage::PersonRole role,
                   std::optional<storage::Id> municipality, std::optional<storage::Id> school) {
      storage::PersonRecord p;
      p.campaign_id = sample.campaign.id;
      p.full_name = name;
      p.email = email;
      storage::Id id = people.InsertPerson(p);
      people.InsertRole({id, role, municipality, school});
    };
    storage::PersonRecord curator;
    curator.campaign_id = sample.campaign.id;
    curator.full_name = "Куратор Кураторова";
    curator.email = "curator@example.ru";
    storage::Id curator_id = people.InsertPerson(curator);
    for (const auto& m : municipalities) {
      add("Координатор " + m.name, "coord" + std::to_string(m.id) + "@example.ru",
          storage::PersonRole::Coordinator, m.id, std::nullopt);
      people.InsertRole({curator_id, storage::PersonRole::Curator, m.id, std::nullopt});
    }
    for (const char* code : {"s-1", "s-2"}) {
      auto school = people.FindSchool(sample.campaign.id, code);
      add(std::string("Ответственный ") + code, std::string(code) + "@example.ru",
          storage::PersonRole::SchoolContact, std::nullopt, school->school.id);
    }
  }

  ReminderPass PassOn(const char* iso, mail::Channel& channel) {
    Date day = Day(iso);
    sample.clock.Set(StartOfLocalDay(day, 300) + std::chrono::hours{9});
    return RunReminderPass(*sample.ws, sample.campaign, channel, from, day, false);
  }

  std::vector<storage::OutboxLetter> Letters(std::optional<storage::LetterStatus> status = {}) {
    return storage::OutboxRepository(sample.ws->db()).List(sample.campaign.id, status, "");
  }
};

const mail::MailMessage* LetterTo(const mail::MemoryChannel& channel, const std::string& email) {
  for (const auto& m : channel.sent()) {
    if (m.to.front().email == email) return &m;
  }
  return nullptr;
}

// A channel that accepts letters and then dies before its caller can record that: a kill
// between "sent" and "marked".
class DyingChannel : public mail::Channel {
 public:
  void Send(const mail::MailMessage& message) override {
    sent.push_back(message);
    throw std::runtime_error("процесс остановлен");
  }
  std::string Describe() const override { return "умирающий канал"; }
  std::vector<mail::MailMessage> sent;
};

}  // namespace

TEST_CASE("a task is reminded 7 and 1 working days before, on the day and after", "[reminders]") {
  // Due Friday 15.03.2024; 8 March is a holiday, so 7 working days before is Wednesday 5 March.
  auto seven = On("2024-03-05", "2024-03-15");
  REQUIRE(seven);
  CHECK(seven->kind == ReminderKind::Before);
  CHECK(seven->working_days == 7);
  CHECK(seven->owner);
  CHECK_FALSE(On("2024-03-06", "2024-03-15"));
  CHECK(On("2024-03-14", "2024-03-15")->working_days == 1);
  CHECK(On("2024-03-15", "2024-03-15")->kind == ReminderKind::OnDay);
  CHECK_FALSE(On("2024-03-16", "2024-03-15"));  // Saturday: no letters on days off
  auto first_late = On("2024-03-18", "2024-03-15");
  REQUIRE(first_late);
  CHECK(first_late->kind == ReminderKind::Overdue);
  CHECK(first_late->working_days == 1);
  CHECK(first_late->owner);
  CHECK_FALSE(first_late->coordinator);
}

TEST_CASE("an overdue task is escalated to the coordinator and then the curator", "[reminders]") {
  // Overdue working days after Friday 09.02.2024: 12 Feb is 1, 14 Feb is 3, 20 Feb is 7.
  auto third = On("2024-02-14", "2024-02-09");
  REQUIRE(third);
  CHECK(third->working_days == 3);
  CHECK_FALSE(third->owner);
  CHECK(third->coordinator);
  CHECK_FALSE(third->curator);
  auto fourth = On("2024-02-15", "2024-02-09");
  CHECK((fourth && fourth->owner && !fourth->coordinator));
  auto seventh = On("2024-02-20", "2024-02-09");
  REQUIRE(seventh);
  CHECK(seventh->owner);
  CHECK(seventh->curator);
  CHECK_FALSE(seventh->coordinator);
  CHECK(On("2024-02-19", "2024-02-09")->coordinator);  // 6th day: every 3 working days again

  ReminderPolicy quiet;
  quiet.escalate_coordinator = 0;
  quiet.escalate_curator = 0;
  quiet.overdue_every = 0;
  CHECK_FALSE(On("2024-02-14", "2024-02-09", quiet));
  CHECK(On("2024-02-12", "2024-02-09", quiet)->owner);  // the first day late is always said
}

TEST_CASE("the planner walked through the winter sends the right letters on the right days",
          "[reminders]") {
  RemindedRegion region;
  std::map<std::string, std::vector<mail::MailMessage>> by_day;
  std::vector<std::string> problems;
  Date day = Day("2024-01-23");
  for (; DaysBetween(day, Day("2024-02-29")) >= 0; day = AddDays(day, 1)) {
    mail::MemoryChannel channel;
    std::string iso = FormatIsoDate(day);
    ReminderPass pass = region.PassOn(iso.c_str(), channel);
    for (const auto& p : pass.plan.problems) problems.push_back(p);
    by_day[iso] = channel.sent();
  }
  auto text_to = [&](const std::string& iso, const std::string& email) -> std::string {
    for (const auto& m : by_day[iso]) {
      if (m.to.front().email == email) return m.text;
    }
    return "";
  };
  const std::string team = "Назначение управленческой команды";
  // team-appointed is due Friday 09.02.2024 and nobody submits it.
  CHECK_THAT(text_to("2024-01-31", "s-1@example.ru"), Contains(team));
  CHECK_THAT(text_to("2024-01-31", "s-1@example.ru"), Contains("осталось 7 рабочих дней"));
  CHECK_THAT(text_to("2024-02-08", "s-1@example.ru"), Contains("осталось 1 рабочий день"));
  CHECK_THAT(text_to("2024-02-09", "s-1@example.ru"), Contains("срок сегодня, 09.02.2024 23:59"));
  CHECK_THAT(text_to("2024-02-12", "s-1@example.ru"), Contains("просрочено на 1 рабочий день"));
  CHECK_THAT(text_to("2024-02-13", "s-1@example.ru"), !Contains(team));
  CHECK(by_day["2024-02-10"].empty());  // Saturday
  // Escalation: the coordinator of s-1's municipality on the 3rd day, the curator on the 7th.
  bool coordinator_told = false;
  for (const auto& m : by_day["2024-02-14"]) {
    if (m.to.front().email.rfind("coord", 0) == 0 && m.text.find(team) != std::string::npos) {
      coordinator_told = true;
      CHECK_THAT(m.text, Contains("переданные вам для контроля"));
      // Each coordinator hears only of the schools of their own municipality.
      bool s1 = m.text.find("код s-1") != std::string::npos;
      bool s2 = m.text.find("код s-2") != std::string::npos;
      CHECK(s1 != s2);
    }
  }
  CHECK(coordinator_told);
  CHECK_THAT(text_to("2024-02-20", "curator@example.ru"), Contains(team));
  CHECK_THAT(text_to("2024-02-20", "curator@example.ru"), Contains("просрочено на 7 рабочих дней"));
  for (const auto& m : by_day["2024-02-19"]) {
    if (m.to.front().email == "curator@example.ru") CHECK_THAT(m.text, !Contains(team));
  }
  // One letter per person per day, and no Message-ID ever twice.
  std::set<std::string> ids;
  for (const auto& [iso, letters] : by_day) {
    std::set<std::string> recipients;
    for (const auto& m : letters) {
      CHECK(recipients.insert(m.to.front().email).second);
      CHECK(ids.insert(m.message_id).second);
    }
  }
  // s-3 has nobody to tell, and the planner says so rather than dropping it silently.
  bool named = false;
  for (const auto& p : problems) named = named || p.find("s-3") != std::string::npos;
  CHECK(named);
}

TEST_CASE("running the same day twice plans and sends nothing new", "[reminders]") {
  RemindedRegion region;
  mail::MemoryChannel first, second;
  ReminderPass once = region.PassOn("2024-02-14", first);
  REQUIRE(once.written.planned > 0);
  CHECK(once.delivery.sent == once.written.planned);
  ReminderPass twice = region.PassOn("2024-02-14", second);
  CHECK(twice.written.planned == 0);
  CHECK(twice.written.already_planned == once.written.planned);
  CHECK(second.sent().empty());
  CHECK(region.Letters().size() == static_cast<std::size_t>(once.written.planned));
}

TEST_CASE(
    "a process killed while delivering loses no letter, and the one it had handed over is "
    "sent again after its lease and marked as perhaps doubled",
    "[reminders]") {
  RemindedRegion region;
  DyingChannel dying;
  // Killed after the server took the first letter but before it was marked sent.
  CHECK_THROWS(region.PassOn("2024-02-14", dying));
  REQUIRE(dying.sent.size() == 1);
  // Only that letter stays held; the rest of the batch was given back untouched.
  auto held = region.Letters(storage::LetterStatus::Sending);
  REQUIRE(held.size() == 1);
  CHECK(held.front().message_id == dying.sent.front().message_id);
  auto planned = region.Letters(storage::LetterStatus::Planned);
  REQUIRE_FALSE(planned.empty());
  for (const auto& l : planned) CHECK(l.attempts == 0);

  // At once, the restarted process plans nothing new and sends the others; the held letter waits
  // for its lease to run out, since its sender might still be alive.
  mail::MemoryChannel restarted;
  ReminderPass pass = region.PassOn("2024-02-14", restarted);
  CHECK(pass.written.planned == 0);
  CHECK(restarted.sent().size() == planned.size());
  CHECK(pass.delivery.resent == 0);

  // Then it goes again with the same Message-ID, so that the receiver can recognise it, and the
  // outbox says it may have arrived twice.
  region.sample.clock.Advance(std::chrono::minutes{5});
  DeliveryReport late =
      DeliverDue(*region.sample.ws, region.sample.campaign, restarted, region.from);
  CHECK(late.sent == 1);
  CHECK(late.resent == 1);
  CHECK(restarted.sent().back().message_id == dying.sent.front().message_id);
  auto sent = region.Letters(storage::LetterStatus::Sent);
  CHECK(sent.size() == planned.size() + 1);
  int doubled = 0;
  for (const auto& l : sent) {
    if (l.resends == 0) continue;
    ++doubled;
    CHECK(l.message_id == dying.sent.front().message_id);
    CHECK_THAT(LetterRemark(l, region.sample.clock.Now(), 300),
               Contains("могло быть доставлено дважды"));
  }
  CHECK(doubled == 1);
}

TEST_CASE("a temporary failure is retried after a pause and a lasting one is kept as failed",
          "[reminders]") {
  RemindedRegion region;
  mail::MemoryChannel channel;
  channel.FailAttempt(1);
  ReminderPass pass = region.PassOn("2024-02-14", channel);
  REQUIRE(pass.delivery.retrying == 1);
  auto waiting = region.Letters(storage::LetterStatus::Planned);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting.front().attempts == 1);
  CHECK_THAT(waiting.front().last_error, Contains("тестовый сбой"));
  std::int64_t now = region.sample.clock.Now().time_since_epoch().count();
  CHECK(waiting.front().next_attempt_at == now + 300);

  // Not before its time, then sent.
  CHECK(DeliverDue(*region.sample.ws, region.sample.campaign, channel, region.from).sent == 0);
  region.sample.clock.Advance(std::chrono::minutes{5});
  CHECK(DeliverDue(*region.sample.ws, region.sample.campaign, channel, region.from).sent == 1);
  CHECK(region.Letters(storage::LetterStatus::Planned).empty());

  // A refusal by the server is final at once, visible, and can be put back by a person.
  mail::MemoryChannel refusing;
  refusing.FailAttempt(1, true);
  region.PassOn("2024-02-20", refusing);
  auto failed = region.Letters(storage::LetterStatus::Failed);
  REQUIRE(failed.size() == 1);
  CHECK(failed.front().attempts == 1);
  storage::OutboxRepository outbox(region.sample.ws->db());
  CHECK(outbox.RetryFailed(region.sample.campaign.id, now) == 1);
  CHECK(region.Letters(storage::LetterStatus::Failed).empty());
}

TEST_CASE("a letter that keeps failing stops after the last attempt", "[reminders]") {
  RemindedRegion region;
  mail::MemoryChannel channel;
  for (int attempt = 1; attempt <= 10; ++attempt) channel.FailAttempt(attempt);
  region.PassOn("2024-01-31", channel);  // s-1 and s-2 are each told of 7 days left
  RetryPolicy policy;
  policy.max_attempts = 3;
  CHECK(RetryPause(policy, 1) == std::chrono::minutes{5});
  CHECK(RetryPause(policy, 2) == std::chrono::minutes{10});
  for (int round = 0; round < 5; ++round) {
    region.sample.clock.Advance(std::chrono::hours{1});
    DeliverDue(*region.sample.ws, region.sample.campaign, channel, region.from, policy);
  }
  auto failed = region.Letters(storage::LetterStatus::Failed);
  REQUIRE_FALSE(failed.empty());
  for (const auto& l : failed) CHECK(l.attempts == 3);
  CHECK(region.Letters(storage::LetterStatus::Sent).empty());
}

TEST_CASE("an unusable address is planned as failed and named", "[reminders]") {
  RemindedRegion region;
  storage::DirectoryRepository people(region.sample.ws->db());
  auto school = people.FindSchool(region.sample.campaign.id, "s-3");
  storage::PersonRecord p;
  p.campaign_id = region.sample.campaign.id;
  p.full_name = "Ответственный s-3";
  p.email = "s3@@example";
  people.InsertRole({people.InsertPerson(p), storage::PersonRole::SchoolContact, std::nullopt,
                     school->school.id});
  mail::MemoryChannel channel;
  ReminderPass pass = region.PassOn("2024-01-31", channel);
  CHECK(pass.written.unusable_addresses == 1);
  bool named = false;
  for (const auto& problem : pass.plan.problems) {
    named = named || problem.find("s3@@example") != std::string::npos;
  }
  CHECK(named);
  auto failed = region.Letters(storage::LetterStatus::Failed);
  REQUIRE(failed.size() == 1);
  CHECK_THAT(failed.front().last_error, Contains("s3@@example"));
  CHECK_FALSE(LetterTo(channel, "s3@@example"));
}

TEST_CASE("the scheduler catches up a missed day once and plans each day once", "[reminders]") {
  RemindedRegion region;
  mail::MemoryChannel channel;
  ReminderScheduler scheduler(*region.sample.ws, region.sample.campaign, channel, region.from, 8);
  // Started at 07:00 on Thursday 15 Feb: today's hour has not come, so the missed Wednesday is
  // planned now, once.
  region.sample.clock.Set(StartOfLocalDay(Day("2024-02-15"), 300) + std::chrono::hours{7});
  TimePoint next;
  ReminderPass first = scheduler.Tick(next);
  CHECK(first.planned);
  CHECK(first.plan.day == "2024-02-14");
  CHECK(next == StartOfLocalDay(Day("2024-02-15"), 300) + std::chrono::hours{8});
  CHECK_FALSE(scheduler.Tick(next).planned);

  // A restart at the same moment plans nothing again.
  ReminderScheduler restarted(*region.sample.ws, region.sample.campaign, channel, region.from, 8);
  CHECK_FALSE(restarted.Tick(next).planned);

  region.sample.clock.Set(StartOfLocalDay(Day("2024-02-15"), 300) + std::chrono::hours{8});
  ReminderPass today = restarted.Tick(next);
  CHECK(today.planned);
  CHECK(today.plan.day == "2024-02-15");
  CHECK(next == StartOfLocalDay(Day("2024-02-16"), 300) + std::chrono::hours{8});
  CHECK(static_cast<int>(channel.sent().size()) == first.written.planned + today.written.planned);
}

TEST_CASE("a dry run plans without storing or sending", "[reminders]") {
  RemindedRegion region;
  mail::MemoryChannel channel;
  Date day = Day("2024-02-14");
  region.sample.clock.Set(StartOfLocalDay(day, 300) + std::chrono::hours{9});
  ReminderPass pass =
      RunReminderPass(*region.sample.ws, region.sample.campaign, channel, region.from, day, true);
  CHECK_FALSE(pass.plan.letters.empty());
  CHECK(channel.sent().empty());
  CHECK(region.Letters().empty());
}
