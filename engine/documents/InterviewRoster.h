#pragma once
// Who is interviewed: the schools still in the project, with the curator who holds each
// interview, in the campaign's order of municipalities.
#include <vector>

#include "engine/documents/InterviewSchedule.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

// Throws InputError when the campaign has no active school.
std::vector<InterviewSchool> InterviewRoster(Workspace& workspace,
                                             const storage::CampaignRecord& campaign);

}  // namespace shnor
