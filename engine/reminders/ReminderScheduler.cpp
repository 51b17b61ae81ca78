#include "engine/reminders/ReminderScheduler.h"

#include <algorithm>

#include "storage/OutboxRepository.h"

namespace shnor {
namespace {

std::string PlannedDayKey(const storage::CampaignRecord& campaign) {
  return "reminders.planned_day." + campaign.code;
}

// Marked after the letters are stored: a crash in between plans the day again, and the outbox's
// keys turn that second plan into nothing. A day earlier than the last one (a catch-up run of
// `shnor remind --today`) does not move the mark back.
void MarkPlanned(Workspace& ws, const storage::CampaignRecord& campaign, Date day) {
  auto last = ws.Setting(PlannedDayKey(campaign));
  std::string text = FormatIsoDate(day);
  if (!last || *last < text) ws.SetSetting(PlannedDayKey(campaign), text);
}

}  // namespace

ReminderPass RunReminderPass(Workspace& ws, const storage::CampaignRecord& campaign,
                             mail::Channel& channel, const mail::MailAddress& from, Date day,
                             bool dry_run) {
  ReminderPass pass;
  ReminderPlanner planner(ws, campaign);
  pass.plan = planner.Plan(day);
  if (dry_run) return pass;
  pass.planned = true;
  pass.written = planner.Write(pass.plan);
  MarkPlanned(ws, campaign, day);
  pass.delivery = DeliverDue(ws, campaign, channel, from);
  return pass;
}

ReminderScheduler::ReminderScheduler(Workspace& ws, const storage::CampaignRecord& campaign,
                                     mail::Channel& channel, mail::MailAddress from, int hour)
    : ws_(ws), campaign_(campaign), channel_(channel), from_(std::move(from)), hour_(hour) {}

Date ReminderScheduler::PlanningDay(TimePoint now) const {
  Date today = LocalDate(now, campaign_.utc_offset_minutes);
  TimePoint moment =
      StartOfLocalDay(today, campaign_.utc_offset_minutes) + std::chrono::hours{hour_};
  return now >= moment ? today : AddDays(today, -1);
}

std::optional<Date> ReminderScheduler::LastPlannedDay() {
  auto text = ws_.Setting(PlannedDayKey(campaign_));
  if (!text) return std::nullopt;
  return ParseIsoDate(*text);
}

ReminderPass ReminderScheduler::Tick(TimePoint& next_wake) {
  TimePoint now = ws_.clock().Now();
  Date day = PlanningDay(now);
  ReminderPass pass;
  auto last = LastPlannedDay();
  if (!last || DaysBetween(*last, day) > 0) {
    ReminderPlanner planner(ws_, campaign_);
    pass.planned = true;
    pass.plan = planner.Plan(day);
    pass.written = planner.Write(pass.plan);
    MarkPlanned(ws_, campaign_, day);
  }
  pass.delivery = DeliverDue(ws_, campaign_, channel_, from_);
  next_wake =
      StartOfLocalDay(AddDays(day, 1), campaign_.utc_offset_minutes) + std::chrono::hours{hour_};
  if (auto retry = storage::OutboxRepository(ws_.db()).NextAttempt(campaign_.id)) {
    next_wake = std::min(next_wake, TimePoint{std::chrono::seconds{*retry}});
  }
  return pass;
}

}  // namespace shnor
