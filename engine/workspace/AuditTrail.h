#pragma once
// Writing and reading the audit log from the engine's side: who did what, when, in UTC and in
// the region's local time.
#include <optional>
#include <string>
#include <vector>

#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"
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
  // Several entries by one actor at one moment (a bulk run's batch), in order.
  std::vector<storage::AuditEvent> RecordAll(const storage::CampaignRecord& campaign,
                                             const Actor& actor,
                                             const std::vector<AuditEntry>& entries);
  std::vector<storage::AuditEvent> Events(const storage::CampaignRecord& campaign,
                                          std::optional<storage::Id> case_id);
  storage::ChainReport Verify();

 private:
  storage::AuditEvent MakeEvent(const storage::CampaignRecord& campaign, const Actor& actor,
                                const AuditEntry& entry, TimePoint now) const;
  Workspace& ws_;
};

}  // namespace shnor
