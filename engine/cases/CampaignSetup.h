#pragma once
// Creating a campaign in a database: its workflow definition, the campaign row and its
// municipalities, all in one transaction with an audit event.
#include <filesystem>

#include "engine/definitions/CampaignConfig.h"
#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

// Registers `workflow_file` (its id must be the config's workflow) and creates the campaign.
// Throws InputError when the campaign code exists already or the workflow id does not match,
// DefinitionError for a bad workflow file. Nothing is stored unless everything succeeds.
storage::CampaignRecord CreateCampaign(Workspace& workspace, const CampaignConfig& config,
                                       const std::filesystem::path& workflow_file,
                                       const Actor& actor);

}  // namespace shnor
