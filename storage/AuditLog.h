#pragma once
// The append-only audit log. Each event carries the SHA-256 of its own fields chained to the
// previous event's hash, so an edited, removed or reordered row breaks the chain at that point.
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

struct ChainBreak {
  Id event_id = 0;     // the first event that does not verify
  std::string reason;  // in Russian
};

struct ChainReport {
  std::int64_t events_checked = 0;
  std::optional<ChainBreak> first_break;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends after the current last event; fills in id, prev_hash and hash. Call inside the
  // transaction that makes the change the event describes.
  AuditEvent Append(AuditEvent event);
  // Appends several events in order with multi-row statements (a bulk run's batch).
  std::vector<AuditEvent> AppendAll(std::vector<AuditEvent> events);
  // All events of a campaign, or of one case when `case_id` is set, oldest first.
  std::vector<AuditEvent> Events(Id campaign_id, std::optional<Id> case_id);
  ChainReport Verify();

  // The hash an event must carry given the previous hash; exposed for tests.
  static std::string ComputeHash(const AuditEvent& event, const std::string& prev_hash);
  static const std::string& GenesisHash();

 private:
  Database& db_;
};

}  // namespace shnor::storage
