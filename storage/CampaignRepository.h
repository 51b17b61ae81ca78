#pragma once
// Campaigns (one regional project per year) and their municipalities.
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

class CampaignRepository {
 public:
  explicit CampaignRepository(Database& db) : db_(db) {}

  Id Insert(const CampaignRecord& campaign);
  std::optional<CampaignRecord> FindByCode(const std::string& code);
  std::optional<CampaignRecord> FindById(Id id);
  std::vector<CampaignRecord> All();
  // The version new cases of the campaign start on; running cases keep theirs.
  void SetWorkflowVersion(Id campaign_id, int version);

  Id InsertMunicipality(Id campaign_id, const std::string& name);
  std::vector<MunicipalityRecord> Municipalities(Id campaign_id);

 private:
  Database& db_;
};

}  // namespace shnor::storage
