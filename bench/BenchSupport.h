#pragma once
// What the national-scale benchmarks share: a campaign of many municipalities and schools, and
// their clocks and memory figures.
#include <chrono>
#include <string>
#include <vector>

#include "engine/cases/DirectoryImport.h"
#include "engine/definitions/CampaignConfig.h"
#include "engine/workspace/Workspace.h"

namespace shnor::bench {

double Since(std::chrono::steady_clock::time_point start);  // seconds
long PeakMemoryMb();                                        // peak resident set of the process
// The sample campaign's settings with `municipalities` numbered municipalities.
CampaignConfig NationalConfig(const std::string& code, int municipalities);
// `count` schools spread evenly over the config's municipalities.
std::vector<SchoolRow> NationalSchools(const CampaignConfig& config, int count);
// The people a region has: a curator per `municipalities_per_curator` municipalities, a
// coordinator per municipality, a responsible person per school; in one transaction.
void AddNationalPeople(Workspace& ws, const storage::CampaignRecord& campaign,
                       int municipalities_per_curator);
// Submits and approves, one command at a time, the required stage I tasks of every school in
// stage I of `municipality` ("" = all); returns the number of commands. Exits on a refusal.
int FinishStageOne(Workspace& ws, const storage::CampaignRecord& campaign,
                   const std::string& municipality, const Actor& actor);

}  // namespace shnor::bench
