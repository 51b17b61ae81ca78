#include "engine/cases/WorkflowAdoption.h"

#include "engine/base/Errors.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CampaignRepository.h"

namespace shnor {

LoadedWorkflow LoadWorkflowVersion(Workspace& ws, const storage::CampaignRecord& campaign,
                                   const std::filesystem::path& file, bool adopt,
                                   const Actor& actor) {
  storage::Database::Transaction transaction(ws.db());
  const WorkflowDefinition& def =
      ws.workflows().Register(file, ws.clock().Now().time_since_epoch().count());
  if (adopt && def.id != campaign.workflow_id) {
    throw InputError(file.string() + ": определение «" + def.id + "», а проект «" + campaign.code +
                     "» работает по «" + campaign.workflow_id + "»");
  }
  if (adopt) storage::CampaignRepository(ws.db()).SetWorkflowVersion(campaign.id, def.version);
  AuditEntry entry{std::nullopt, adopt ? "workflow-adopt" : "workflow-load",
                   "",           def.id + " v" + std::to_string(def.version),
                   "",           "{}"};
  AuditTrail(ws).Record(campaign, actor, entry);
  transaction.Commit();
  return LoadedWorkflow{def.id, def.version, adopt};
}

}  // namespace shnor
