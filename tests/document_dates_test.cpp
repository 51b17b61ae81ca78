// The dates documents bear: the project's period governs, a number keeps the date it was issued
// with, and a protocol is dated the day of the school's interview in the approved schedule.
#include <catch2/catch.hpp>

#include "engine/documents/DocumentService.h"
#include "engine/documents/InterviewSchedule.h"
#include "engine/documents/ProjectPeriod.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor;
namespace fs = std::filesystem;

namespace {

struct DatesSample {
  test::SampleWorkspace s{"2024-02-05", 2};
  DocumentService service{*s.ws, test::SourceDir() / "templates", s.dir / "documents"};

  storage::DocumentRecord Make(const std::string& id, std::optional<storage::Id> case_id = {},
                               nlohmann::json extra = nlohmann::json::object()) {
    auto made = service.Make(s.campaign, DocumentRequest{id, case_id, nullptr, std::move(extra)});
    REQUIRE_FALSE(made.empty());
    return made.front();
  }
};

}  // namespace

TEST_CASE("stage I of the order's road map starts on the project's first day", "[dates]") {
  DatesSample d;
  const WorkflowDefinition& def =
      d.s.ws->workflows().Get(d.s.campaign.workflow_id, d.s.campaign.workflow_version);
  // The workflow's window of stage I opens on 01.01; the sample project runs from 01.02.2024.
  CHECK(StageWindowInPeriod(def.stages.front(), d.s.campaign).from == "01.02.2024");
  CHECK(StageWindowInPeriod(def.stages.back(), d.s.campaign).to == "31.12.2024");
  DocumentContext builder(*d.s.ws, d.s.campaign, def);
  nlohmann::json context = builder.Common("83/ОД", "2024-01-23");
  CHECK(context["stages"][0]["from"] == "01.02.2024");
  CHECK(context["stages"][1]["from"] == "01.03.2024");
}

TEST_CASE("a report rendered after the project ended is dated the project's last day", "[dates]") {
  DatesSample d;
  d.s.clock.Set(test::LocalNoon("2026-12-02"));
  const auto report = d.Make("final-report");
  CHECK(report.doc_date == "2024-12-31");
  CHECK(report.year == 2024);
  CHECK(DocumentDay(d.s.campaign, "2024-06-03") == "2024-06-03");
}

TEST_CASE("a document made again keeps its number and its date", "[dates]") {
  DatesSample d;
  d.s.clock.Set(test::LocalNoon("2024-12-27"));
  const auto first = d.Make("final-report");
  d.s.clock.Set(test::LocalNoon("2024-12-30"));
  const auto second = d.Make("final-report");
  CHECK(second.version == 2);
  CHECK(second.number == first.number);
  CHECK(second.doc_date == "2024-12-27");
  const std::string text = test::PdfText(d.service.root() / second.path, 0, 0, true);
  CHECK(text.find("27.12.2024") != std::string::npos);
  CHECK(text.find("30.12.2024") == std::string::npos);
}

TEST_CASE("a protocol is dated the day and time of the school's interview in the schedule",
          "[dates]") {
  DatesSample d;
  // The sample workspace has no people: the curator is named here.
  std::vector<InterviewSchool> schools = {{"s-1", "МАОУ СОШ № 1", "", "А.С. Берестова"},
                                          {"s-2", "МАОУ СОШ № 2", "", "А.С. Берестова"}};
  auto slots = ScheduleInterviews(schools, {"2024-02-12", "2024-02-13", "2024-02-14"});
  REQUIRE(slots.size() == 2);
  d.Make("interview-schedule", std::nullopt, {{"slots", InterviewSlotsContext(slots)}});
  d.s.clock.Set(test::LocalNoon("2024-02-16"));
  const auto& slot = slots[1];
  const auto protocol = d.Make("interview-protocol", d.s.CaseOf(slot.school_code));
  CHECK(protocol.doc_date == slot.date);
  const std::string text = test::PdfText(d.service.root() / protocol.path, 0, 0, true);
  INFO(text);
  CHECK(text.find(IsoToRussianDate(slot.date, "")) != std::string::npos);
  CHECK(text.find(slot.start) != std::string::npos);
  // A stage I protocol: neither the road map nor the review of programme documents yet.
  CHECK(text.find("дорожн") == std::string::npos);
  CHECK(text.find("экспертиз") == std::string::npos);
  CHECK(text.find("глубокого анализа") != std::string::npos);
}
