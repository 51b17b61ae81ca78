#include "engine/documents/InterviewDates.h"

#include "storage/SettingsRepository.h"

namespace shnor {
namespace {

std::string KeyOf(const storage::CampaignRecord& campaign) {
  return "interview-schedule:" + campaign.code;
}

}  // namespace

void KeepInterviewSchedule(storage::Database& db, const storage::CampaignRecord& campaign,
                           const std::string& number, const nlohmann::json& slots) {
  nlohmann::json kept = {{"number", number}, {"slots", nlohmann::json::object()}};
  for (const auto& slot : slots) {
    if (!slot.contains("code")) continue;
    kept["slots"][slot["code"].get<std::string>()] = {{"iso", slot.value("date_iso", "")},
                                                      {"time", slot.value("time", "")}};
  }
  storage::SettingsRepository(db).Set(KeyOf(campaign), kept.dump());
}

std::optional<ScheduledInterview> InterviewOf(storage::Database& db,
                                              const storage::CampaignRecord& campaign,
                                              const std::string& school_code) {
  auto text = storage::SettingsRepository(db).Get(KeyOf(campaign));
  if (!text) return std::nullopt;
  const nlohmann::json kept = nlohmann::json::parse(*text, nullptr, false);
  if (!kept.is_object() || !kept.contains("slots") || !kept["slots"].contains(school_code)) {
    return std::nullopt;
  }
  const auto& slot = kept["slots"][school_code];
  return ScheduledInterview{slot.value("iso", ""), slot.value("time", "")};
}

}  // namespace shnor
