#pragma once
// The interview schedule (график собеседований): every school of the campaign gets one slot of
// its curator over the given days, by video link. Pure: the caller gathers the schools, days and
// hours; nothing here reads the database or the clock, so the same input gives the same schedule.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/base/Errors.h"

namespace shnor {

// A request the days cannot hold, or hours, days or schools that make no sense. The message is
// Russian and says what to change. An InputError, so the CLI maps it to exit code 4.
class ScheduleError : public InputError {
 public:
  using InputError::InputError;
};

struct InterviewSchool {
  std::string code;
  std::string name;
  std::string municipality;
  std::string curator;  // «А.С. Берестова»: the curator holds the interview
};

// One working day, times "HH:MM" local to the region. Both lunch times empty = no break.
struct InterviewHours {
  std::string day_start = "09:00";
  std::string day_end = "17:00";
  std::string lunch_start = "13:00";
  std::string lunch_end = "14:00";
  int slot_minutes = 30;
};

struct InterviewSlot {
  std::string municipality;
  std::string school_code;
  std::string school_name;
  std::string date;   // ISO, "2020-11-16"
  std::string start;  // "09:00"
  std::string end;    // "09:30"
  std::string curator;
};

// Gives each school the next free slot of its curator, days in the given order. A day's slots run
// back to back from its start, none across lunch or past the day's end. Schools go by
// municipality (municipalities in order of first appearance, schools in the given order inside),
// so a municipality's schools take consecutive slots of their curator. Curators run in parallel.
// The result is sorted by date, start, curator.
// Throws ScheduleError on bad hours (a time not "HH:MM", a day that ends before it starts, a lunch
// outside the day or ending before it starts, a slot length not positive), days that are not ISO
// dates or not strictly increasing, none at all, a school without a curator, a school code given
// twice, and when a curator has more schools than slots: the message names every such curator
// and the shortfall.
std::vector<InterviewSlot> ScheduleInterviews(const std::vector<InterviewSchool>& schools,
                                              const std::vector<std::string>& days,
                                              const InterviewHours& hours = {});

// The `slots` list of the schedule's template context: per slot {municipality, school, code,
// date «16.11.2020», date_iso, time «09:00–09:30», curator}, curator by curator (in the order
// of their first slot), each curator's in the given order.
nlohmann::json InterviewSlotsContext(const std::vector<InterviewSlot>& slots);

}  // namespace shnor
