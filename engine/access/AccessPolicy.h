#pragma once
// Who may see and do what: the one place the CLI, the API and the web page ask. The state machine
// still judges a command against the case (a task's owner and reviewer, the stage's guards);
// this decides what lies outside any case — whose schools an actor sees, which tools a role has.
// The Require* functions throw AccessDenied with the Russian sentence every adapter shows.
#include <string>

#include "engine/domain/Actor.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

// What the web app shows an actor: the tools and pages the engine would accept from them.
struct Capabilities {
  bool change_cases = false;        // act on their schools' cases at all
  bool campaign_wide = false;       // the project's own documents and events
  bool bulk_advance = false;        // a stage's schools at once
  bool interview_schedule = false;  // make the interview schedule of their schools
  bool extend_deadlines = false;    // move a task's deadline later
  bool outbox = false;              // read the reminder letters
  bool audit_log = false;           // read the audit log beyond one school's history
  bool override_reviews = false;    // step in for a task's owner or reviewer, with a reason
  bool administration = false;      // the installation itself: its files, checks and repairs
  bool project_documents = false;   // make the project's own documents (order, reports)
};

Capabilities CapabilitiesOf(const Actor& actor);

bool MayRead(const Actor& actor, const storage::SchoolRecord& school);
bool MayChange(const Actor& actor, const storage::SchoolRecord& school);
// Documents and events of the whole project (the regional order, the monitoring report list every
// school): for those who see everything and for curators, who run the project with the institute.
bool MayReadCampaignWide(const Actor& actor);

// "Нет доступа к школе «tmn-045»" for a school outside the scope.
void RequireRead(const Actor& actor, const storage::SchoolRecord& school);
// RequireRead, and a role that changes cases (an observer reads only).
void RequireChange(const Actor& actor, const storage::SchoolRecord& school);
void RequireCampaignWide(const Actor& actor);
void RequireBulkAdvance(const Actor& actor);
void RequireInterviewSchedule(const Actor& actor);
void RequireOutbox(const Actor& actor);
void RequireProjectDocuments(const Actor& actor);
void RequireAdministration(const Actor& actor);

}  // namespace shnor
