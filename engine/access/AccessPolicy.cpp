#include "engine/access/AccessPolicy.h"

#include "engine/base/Errors.h"

namespace shnor {
namespace {

// Curators run the project with the institute; the administrator operates the system.
bool RunsProject(const Actor& actor) {
  return actor.role == Role::Curator || actor.role == Role::Administrator;
}

bool ReadsOnly(const Actor& actor) {
  return actor.role == Role::Observer || actor.role == Role::Mentor;
}

void Deny(bool allowed, const std::string& sentence) {
  if (!allowed) throw AccessDenied(sentence);
}

}  // namespace

Capabilities CapabilitiesOf(const Actor& actor) {
  bool runs = RunsProject(actor);
  Capabilities c;
  c.change_cases = !ReadsOnly(actor);
  c.campaign_wide = MayReadCampaignWide(actor);
  c.bulk_advance = runs;
  c.interview_schedule = runs;
  c.extend_deadlines = runs;
  c.outbox = c.campaign_wide;
  c.audit_log = c.campaign_wide;
  c.override_reviews = runs;
  c.administration = actor.role == Role::Administrator;
  c.project_documents = runs;
  return c;
}

bool MayRead(const Actor& actor, const storage::SchoolRecord& school) {
  const Scope& s = actor.scope;
  return s.everything || s.schools.count(school.id) > 0 ||
         s.municipalities.count(school.municipality_id) > 0;
}

bool MayChange(const Actor& actor, const storage::SchoolRecord& school) {
  return !ReadsOnly(actor) && MayRead(actor, school);
}

bool MayReadCampaignWide(const Actor& actor) {
  return actor.scope.everything || actor.role == Role::Curator;
}

void RequireRead(const Actor& actor, const storage::SchoolRecord& school) {
  Deny(MayRead(actor, school), "Нет доступа к школе «" + school.code + "»");
}

void RequireChange(const Actor& actor, const storage::SchoolRecord& school) {
  RequireRead(actor, school);
  Deny(!ReadsOnly(actor), "Ваша роль — " + std::string(RussianName(actor.role)) +
                              ": изменять дело школы «" + school.code + "» нельзя");
}

void RequireCampaignWide(const Actor& actor) {
  Deny(MayReadCampaignWide(actor), "Нет доступа к документам проекта в целом");
}

void RequireBulkAdvance(const Actor& actor) {
  Deny(RunsProject(actor), "Переводить школы этапа целиком может куратор или администратор");
}

void RequireInterviewSchedule(const Actor& actor) {
  Deny(RunsProject(actor), "График собеседований составляет куратор или администратор");
}

void RequireProjectDocuments(const Actor& actor) {
  Deny(RunsProject(actor), "Документы проекта составляет куратор или администратор");
}

void RequireOutbox(const Actor& actor) {
  Deny(CapabilitiesOf(actor).outbox, "Рассылка напоминаний доступна куратору");
}

}  // namespace shnor

namespace shnor {

void RequireAdministration(const Actor& actor) {
  Deny(CapabilitiesOf(actor).administration, "Это может только администратор системы");
}

}  // namespace shnor
