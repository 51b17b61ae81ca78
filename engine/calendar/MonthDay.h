#pragma once
// A day of the campaign year without the year: "03-01", or "02-end" for a month's last day.
// Workflow definitions are reused from year to year, so they name days this way.
#include "engine/calendar/Date.h"

namespace shnor {

struct MonthDay {
  unsigned month = 1;
  unsigned day = 1;
  bool last_of_month = false;

  Date InYear(int year) const;
};

}  // namespace shnor
