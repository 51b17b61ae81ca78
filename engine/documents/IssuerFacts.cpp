#include "engine/documents/IssuerFacts.h"

#include <utility>
#include <vector>

#include "engine/definitions/CampaignDetails.h"
#include "engine/documents/DocumentContext.h"
#include "output/RussianText.h"

namespace shnor {
namespace {

using nlohmann::json;

json RequisitesFacts(const Requisites& r) {
  return {{"address", r.address}, {"phone", r.phone}, {"email", r.email}};
}

json SignerFacts(const NamedPerson& p) {
  return {{"position", p.position}, {"name", output::Initials(p.name)}, {"full_name", p.name}};
}

json ScheduleApproverFacts(const storage::CampaignRecord& campaign, const CampaignDetails& d) {
  json facts;
  if (d.schedule_approver == ScheduleApprover::Authority) {
    facts = SignerFacts({campaign.signer_position, campaign.signer_name});
    facts["organisation"] = campaign.authority;
  } else {
    facts = SignerFacts(d.operator_signer);
    facts["organisation"] = d.operator_full.empty() ? campaign.operator_name : d.operator_full;
  }
  return facts;
}

bool EndsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// «Тюменская область» -> «Тюменской области», «Пермский край» -> «Пермского края», «Республика
// Татарстан» -> «Республики Татарстан»; another form comes back as it is.
std::string RegionGenitive(const std::string& region) {
  const std::vector<std::pair<std::string, std::string>> tails = {
      {"ская область", "ской области"},
      {"цкая область", "цкой области"},
      {"ский край", "ского края"},
      {"цкий край", "цкого края"},
      {"ский автономный округ", "ского автономного округа"}};
  for (const auto& [from, to] : tails) {
    if (EndsWith(region, from)) return region.substr(0, region.size() - from.size()) + to;
  }
  const std::string republic = "Республика ";
  if (region.rfind(republic, 0) == 0) return "Республики " + region.substr(republic.size());
  return region;
}

json StaffFacts(const storage::CampaignRecord& campaign, const CampaignDetails& d) {
  json staff = json::array();
  for (const StaffMember& m : d.staff) {
    json facts = SignerFacts(m.person);
    facts["duty"] = m.duty;
    facts["organisation"] = m.of_operator ? campaign.operator_name : campaign.authority;
    staff.push_back(std::move(facts));
  }
  return staff;
}

}  // namespace

json IssuerFacts(const storage::CampaignRecord& campaign) {
  const CampaignDetails d = DetailsFromJson(campaign.details);
  json visas = json::array();
  for (const NamedPerson& v : d.visas) visas.push_back(SignerFacts(v));
  json executor = SignerFacts(d.executor);
  executor.erase("position");
  executor["phone"] = d.executor_phone;
  return {{"authority_details", RequisitesFacts(d.authority)},
          {"operator_full", d.operator_full.empty() ? campaign.operator_name : d.operator_full},
          {"operator_details", RequisitesFacts(d.operator_requisites)},
          {"operator_signer", SignerFacts(d.operator_signer)},
          {"executor", std::move(executor)},
          {"letterhead_blank", d.letterhead_blank},
          {"visas_given", !d.visas.empty()},
          {"visas", std::move(visas)},
          {"schedule_approver", ScheduleApproverFacts(campaign, d)},
          {"public_url", d.public_url},
          {"region_genitive", RegionGenitive(campaign.region)},
          {"project_staff", StaffFacts(campaign, d)},
          {"profile", std::to_string(d.profile)}};
}

}  // namespace shnor
