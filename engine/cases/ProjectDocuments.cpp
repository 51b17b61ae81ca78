#include "engine/cases/ProjectDocuments.h"

#include <algorithm>
#include <map>

#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
#include "engine/cases/CaseService.h"
#include "storage/CaseRepository.h"

namespace shnor {
namespace {

constexpr const char* kProtocol = "interview-protocol";

bool NewestFirst(const storage::DocumentRecord& a, const storage::DocumentRecord& b) {
  return a.id > b.id;
}

bool BySchoolThenStage(const SchoolDocument& a, const SchoolDocument& b) {
  if (a.school_code != b.school_code) return a.school_code < b.school_code;
  return a.files.front().stage < b.files.front().stage;
}

bool SameIssue(const storage::DocumentRecord& a, const storage::DocumentRecord& b) {
  return a.case_id == b.case_id && a.stage == b.stage && a.number == b.number &&
         a.version == b.version;
}

}  // namespace

const WorkflowDefinition& ProjectDocuments::Definition() {
  return ws_.workflows().Get(campaign_.workflow_id, campaign_.workflow_version);
}

std::vector<ProjectDocumentKind> ProjectDocuments::Kinds(const Actor& viewer) {
  RequireCampaignWide(viewer);
  bool tools = CapabilitiesOf(viewer).project_documents;
  storage::DocumentRegistry registry(ws_.db());
  std::vector<ProjectDocumentKind> kinds;
  for (const DocumentDefinition& d : Definition().documents) {
    if (d.scope != DocumentScope::Campaign) continue;
    storage::DocumentFilter filter{campaign_.id, std::nullopt, true, d.id, std::nullopt, false};
    ProjectDocumentKind kind{d.id, tools && d.id != "interview-schedule", registry.List(filter)};
    std::sort(kind.documents.begin(), kind.documents.end(), NewestFirst);
    kinds.push_back(std::move(kind));
  }
  return kinds;
}

Page<SchoolDocument> ProjectDocuments::Protocols(const Actor& viewer,
                                                 const std::string& school_code,
                                                 const PageRequest& page) {
  RequireCampaignWide(viewer);
  std::map<storage::Id, storage::SchoolRecord> schools;
  for (const auto& l : storage::CaseRepository(ws_.db()).Listings(campaign_.id, {})) {
    bool wanted = school_code.empty() || l.school.code == school_code;
    if (wanted && MayRead(viewer, l.school)) schools.emplace(l.case_id, l.school);
  }
  storage::DocumentFilter filter{campaign_.id, std::nullopt, false, kProtocol, std::nullopt, true};
  std::vector<SchoolDocument> rows;
  for (auto& d : storage::DocumentRegistry(ws_.db()).List(filter)) {
    auto school = d.case_id ? schools.find(*d.case_id) : schools.end();
    if (school == schools.end()) continue;
    // A document's formats are registered one after another: they share one row.
    if (!rows.empty() && SameIssue(rows.back().files.front(), d)) {
      rows.back().files.push_back(std::move(d));
      continue;
    }
    rows.push_back({{std::move(d)}, school->second.code, school->second.name});
  }
  std::sort(rows.begin(), rows.end(), BySchoolThenStage);
  return PageOf(std::move(rows), page);
}

void ProjectDocuments::RequireMay(const Actor& actor, const DocumentRequest& request) {
  if (!request.case_id) {
    RequireProjectDocuments(actor);
    return;
  }
  auto header = storage::CaseRepository(ws_.db()).LoadHeader(*request.case_id);
  auto school = header ? storage::DirectoryRepository(ws_.db()).FindSchoolById(header->school_id)
                       : std::nullopt;
  if (!school) throw NotFound("Дело школы не найдено");
  RequireChange(actor, school->school);
}

std::vector<storage::DocumentRecord> ProjectDocuments::Make(const Actor& actor,
                                                            DocumentService& documents,
                                                            const DocumentRequest& request) {
  RequireMay(actor, request);
  return documents.Make(campaign_, request);
}

}  // namespace shnor
