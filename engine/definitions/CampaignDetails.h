#pragma once
// What a campaign's documents say about who issues and signs them: the authority's and the
// operator's requisites, the operator's full official name and signer, the drafter of orders,
// the order's visas, who approves the interview schedule, the letterhead and QR options. Read
// from campaign.yaml with the other settings and kept with the campaign as JSON, so documents
// rendered a year later still print what the campaign said.
#include <string>
#include <vector>

namespace shnor {

struct Requisites {
  std::string address, phone, email;
};

struct NamedPerson {
  std::string position;
  std::string name;  // full name: «Соколова Марина Викторовна»
};

enum class ScheduleApprover { Operator, Authority };

// One of the department's or the operator's own people answerable for the project (appendix 2
// of the order, after the specimen's «Состав ответственных лиц»).
struct StaffMember {
  NamedPerson person;
  std::string duty;          // «Общее управление проектом»
  bool of_operator = false;  // else the authority's
};

struct CampaignDetails {
  Requisites authority;
  std::string operator_full;  // ГАОУ ТО ДПО «…»; the short name when not given
  Requisites operator_requisites;
  NamedPerson operator_signer;
  NamedPerson executor;  // position unused; name and phone of the drafter
  std::string executor_phone;
  bool letterhead_blank = false;
  int profile = 2016;  // 2016 or 2025 (the QR requisite)
  std::string public_url;
  ScheduleApprover schedule_approver = ScheduleApprover::Operator;
  std::vector<NamedPerson> visas;
  std::vector<StaffMember> staff;
};

// The JSON kept in the campaigns table; an empty or older text reads as the defaults.
std::string DetailsToJson(const CampaignDetails& details);
CampaignDetails DetailsFromJson(const std::string& text);

}  // namespace shnor
