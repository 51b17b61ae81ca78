#include "engine/documents/InterviewRoster.h"

#include <map>

#include "engine/workspace/SchoolContacts.h"
#include "output/RussianText.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

std::vector<InterviewSchool> InterviewRoster(Workspace& ws,
                                             const storage::CampaignRecord& campaign) {
  storage::DirectoryRepository directory(ws.db());
  const auto people = directory.People(campaign.id);
  const PeopleIndex index = IndexPeople(people);
  std::map<storage::Id, std::vector<InterviewSchool>> by_municipality;
  storage::CaseRepository cases(ws.db());
  for (const auto& s : directory.Schools(campaign.id)) {
    auto record = cases.LoadBySchool(s.school.id);
    if (!record || record->status != CaseStatus::Active) continue;
    const storage::PersonRecord* curator =
        PeopleIndex::Find(index.curator, s.school.municipality_id);
    by_municipality[s.school.municipality_id].push_back(
        {s.school.code, s.school.name, s.municipality,
         curator ? output::Initials(curator->full_name) : ""});
  }
  std::vector<InterviewSchool> roster;
  for (const auto& m : storage::CampaignRepository(ws.db()).Municipalities(campaign.id)) {
    auto it = by_municipality.find(m.id);
    if (it == by_municipality.end()) continue;
    roster.insert(roster.end(), it->second.begin(), it->second.end());
  }
  if (roster.empty())
    throw InputError("в проекте нет школ, продолжающих участие: некого собеседовать");
  return roster;
}

}  // namespace shnor
