#pragma once
// The API's JSON shapes of the engine's records. Dates stay ISO (the browser formats them);
// statuses carry their code and their Russian name, the one the CLI prints.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/CaseActions.h"
#include "engine/CaseService.h"
#include "engine/SchoolContacts.h"
#include "storage/DocumentRegistry.h"
#include "storage/OutboxRepository.h"

namespace shnor::app {

// Never throws on invalid UTF-8 (replaced): a message may quote what the client sent.
std::string DumpJson(const nlohmann::json& value);

nlohmann::json CampaignJson(const storage::CampaignRecord& campaign,
                            const WorkflowDefinition& definition, const std::string& today);
nlohmann::json CaseRowJson(const storage::CaseSummary& row);
nlohmann::json EventJson(const storage::AuditEvent& event);
nlohmann::json DocumentJson(const storage::DocumentRecord& document);
nlohmann::json LetterJson(const storage::OutboxLetter& letter);

// One case as GET /api/cases/{code} returns it.
struct CaseDetails {
  CaseView view;
  std::vector<Contact> people;
  std::vector<storage::AuditEvent> history;
  std::vector<storage::DocumentRecord> documents;
  CaseActions actions;  // of the requesting user
};
nlohmann::json CaseJson(const CaseDetails& details, int year);

}  // namespace shnor::app
