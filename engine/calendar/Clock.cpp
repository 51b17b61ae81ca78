#include "engine/calendar/Clock.h"

namespace shnor {

TimePoint SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace shnor
