#pragma once
// What the adapters show, assembled and limited to the viewer once, in the engine: a case with the
// actions the viewer may take, the school list with its filters and search, the audit log, the
// reminder letters, a registered document. The CLI and the API only format the answers, so the
// same actor gets the same rows and the same refusals from both.
// Unknown schools and documents throw NotFound; outside the viewer's scope, AccessDenied.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/cases/CaseActions.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/ListPage.h"
#include "engine/documents/InterviewSchedule.h"
#include "engine/workspace/SchoolContacts.h"
#include "storage/AuditLog.h"
#include "storage/DocumentRegistry.h"
#include "storage/OutboxRepository.h"

namespace shnor {

struct CaseDetails {
  CaseView view;
  std::vector<Contact> people;
  std::vector<storage::AuditEvent> history;
  std::vector<storage::DocumentRecord> documents;
  CaseActions actions;  // of the viewer; empty when they may not change the case
};

struct LetterList {
  storage::OutboxCounts counts;                // of the letters the viewer may read
  std::vector<storage::OutboxLetter> letters;  // filtered
};

struct LetterPage {
  storage::OutboxCounts counts;  // of all the letters the viewer may read
  Page<storage::OutboxLetter> letters;
};

class CaseQueries {
 public:
  CaseQueries(Workspace& workspace, const storage::CampaignRecord& campaign)
      : ws_(workspace), campaign_(campaign) {}

  storage::SchoolListing ReadableSchool(const Actor& viewer, const std::string& school_code);
  storage::Id ReadableCase(const Actor& viewer, const std::string& school_code);
  CaseDetails Details(const Actor& viewer, const std::string& school_code);
  CaseDetails DetailsOf(const Actor& viewer, storage::Id case_id);
  // The viewer's schools matching the filter and, when `search` is not empty, whose name or code
  // holds it (case-insensitive, Cyrillic included).
  std::vector<storage::CaseSummary> List(const Actor& viewer, storage::CaseFilter filter,
                                         const std::string& search = "");
  // A page of List, in its order (municipality, then school code), with the count of all.
  Page<storage::CaseSummary> ListPage(const Actor& viewer, storage::CaseFilter filter,
                                      const std::string& search, const PageRequest& page);
  // One school's events, or without a school the viewer's schools' events and the project's own
  // when they read the project as a whole.
  std::vector<storage::AuditEvent> Log(const Actor& viewer, const std::string& school_code);
  // A page of Log, oldest first.
  Page<storage::AuditEvent> LogPage(const Actor& viewer, const std::string& school_code,
                                    const PageRequest& page);
  // The letters about the viewer's schools (a letter counts when one of its items does).
  LetterList Letters(const Actor& viewer, std::optional<storage::LetterStatus> status,
                     const std::string& day);
  LetterPage Letters(const Actor& viewer, std::optional<storage::LetterStatus> status,
                     const std::string& day, const PageRequest& page);
  // The schools of the viewer's interview schedule: a curator's own. Throws AccessDenied for a
  // role that does not make the schedule, InputError when the viewer has no active school.
  std::vector<InterviewSchool> InterviewRoster(const Actor& viewer);
  // A registered document the viewer may read.
  storage::DocumentRecord Document(const Actor& viewer, storage::Id document_id);

  // The codes of the schools the viewer may read; nullopt when that is all of them.
  std::optional<std::set<std::string>> ReadableCodes(const Actor& viewer);

 private:
  std::optional<std::set<storage::Id>> ReadableCases(const Actor& viewer);
  bool LetterReadable(const storage::OutboxLetter& letter, const std::set<storage::Id>& cases);

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
};

}  // namespace shnor
