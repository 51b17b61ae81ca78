#pragma once
// The project's period governs the dates documents print: a stage's window is shown inside the
// period (stage I of a project that runs from 01.02 does not start on 01.01), and a document is
// never dated after the project's last day, whatever the machine's clock says.
#include <string>

#include "engine/workflow/WorkflowDefinition.h"
#include "storage/Records.h"

namespace shnor {

struct StageDates {
  std::string from, to;  // «01.02.2024»
};

StageDates StageWindowInPeriod(const StageDefinition& stage,
                               const storage::CampaignRecord& campaign);

// `today` (ISO), or the project's last day when today is past it.
std::string DocumentDay(const storage::CampaignRecord& campaign, const std::string& today);

}  // namespace shnor
