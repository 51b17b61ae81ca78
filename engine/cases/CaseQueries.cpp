#include "engine/cases/CaseQueries.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/documents/InterviewRoster.h"
#include "engine/reminders/DigestItems.h"
#include "engine/workspace/AuditTrail.h"

namespace shnor {
namespace {

bool Matches(const std::string& name, const std::string& code, const std::string& needle) {
  return needle.empty() || LowerRu(name).find(needle) != std::string::npos ||
         LowerRu(code).find(needle) != std::string::npos;
}

// List's order, municipality name then school code. The few municipalities are ranked by name
// once, so sorting a national list compares an integer and a short code instead of two long
// Cyrillic names, and moves pointers instead of rows.
std::vector<const storage::CaseListing*> InListOrder(
    const std::vector<storage::CaseListing>& listed) {
  std::unordered_map<storage::Id, const std::string*> names;
  for (const auto& l : listed) names.emplace(l.school.municipality_id, &l.municipality);
  std::vector<std::pair<const std::string*, storage::Id>> by_name;
  for (const auto& [id, name] : names) by_name.emplace_back(name, id);
  std::sort(by_name.begin(), by_name.end(),
            [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::unordered_map<storage::Id, std::size_t> rank;  // equal names share a rank
  for (std::size_t i = 0; i < by_name.size(); ++i) {
    bool same = i > 0 && *by_name[i].first == *by_name[i - 1].first;
    std::size_t r = same ? rank[by_name[i - 1].second] : i;
    rank[by_name[i].second] = r;
  }
  std::vector<std::pair<std::size_t, const storage::CaseListing*>> keyed;
  keyed.reserve(listed.size());
  for (const auto& l : listed) keyed.emplace_back(rank[l.school.municipality_id], &l);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->school.code < b.second->school.code;
  });
  std::vector<const storage::CaseListing*> ordered;
  ordered.reserve(keyed.size());
  for (const auto& [r, l] : keyed) ordered.push_back(l);
  return ordered;
}

}  // namespace

storage::SchoolListing CaseQueries::ReadableSchool(const Actor& viewer,
                                                   const std::string& school_code) {
  auto school = storage::DirectoryRepository(ws_.db()).FindSchool(campaign_.id, school_code);
  if (!school) throw NotFound("Школа с кодом «" + school_code + "» не найдена в проекте");
  RequireRead(viewer, school->school);
  return *school;
}

storage::Id CaseQueries::ReadableCase(const Actor& viewer, const std::string& school_code) {
  auto school = ReadableSchool(viewer, school_code);
  auto found = storage::CaseRepository(ws_.db()).HeaderBySchool(school.school.id);
  if (!found) throw NotFound("У школы «" + school_code + "» нет дела в проекте");
  return found->id;
}

CaseDetails CaseQueries::Details(const Actor& viewer, const std::string& school_code) {
  return DetailsOf(viewer, ReadableCase(viewer, school_code));
}

CaseDetails CaseQueries::DetailsOf(const Actor& viewer, storage::Id case_id) {
  CaseDetails details{CaseService(ws_).View(case_id), {}, {}, {}, {}};
  RequireRead(viewer, details.view.school.school);
  details.people = ContactsOf(ws_, details.view.school);
  details.history = AuditTrail(ws_).Events(campaign_, case_id);
  storage::DocumentFilter filter;
  filter.campaign_id = campaign_.id;
  filter.case_id = case_id;
  details.documents = storage::DocumentRegistry(ws_.db()).List(filter);
  if (MayChange(viewer, details.view.school.school)) {
    details.actions = ActionsFor(*details.view.definition, details.view.record, viewer.role);
  }
  return details;
}

std::optional<std::set<std::string>> CaseQueries::ReadableCodes(const Actor& viewer) {
  if (viewer.scope.everything) return std::nullopt;
  std::set<std::string> codes;
  for (const auto& school : storage::DirectoryRepository(ws_.db()).Schools(campaign_.id)) {
    if (MayRead(viewer, school.school)) codes.insert(school.school.code);
  }
  return codes;
}

std::vector<storage::CaseSummary> CaseQueries::List(const Actor& viewer, storage::CaseFilter filter,
                                                    const std::string& search) {
  std::string needle = LowerRu(Trim(search));
  auto readable = ReadableCodes(viewer);
  auto rows = CaseService(ws_).Summaries(campaign_, std::move(filter));
  std::erase_if(rows, [&](const storage::CaseSummary& row) {
    return (readable && !readable->count(row.school_code)) ||
           !Matches(row.school_name, row.school_code, needle);
  });
  return rows;
}

// The same rows as List, but the tasks are counted for the page's cases only: the whole list is
// chosen, searched and ordered from the cases and schools alone. Overdue needs every case's tasks.
Page<storage::CaseSummary> CaseQueries::ListPage(const Actor& viewer, storage::CaseFilter filter,
                                                 const std::string& search,
                                                 const PageRequest& page) {
  if (filter.overdue_only) return PageOf(List(viewer, std::move(filter), search), page);
  std::string needle = LowerRu(Trim(search));
  storage::CaseRepository cases(ws_.db());
  auto listed = cases.Listings(campaign_.id, filter);
  std::erase_if(listed, [&](const storage::CaseListing& l) {
    return !MayRead(viewer, l.school) || !Matches(l.school.name, l.school.code, needle);
  });
  auto chosen = PageOf(InListOrder(listed), page);
  std::vector<storage::Id> ids;
  for (const auto* l : chosen.rows) ids.push_back(l->case_id);
  return {chosen.total, chosen.offset, chosen.limit, cases.SummariesOf(ids, ws_.Today(campaign_))};
}

std::optional<std::set<storage::Id>> CaseQueries::ReadableCases(const Actor& viewer) {
  if (viewer.scope.everything) return std::nullopt;
  std::set<storage::Id> cases;
  for (const auto& l : storage::CaseRepository(ws_.db()).Listings(campaign_.id, {})) {
    if (MayRead(viewer, l.school)) cases.insert(l.case_id);
  }
  return cases;
}

std::vector<storage::AuditEvent> CaseQueries::Log(const Actor& viewer,
                                                  const std::string& school_code) {
  std::optional<storage::Id> case_id;
  if (!school_code.empty()) case_id = ReadableCase(viewer, school_code);
  auto events = AuditTrail(ws_).Events(campaign_, case_id);
  auto readable = case_id ? std::nullopt : ReadableCases(viewer);
  if (!readable) return events;
  bool project_events = MayReadCampaignWide(viewer);
  std::erase_if(events, [&](const storage::AuditEvent& e) {
    return e.case_id ? readable->count(*e.case_id) == 0 : !project_events;
  });
  return events;
}

Page<storage::AuditEvent> CaseQueries::LogPage(const Actor& viewer, const std::string& school_code,
                                               const PageRequest& page) {
  return PageOf(Log(viewer, school_code), page);
}

bool CaseQueries::LetterReadable(const storage::OutboxLetter& letter,
                                 const std::set<storage::Id>& cases) {
  for (const ReminderItem& item : ItemsFromJson(letter.items_json)) {
    if (cases.count(item.case_id)) return true;
  }
  return false;
}

LetterList CaseQueries::Letters(const Actor& viewer, std::optional<storage::LetterStatus> status,
                                const std::string& day) {
  RequireOutbox(viewer);
  storage::OutboxRepository outbox(ws_.db());
  auto cases = ReadableCases(viewer);
  if (!cases)
    return LetterList{outbox.Counts(campaign_.id), outbox.List(campaign_.id, status, day)};
  LetterList list;
  for (auto& letter : outbox.List(campaign_.id, std::nullopt, day)) {
    if (!LetterReadable(letter, *cases)) continue;
    auto s = letter.status;
    ++(s == storage::LetterStatus::Planned   ? list.counts.planned
       : s == storage::LetterStatus::Sending ? list.counts.sending
       : s == storage::LetterStatus::Sent    ? list.counts.sent
                                             : list.counts.failed);
    if (!status || *status == s) list.letters.push_back(std::move(letter));
  }
  return list;
}

LetterPage CaseQueries::Letters(const Actor& viewer, std::optional<storage::LetterStatus> status,
                                const std::string& day, const PageRequest& page) {
  auto list = Letters(viewer, status, day);
  return LetterPage{list.counts, PageOf(std::move(list.letters), page)};
}

std::vector<InterviewSchool> CaseQueries::InterviewRoster(const Actor& viewer) {
  RequireInterviewSchedule(viewer);
  auto roster = shnor::InterviewRoster(ws_, campaign_);
  auto readable = ReadableCodes(viewer);
  if (!readable) return roster;
  std::erase_if(roster, [&](const InterviewSchool& s) { return readable->count(s.code) == 0; });
  if (roster.empty()) throw InputError("Для графика собеседований нет ваших действующих школ");
  return roster;
}

storage::DocumentRecord CaseQueries::Document(const Actor& viewer, storage::Id document_id) {
  auto document = storage::DocumentRegistry(ws_.db()).Find(document_id);
  if (!document || document->campaign_id != campaign_.id) {
    throw NotFound("Документ № " + std::to_string(document_id) + " не найден в реестре");
  }
  if (!document->case_id) {
    RequireCampaignWide(viewer);
    return *document;
  }
  auto header = storage::CaseRepository(ws_.db()).LoadHeader(*document->case_id);
  auto school = header ? storage::DirectoryRepository(ws_.db()).FindSchoolById(header->school_id)
                       : std::nullopt;
  if (!school || !MayRead(viewer, school->school)) {
    throw AccessDenied("Нет доступа к документам этой школы");
  }
  return *document;
}

}  // namespace shnor
