#pragma once
// The context keys that say who issues and signs a campaign's documents (templates/README.md):
// the authority's and the operator's requisites, the operator's full name and signer, the
// drafter, the visas, the schedule's approver, the letterhead option and the public address.
#include <nlohmann/json.hpp>

#include "storage/Records.h"

namespace shnor {

nlohmann::json IssuerFacts(const storage::CampaignRecord& campaign);

}  // namespace shnor
