#pragma once
// The append-only audit log. Each event carries the SHA-256 of its own fields chained to the
// previous event's hash, so an edited, removed or reordered row breaks the chain at that point;
// the chain's signed head (HeadSeal) catches what a chain alone cannot: the last events removed,
// or a whole chain recomputed.
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
  std::string last_hash;  // of the last event checked; the genesis hash for an empty log
};

// Where the chain ends: the number of events and the last one's hash.
struct ChainHead {
  std::int64_t event_count = 0;
  std::string last_hash;
};

// The head as last signed, stored beside the chain.
struct HeadSeal {
  std::int64_t event_count = 0;
  std::string last_hash;
  std::string signature;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends after the current last event; fills in id, prev_hash and hash. Call inside the
  // transaction that makes the change the event describes (outside one, the append gets its own,
  // so that its commit is sealed too).
  AuditEvent Append(AuditEvent event);
  // Appends several events in order with multi-row statements (a bulk run's batch).
  std::vector<AuditEvent> AppendAll(std::vector<AuditEvent> events);
  // All events of a campaign and of the installation, or of one case when `case_id` is set,
  // oldest first.
  std::vector<AuditEvent> Events(Id campaign_id, std::optional<Id> case_id);
  ChainReport Verify();

  ChainHead Head();
  // The hash of event `id`, or nullopt when there is none.
  std::optional<std::string> HashAt(Id id);
  std::optional<HeadSeal> StoredSeal();
  // Replaces the stored head; inside the transaction whose events it seals.
  void StoreSeal(const HeadSeal& seal);

  // The hash an event must carry given the previous hash; exposed for tests.
  static std::string ComputeHash(const AuditEvent& event, const std::string& prev_hash);
  static const std::string& GenesisHash();

 private:
  Database& db_;
};

}  // namespace shnor::storage
