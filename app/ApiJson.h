#pragma once
// The API's JSON shapes of the engine's records. Dates stay ISO (the browser formats them);
// statuses carry their code and their Russian name, the one the CLI prints. Each Write* appends
// one JSON value, streamed: building nlohmann's DOM and dumping it was most of a request's cost.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/JsonWriter.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/CaseService.h"
#include "engine/workspace/SchoolContacts.h"
#include "storage/DocumentRegistry.h"
#include "storage/OutboxRepository.h"

namespace shnor::app {

// For the small answers still built with nlohmann (errors, dashboard, sign-in). Never throws on
// invalid UTF-8 (replaced): a message may quote what the client sent.
std::string DumpJson(const nlohmann::json& value);

void WriteCampaign(JsonWriter& out, const storage::CampaignRecord& campaign,
                   const WorkflowDefinition& definition, const std::string& today);
void WriteCaseRow(JsonWriter& out, const storage::CaseSummary& row);
void WriteEvent(JsonWriter& out, const storage::AuditEvent& event);
void WriteDocument(JsonWriter& out, const storage::DocumentRecord& document);
void WriteDocuments(JsonWriter& out, const std::vector<storage::DocumentRecord>& documents);
// `remark`: the engine's LetterRemark for the letter (its sender now, a possible duplicate).
void WriteLetter(JsonWriter& out, const storage::OutboxLetter& letter, const std::string& remark);

// "total", "offset" and "limit" of a paged list, as fields of the object being written.
template <class Row>
void WritePageBounds(JsonWriter& out, const Page<Row>& page) {
  out.Field("total", page.total);
  out.Field("offset", page.offset);
  out.Field("limit", page.limit);
}

// One case as GET /api/cases/{code} returns it.
void WriteCase(JsonWriter& out, const CaseDetails& details, int year);

}  // namespace shnor::app
