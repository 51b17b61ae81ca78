#pragma once
// The time seam: nothing that decides a deadline or a window reads the system clock directly.
#include "engine/calendar/Date.h"

namespace shnor {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// A day chosen for the simulation (`--today`) that goes on with real time: a fixed offset from
// the machine's clock, taken when it is made. A server run this way still sees its sessions and
// login throttles expire, and crosses midnight when the machine does.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(TimePoint start) : offset_(start - SystemClock().Now()) {}
  TimePoint Now() const override { return SystemClock().Now() + offset_; }

 private:
  TimePoint::duration offset_;
};

// A clock that only moves when told to: tests and the demo's simulated year.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override { return now_; }
  void Set(TimePoint moment) { now_ = moment; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  TimePoint now_;
};

}  // namespace shnor
