// The context every document is rendered against (templates/README.md): who issues and signs
// it, as the campaign's settings say, read back from the database; task deadlines in words and
// in deadline order.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "engine/base/Plural.h"
#include "engine/documents/DocumentContext.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

struct ContextSample {
  test::SampleWorkspace s{"2024-02-10", 2};
  storage::CampaignRecord stored =
      *storage::CampaignRepository(s.ws->db()).FindByCode(s.campaign.code);
  const WorkflowDefinition& def =
      s.ws->workflows().Get(stored.workflow_id, stored.workflow_version);
  DocumentContext builder{*s.ws, stored, def};
};

}  // namespace

TEST_CASE("every document's context names the operator in full and its signer", "[context]") {
  ContextSample c;
  nlohmann::json context = c.builder.Common("1-У", "2024-02-28");
  CHECK(context["operator"] == "ТОГИРРО");
  CHECK(context["operator_full"] ==
        "ГАОУ ТО ДПО «Тюменский областной государственный институт развития регионального "
        "образования»");
  CHECK(context["operator_signer"]["position"] == "Ректор");
  CHECK(context["operator_signer"]["name"] == "И.Н. Лебедева");
  CHECK(context["operator_signer"]["full_name"] == "Лебедева Ирина Николаевна");
  CHECK(context["operator_details"]["email"] == "togirro@example.ru");
  CHECK(context["authority_details"]["phone"] == "+7 (3452) 00-10-00");
  CHECK(context["signer"]["name"] == "М.В. Соколова");
}

TEST_CASE("the context gives the drafter the visas the schedule's approver and the options",
          "[context]") {
  ContextSample c;
  nlohmann::json context = c.builder.Common("1-У", "2024-02-28");
  CHECK(context["executor"]["full_name"] == "Петрова Ольга Ивановна");
  CHECK(context["executor"]["name"] == "О.И. Петрова");
  CHECK(context["executor"]["phone"] == "+7 (3452) 00-10-01");
  REQUIRE(context["visas"].size() == 2);
  CHECK(context["visas"][0]["position"] == "Заместитель директора департамента");
  CHECK(context["visas"][0]["name"] == "Е.П. Кравцова");
  CHECK(context["schedule_approver"]["position"] == "Ректор");
  CHECK(context["schedule_approver"]["organisation"] == context["operator_full"]);
  CHECK(context["letterhead_blank"] == false);
  CHECK(context["public_url"] == "https://shnor.example.ru");
}

TEST_CASE("a campaign stored without details gives empty requisites and the short name",
          "[context]") {
  ContextSample c;
  storage::CampaignRecord old = c.stored;
  old.details = "";
  DocumentContext builder(*c.s.ws, old, c.def);
  nlohmann::json context = builder.Common("1-У", "2024-02-28");
  CHECK(context["operator_full"] == "ТОГИРРО");
  CHECK(context["executor"]["phone"] == "");
  CHECK(context["visas"].empty());
  CHECK(context["schedule_approver"]["organisation"] == "ТОГИРРО");
}

namespace {

const nlohmann::json& StageTask(const nlohmann::json& context, int stage, const std::string& id) {
  for (const auto& t : context["stages"][stage]["tasks"]) {
    if (t["id"] == id) return t;
  }
  FAIL("no task " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a task without a date says its deadline in words never «до ежемесячно»", "[context]") {
  ContextSample c;
  nlohmann::json context = c.builder.Common("1-У", "2024-02-28");
  const auto& monthly = StageTask(context, 2, "monthly-report");
  CHECK(monthly["due"] == "ежемесячно, до 5-го рабочего дня месяца");
  CHECK(monthly["due_by"] == "ежемесячно, до 5-го рабочего дня месяца");
  CHECK(monthly["due_iso"] == "");
  const auto& plan = StageTask(context, 1, "failure-prevention-plan");
  CHECK(plan["due"] == "в течение 15 рабочих дней после утверждения ДТК");
  CHECK(plan["due_by"] == "в течение 15 рабочих дней после утверждения ДТК");
  const auto& dtk = StageTask(context, 1, "dtk");
  CHECK(dtk["due"] == "18.03.2024");
  CHECK(dtk["due_by"] == "до 18.03.2024");
  CHECK(dtk["due_iso"] == "2024-03-18");
}

TEST_CASE("a stage's tasks come in deadline order with the undated after", "[context]") {
  ContextSample c;
  nlohmann::json context = c.builder.Common("1-У", "2024-02-28");
  for (const auto& stage : context["stages"]) {
    std::string last;
    bool undated = false;
    for (const auto& t : stage["tasks"]) {
      const std::string iso = t["due_iso"];
      INFO(stage["id"] << " " << t["id"]);
      if (iso.empty()) {
        undated = true;
        continue;
      }
      CHECK_FALSE(undated);
      CHECK(iso >= last);
      last = iso;
    }
  }
  // Stage II: the ДТК (18.03) before the programmes (05.04), the plan that waits on it last.
  const auto& stage2 = context["stages"][1]["tasks"];
  CHECK(stage2.front()["id"] == "dtk");
  CHECK(stage2.back()["id"] == "failure-prevention-plan");
}

TEST_CASE("a school's deadlines by task give the monthly report and the plan in words",
          "[context]") {
  ContextSample c;
  auto record = storage::CaseRepository(c.s.ws->db()).Load(c.s.CaseOf("s-1"));
  REQUIRE(record);
  auto school = storage::DirectoryRepository(c.s.ws->db()).FindSchoolById(record->school_id);
  REQUIRE(school);
  nlohmann::json context = c.builder.Common("1-У", "2024-02-28");
  c.builder.AddSchool(context, *record, *school, nullptr);
  CHECK(context["due"]["monthly_report"] == "ежемесячно, до 5-го рабочего дня месяца");
  CHECK(context["due"]["failure_prevention_plan"] ==
        "в течение 15 рабочих дней после утверждения ДТК");
  CHECK(context["due_by"]["road_map"] == "до 15.04.2024");
  CHECK(context["due"]["team_appointed"] == "09.02.2024");
}

TEST_CASE("a number agrees with its noun the Russian way", "[context][plural]") {
  auto form = [](long long n) {
    return PluralForm(n, "организация", "организации", "организаций");
  };
  CHECK(form(1) == "организация");
  CHECK(form(2) == "организации");
  CHECK(form(5) == "организаций");
  CHECK(form(11) == "организаций");
  CHECK(form(21) == "организация");
  CHECK(form(43) == "организации");
  CHECK(form(111) == "организаций");
  CHECK(form(0) == "организаций");
  CHECK(form(14) == "организаций");
  CHECK(form(22) == "организации");
  CHECK(CountOf(60, "организация", "организации", "организаций") == "60 организаций");
}
