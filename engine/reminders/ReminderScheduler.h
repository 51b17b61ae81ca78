#pragma once
// When reminders are planned and sent. `shnor remind` makes one pass; `shnor scheduler` (later
// `shnor serve`) calls Tick whenever its timer fires and sleeps until the moment Tick returns.
// Each campaign remembers the last day it planned, so a restarted process plans a missed day
// once and never the same day twice (and the outbox's keys would refuse a second plan anyway).
#include <optional>
#include <string>

#include "engine/letters/MailChannel.h"
#include "engine/reminders/OutboxDelivery.h"
#include "engine/reminders/ReminderPlanner.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

struct ReminderPass {
  bool planned = false;  // a day was planned (a scheduler's tick may only deliver)
  ReminderPlan plan;
  PlanWriteResult written;
  DeliveryReport delivery;
};

// Plans `day`'s letters and stores them, then delivers every due letter. With `dry_run` only
// plans: nothing is stored or sent. Records `day` as planned for the scheduler.
ReminderPass RunReminderPass(Workspace& workspace, const storage::CampaignRecord& campaign,
                             mail::Channel& channel, const mail::MailAddress& from, Date day,
                             bool dry_run);

class ReminderScheduler {
 public:
  // `hour`: the local hour (0–23) at which a day's letters are planned.
  ReminderScheduler(Workspace& workspace, const storage::CampaignRecord& campaign,
                    mail::Channel& channel, mail::MailAddress from, int hour);

  // Plans the latest planning day that has come and was not planned yet, then delivers what is
  // due. Sets `next_wake` to the next planning moment or the next retry, whichever is first.
  ReminderPass Tick(TimePoint& next_wake);

  // The day whose planning moment is the latest one at or before `now`.
  Date PlanningDay(TimePoint now) const;
  std::optional<Date> LastPlannedDay();

 private:
  Workspace& ws_;
  storage::CampaignRecord campaign_;
  mail::Channel& channel_;
  mail::MailAddress from_;
  int hour_;
};

}  // namespace shnor
