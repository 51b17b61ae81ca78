#include "engine/InterviewRoster.h"

#include <map>

#include "output/RussianText.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

std::vector<InterviewSchool> InterviewRoster(Workspace& ws,
                                             const storage::CampaignRecord& campaign) {
  storage::DirectoryRepository directory(ws.db());
  std::map<storage::Id, std::string> curator_of;  // municipality -> curator's initials
  for (const auto& p : directory.People(campaign.id)) {
    for (const auto& role : p.roles) {
      if (role.role == storage::PersonRole::Curator && role.municipality_id) {
        curator_of.emplace(*role.municipality_id, output::Initials(p.person.full_name));
      }
    }
  }
  std::map<storage::Id, std::vector<InterviewSchool>> by_municipality;
  storage::CaseRepository cases(ws.db());
  for (const auto& s : directory.Schools(campaign.id)) {
    auto record = cases.LoadBySchool(s.school.id);
    if (!record || record->status != storage::CaseStatus::Active) continue;
    auto curator = curator_of.find(s.school.municipality_id);
    by_municipality[s.school.municipality_id].push_back(
        {s.school.code, s.school.name, s.municipality,
         curator == curator_of.end() ? "" : curator->second});
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
