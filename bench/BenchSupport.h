#pragma once
// What the national-scale benchmarks share: a campaign of many municipalities and schools, and
// their clocks and memory figures.
#include <chrono>
#include <string>
#include <vector>

#include "engine/CampaignConfig.h"
#include "engine/DirectoryImport.h"

namespace shnor::bench {

double Since(std::chrono::steady_clock::time_point start);  // seconds
long PeakMemoryMb();                                        // peak resident set of the process
// The sample campaign's settings with `municipalities` numbered municipalities.
CampaignConfig NationalConfig(const std::string& code, int municipalities);
// `count` schools spread evenly over the config's municipalities.
std::vector<SchoolRow> NationalSchools(const CampaignConfig& config, int count);

}  // namespace shnor::bench
