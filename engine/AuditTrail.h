#pragma once
// Writing and reading the audit log from the engine's side: who did what, when, in UTC and in
// the region's local time.
#include <optional>
#include <string>
#include <vector>

#include "engine/Command.h"
#include "engine/Workspace.h"
#include "storage/AuditLog.h"

namespace shnor {

struct AuditEntry {
  std::optional<storage::Id> case_id;
  std::string command;
  std::string from_state;
  std::string to_state;
  std::string reason;
  std::string details_json = "{}";
};

class AuditTrail {
 public:
  explicit AuditTrail(Workspace& workspace) : ws_(workspace) {}

  // Appends inside the caller's transaction.
  storage::AuditEvent Record(const storage::CampaignRecord& campaign, const Actor& actor,
                             const AuditEntry& entry);
  std::vector<storage::AuditEvent> Events(const storage::CampaignRecord& campaign,
                                          std::optional<storage::Id> case_id);
  storage::ChainReport Verify();

 private:
  Workspace& ws_;
};

}  // namespace shnor
