#include "engine/documents/ProjectPeriod.h"

#include <algorithm>

#include "engine/calendar/Date.h"

namespace shnor {

StageDates StageWindowInPeriod(const StageDefinition& stage,
                               const storage::CampaignRecord& campaign) {
  const int year = std::stoi(campaign.start_date.substr(0, 4));
  // ISO dates compare as text.
  const std::string from =
      std::max(FormatIsoDate(stage.window_from.InYear(year)), campaign.start_date);
  const std::string to = std::min(FormatIsoDate(stage.window_to.InYear(year)), campaign.end_date);
  return {IsoToRussianDate(from, from), IsoToRussianDate(to, to)};
}

std::string DocumentDay(const storage::CampaignRecord& campaign, const std::string& today) {
  if (!campaign.end_date.empty() && today > campaign.end_date) return campaign.end_date;
  return today;
}

}  // namespace shnor
