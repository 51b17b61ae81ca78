#pragma once
// One wake of the reminder scheduler as `shnor scheduler` and `shnor serve` run it: a Tick, its
// report on the console, and how long to sleep until the next one.
#include <chrono>

#include "engine/calendar/Clock.h"
#include "engine/reminders/ReminderScheduler.h"

namespace shnor::app {

class ReminderTicker {
 public:
  // REQUIRES: `scheduler` and `clock` outlive this object.
  ReminderTicker(ReminderScheduler& scheduler, const Clock& clock, int offset_minutes)
      : scheduler_(scheduler), clock_(clock), offset_(offset_minutes) {}

  // Plans and delivers what is due, prints what it did, and returns the pause until the next
  // planning moment or retry: at least a second, at most kLongestSleep.
  std::chrono::steady_clock::duration Tick();

  // Wakes at least this often, so a changed system clock or a letter put back by
  // `shnor outbox --retry` is noticed without a restart.
  static constexpr std::chrono::minutes kLongestSleep{10};

 private:
  void Report(const ReminderPass& pass, TimePoint next);

  ReminderScheduler& scheduler_;
  const Clock& clock_;
  int offset_;
};

}  // namespace shnor::app
