#pragma once
// Writing and reading the audit log from the engine's side: who did what, when, in UTC and in
// the region's local time.
#include <optional>
#include <string>
#include <vector>

#include "engine/workflow/Command.h"
#include "engine/workspace/AuditSeal.h"
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

// The chain, then its signed head: the log is intact when neither found anything.
struct AuditReport {
  std::int64_t events_checked = 0;
  std::optional<storage::ChainBreak> first_break;
  SealCheck seal;  // empty when the chain broke: a broken chain's length proves nothing
  bool intact() const { return !first_break && seal.problems.empty(); }
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
  // About the installation rather than one project (accounts, the audit key): shown in every
  // project's log, at the region's time of its first project.
  storage::AuditEvent RecordInstallationWide(const Actor& actor, const AuditEntry& entry);
  std::vector<storage::AuditEvent> Events(const storage::CampaignRecord& campaign,
                                          std::optional<storage::Id> case_id);
  AuditReport Verify();

 private:
  storage::AuditEvent MakeEvent(const storage::CampaignRecord& campaign, const Actor& actor,
                                const AuditEntry& entry, TimePoint now) const;
  Workspace& ws_;
};

}  // namespace shnor
