#include "engine/definitions/CampaignDetails.h"

#include <nlohmann/json.hpp>

namespace shnor {
namespace {

using nlohmann::json;

json RequisitesJson(const Requisites& r) {
  return {{"address", r.address}, {"phone", r.phone}, {"email", r.email}};
}

json PersonJson(const NamedPerson& p) {
  return {{"position", p.position}, {"name", p.name}};
}

std::string TextOf(const json& parent, const char* key) {
  auto it = parent.find(key);
  return it != parent.end() && it->is_string() ? it->get<std::string>() : "";
}

Requisites RequisitesOf(const json& parent, const char* key) {
  const json& r = parent.contains(key) ? parent.at(key) : json::object();
  return {TextOf(r, "address"), TextOf(r, "phone"), TextOf(r, "email")};
}

NamedPerson PersonOf(const json& p) {
  return {TextOf(p, "position"), TextOf(p, "name")};
}

}  // namespace

std::string DetailsToJson(const CampaignDetails& d) {
  json visas = json::array(), staff = json::array();
  for (const auto& v : d.visas) visas.push_back(PersonJson(v));
  for (const auto& m : d.staff) {
    json member = PersonJson(m.person);
    member["duty"] = m.duty;
    member["of_operator"] = m.of_operator;
    staff.push_back(std::move(member));
  }
  json j = {{"authority", RequisitesJson(d.authority)},
            {"operator_full", d.operator_full},
            {"operator", RequisitesJson(d.operator_requisites)},
            {"operator_signer", PersonJson(d.operator_signer)},
            {"executor", PersonJson(d.executor)},
            {"executor_phone", d.executor_phone},
            {"letterhead_blank", d.letterhead_blank},
            {"profile", d.profile},
            {"public_url", d.public_url},
            {"schedule_approver",
             d.schedule_approver == ScheduleApprover::Authority ? "authority" : "operator"},
            {"visas", std::move(visas)},
            {"staff", std::move(staff)}};
  return j.dump();
}

CampaignDetails DetailsFromJson(const std::string& text) {
  CampaignDetails d;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return d;
  d.authority = RequisitesOf(j, "authority");
  d.operator_full = TextOf(j, "operator_full");
  d.operator_requisites = RequisitesOf(j, "operator");
  if (j.contains("operator_signer")) d.operator_signer = PersonOf(j["operator_signer"]);
  if (j.contains("executor")) d.executor = PersonOf(j["executor"]);
  d.executor_phone = TextOf(j, "executor_phone");
  d.letterhead_blank = j.value("letterhead_blank", false);
  d.profile = j.value("profile", 2016);
  d.public_url = TextOf(j, "public_url");
  if (TextOf(j, "schedule_approver") == "authority")
    d.schedule_approver = ScheduleApprover::Authority;
  if (j.contains("visas") && j["visas"].is_array()) {
    for (const auto& v : j["visas"]) d.visas.push_back(PersonOf(v));
  }
  if (j.contains("staff") && j["staff"].is_array()) {
    for (const auto& m : j["staff"]) {
      d.staff.push_back({PersonOf(m), TextOf(m, "duty"), m.value("of_operator", false)});
    }
  }
  return d;
}

}  // namespace shnor
