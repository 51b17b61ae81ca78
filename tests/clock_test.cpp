// The clocks behind `--today` and the tests.
#include <catch2/catch.hpp>

#include <thread>

#include "engine/calendar/Clock.h"

namespace shnor {

TEST_CASE("the --today clock starts on the chosen day and moves on with real time", "[clock]") {
  TimePoint start =
      TimePoint{std::chrono::sys_days{std::chrono::year{2024} / 2 / 15}} + std::chrono::hours{11};
  OffsetClock clock(start);
  auto first = clock.Now();
  CHECK(first >= start);
  CHECK(first - start < std::chrono::seconds{1});
  std::this_thread::sleep_for(std::chrono::milliseconds{1100});
  // A frozen clock here kept login locks and sessions alive for ever under `scripts/run.sh`.
  CHECK(clock.Now() - first >= std::chrono::seconds{1});
  CHECK(clock.Now() - first < std::chrono::seconds{5});
}

TEST_CASE("the simulated clock moves only when told to", "[clock]") {
  SimulatedClock clock(TimePoint{std::chrono::sys_days{std::chrono::year{2024} / 3 / 1}});
  auto first = clock.Now();
  clock.Advance(std::chrono::seconds{90});
  CHECK(clock.Now() - first == std::chrono::seconds{90});
}

}  // namespace shnor
