#pragma once
// When each school's interview is, as the last issued interview schedule has it: the schedule
// is kept with the campaign when it is registered, so a protocol is dated the day of the
// school's interview, with its time, and not the day someone renders it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor {

// The template ids the rule is about.
inline constexpr const char* kScheduleTemplate = "interview-schedule";
inline constexpr const char* kProtocolTemplate = "interview-protocol";

struct ScheduledInterview {
  std::string iso;   // "2024-02-12"
  std::string time;  // "09:00–09:30"
};

// Keeps the `slots` of the schedule numbered `number` (InterviewSlotsContext, with `code`) as
// the campaign's approved schedule; call inside the transaction that registers it.
void KeepInterviewSchedule(storage::Database& db, const storage::CampaignRecord& campaign,
                           const std::string& number, const nlohmann::json& slots);

// The school's interview in the kept schedule; nullopt when none was issued or it lacks the
// school.
std::optional<ScheduledInterview> InterviewOf(storage::Database& db,
                                              const storage::CampaignRecord& campaign,
                                              const std::string& school_code);

}  // namespace shnor
