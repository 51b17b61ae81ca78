#include "engine/cases/CampaignSetup.h"

#include "engine/base/Errors.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CampaignRepository.h"

namespace shnor {

storage::CampaignRecord CreateCampaign(Workspace& ws, const CampaignConfig& config,
                                       const std::filesystem::path& workflow_file,
                                       const Actor& actor) {
  storage::Database::Transaction transaction(ws.db());
  storage::CampaignRepository campaigns(ws.db());
  if (campaigns.FindByCode(config.campaign.code)) {
    throw InputError("проект «" + config.campaign.code + "» уже есть в этой базе");
  }
  const WorkflowDefinition& def =
      ws.workflows().Register(workflow_file, ws.clock().Now().time_since_epoch().count());
  if (def.id != config.campaign.workflow_id) {
    throw InputError(workflow_file.string() + ": определение «" + def.id +
                     "», а проект ссылается на «" + config.campaign.workflow_id + "»");
  }
  storage::CampaignRecord campaign = config.campaign;
  campaign.workflow_version = def.version;
  campaign.id = campaigns.Insert(campaign);
  for (const std::string& name : config.municipalities) {
    campaigns.InsertMunicipality(campaign.id, name);
  }
  AuditEntry entry{
      std::nullopt,
      "campaign-create",
      "",
      campaign.code,
      "",
      "{\"workflow\":\"" + def.id + "\",\"version\":" + std::to_string(def.version) + "}"};
  AuditTrail(ws).Record(campaign, actor, entry);
  transaction.Commit();
  return campaign;
}

}  // namespace shnor
