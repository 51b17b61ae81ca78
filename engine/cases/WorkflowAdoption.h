#pragma once
// Loading a new version of a campaign's workflow. Running cases keep the version they started
// on; with `adopt`, schools imported from now on start on the new one.
#include <filesystem>

#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

struct LoadedWorkflow {
  std::string id;
  int version = 0;
  bool adopted = false;
};

LoadedWorkflow LoadWorkflowVersion(Workspace& workspace, const storage::CampaignRecord& campaign,
                                   const std::filesystem::path& file, bool adopt,
                                   const Actor& actor);

}  // namespace shnor
