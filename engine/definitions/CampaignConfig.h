#pragma once
// A campaign's settings file (samples/*/campaign.yaml): the region, the order that starts the
// project, its period, time zone, municipalities, which workflow it runs, and who issues and
// signs its documents.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/definitions/CampaignDetails.h"
#include "storage/Records.h"

namespace shnor {

struct CampaignConfig {
  storage::CampaignRecord campaign;  // without id and workflow version; `details` as JSON
  CampaignDetails details;
  std::vector<std::string> municipalities;
  std::filesystem::path source;
};

// Throws DefinitionError naming the file and line of the first problem.
CampaignConfig LoadCampaignConfig(const std::filesystem::path& path);

// "+05:00" -> 300; nullopt when malformed or outside Russia's range (+02:00 … +12:00).
std::optional<int> ParseUtcOffset(const std::string& text);

}  // namespace shnor
