#pragma once
// What a curator gives to schedule the interviews, from the CLI's options or the API's fields:
// the days and the working hours as text, turned into the schedule document's context.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/documents/InterviewSchedule.h"

namespace shnor::app {

struct ScheduleInput {
  std::vector<std::string> days;      // ISO dates
  std::string hours = "09:00-17:00";  // "ЧЧ:ММ-ЧЧ:ММ"
  std::string lunch = "13:00-14:00";  // "" = no lunch break
  std::string days_name = "--days";   // how the messages name the fields
  std::string hours_name = "--hours";
  std::string lunch_name = "--lunch";
};

// The `slots` context of the interview-schedule template for the schools of `roster` (the
// engine's CaseQueries::InterviewRoster of the actor). Throws InputError on malformed hours or no
// days, ScheduleError when the days cannot hold the interviews (naming each short curator).
nlohmann::json ScheduleContext(const std::vector<InterviewSchool>& roster,
                               const ScheduleInput& input);

}  // namespace shnor::app
