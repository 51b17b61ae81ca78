#include "engine/workspace/AuditTrail.h"

#include "storage/CampaignRepository.h"

namespace shnor {

storage::AuditEvent AuditTrail::MakeEvent(const storage::CampaignRecord& campaign,
                                          const Actor& actor, const AuditEntry& entry,
                                          TimePoint now) const {
  storage::AuditEvent event;
  event.campaign_id = campaign.id;
  event.case_id = entry.case_id;
  event.actor = actor.name + " (" + RussianName(actor.role) + ")";
  event.actor_account = actor.account_id;
  event.actor_login = actor.login;
  event.at_utc = now.time_since_epoch().count();
  event.at_local = FormatLocal(now, campaign.utc_offset_minutes);
  event.command = entry.command;
  event.from_state = entry.from_state;
  event.to_state = entry.to_state;
  event.reason = entry.reason;
  event.details = entry.details_json;
  return event;
}

storage::AuditEvent AuditTrail::Record(const storage::CampaignRecord& campaign, const Actor& actor,
                                       const AuditEntry& entry) {
  return storage::AuditLog(ws_.db()).Append(MakeEvent(campaign, actor, entry, ws_.clock().Now()));
}

std::vector<storage::AuditEvent> AuditTrail::RecordAll(const storage::CampaignRecord& campaign,
                                                       const Actor& actor,
                                                       const std::vector<AuditEntry>& entries) {
  TimePoint now = ws_.clock().Now();
  std::vector<storage::AuditEvent> events;
  events.reserve(entries.size());
  for (const AuditEntry& entry : entries) events.push_back(MakeEvent(campaign, actor, entry, now));
  return storage::AuditLog(ws_.db()).AppendAll(std::move(events));
}

storage::AuditEvent AuditTrail::RecordInstallationWide(const Actor& actor,
                                                       const AuditEntry& entry) {
  storage::CampaignRecord installation;
  installation.id = storage::kInstallationWide;
  auto campaigns = storage::CampaignRepository(ws_.db()).All();
  if (!campaigns.empty()) installation.utc_offset_minutes = campaigns.front().utc_offset_minutes;
  return Record(installation, actor, entry);
}

std::vector<storage::AuditEvent> AuditTrail::Events(const storage::CampaignRecord& campaign,
                                                    std::optional<storage::Id> case_id) {
  return storage::AuditLog(ws_.db()).Events(campaign.id, case_id);
}

// The head file first, then the chain and the head row in one snapshot: another process writes
// the file only after its commit, so one that commits meanwhile never makes the file look ahead
// of the log, nor the head row ahead of the chain.
AuditReport AuditTrail::Verify() {
  HeadFileContent file = HeadFile::Read(ws_.audit_seal().head_file());
  storage::Database::ReadSnapshot snapshot(ws_.db());
  storage::ChainReport chain = storage::AuditLog(ws_.db()).Verify();
  AuditReport report{chain.events_checked, chain.first_break, {}};
  if (!chain.first_break) report.seal = ws_.audit_seal().Check(chain, file);
  snapshot.End();
  return report;
}

}  // namespace shnor
