// The notices to one school read against the case they tell of: the school's own tasks by
// deadline and none already past, new deadlines after a return, the stages as the school really
// passed them, and a notice of a transition the school never had refused in words.
#include <catch2/catch.hpp>

#include "engine/base/Errors.h"
#include "engine/cases/CaseService.h"
#include "engine/documents/CaseHistory.h"
#include "engine/documents/DocumentService.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor;
namespace fs = std::filesystem;

namespace {

struct Notices {
  Notices() : service(*s.ws, test::SourceDir() / "templates", s.dir / "documents") {}

  CommandResult Command(const std::string& day, CommandKind kind, const std::string& reason = "") {
    s.clock.Set(test::LocalNoon(day));
    CaseService cases(*s.ws, &service);
    shnor::Command command;
    command.kind = kind;
    command.reason = reason;
    return cases.Execute(s.CaseOf("s-1"), command, s.admin);
  }

  // s-1 through stage II into stage III on 24.04.2024.
  void IntoStageThree() {
    s.FinishStage("s-1");
    REQUIRE(Command("2024-03-01", CommandKind::Advance).applied());
    s.FinishStage("s-1");
    REQUIRE(Command("2024-04-24", CommandKind::Advance).applied());
  }

  std::string Text(const storage::DocumentRecord& d) {
    return test::Squash(test::PdfText(service.root() / d.path));
  }

  test::SampleWorkspace s{"2024-02-10", 1};
  DocumentService service;
};

std::size_t At(const std::string& text, const std::string& what) {
  const std::size_t at = text.find(what);
  INFO(what);
  CHECK(at != std::string::npos);
  return at;
}

storage::AuditEvent Event(const std::string& day, const std::string& command,
                          const std::string& from, const std::string& to) {
  storage::AuditEvent e;
  e.at_local = day + " 12:00:00 +05:00";
  e.command = command;
  e.from_state = from;
  e.to_state = to;
  return e;
}

}  // namespace

TEST_CASE("a stage notice lists the school's own tasks by deadline and none already past",
          "[notices]") {
  Notices n;
  n.IntoStageThree();
  storage::DocumentFilter filter;
  filter.campaign_id = n.s.campaign.id;
  filter.kind = "stage-notice";
  filter.stage = "III";
  auto docs = storage::DocumentRegistry(n.s.ws->db()).List(filter);
  const storage::DocumentRecord* notice = nullptr;
  for (const auto& d : docs) {
    if (d.kind == "stage-notice" && d.stage == "III" && d.format == "pdf") notice = &d;
  }
  REQUIRE(notice);
  const std::string text = n.Text(*notice);
  // The coordinator's visits and the curator's own landing are not the school's to do.
  CHECK(text.find("Мониторинговые визиты") == std::string::npos);
  CHECK(text.find("Методический десант") == std::string::npos);
  // The April report fell due on 05.04, before the notice of 24.04: not asked for; the next
  // one is, once, with its deadline.
  CHECK(text.find("05.04.2024") == std::string::npos);
  CHECK(text.find("за апрель") == std::string::npos);
  CHECK(text.find("ежемесячно") != std::string::npos);
  CHECK(text.find("ближайший срок") != std::string::npos);
  CHECK(text.find("08.05.2024") != std::string::npos);
  const std::size_t report = At(text, "Ежемесячный отчёт");
  const std::size_t routes = At(text, "Индивидуальные образовательные маршруты");
  const std::size_t partner = At(text, "Совместные мероприятия");
  CHECK(report < routes);   // 08.05 before 14.06
  CHECK(routes < partner);  // 14.06 before 31.10
}

TEST_CASE("a return notice gives new deadlines counted from the return day and a full stop",
          "[notices]") {
  Notices n;
  n.IntoStageThree();
  CommandResult back = n.Command("2024-05-20", CommandKind::Return, "Доработать ДТК");
  REQUIRE(back.applied());
  REQUIRE(back.documents.size() == 2);  // the PDF, then its DOCX under the same number
  REQUIRE(back.documents[0].format == "pdf");
  const std::string text = n.Text(back.documents[0]);
  CHECK(text.find("Причина возврата: Доработать ДТК.") != std::string::npos);
  // 20.05.2024 + 10 working days; none of the stage's own, long past deadlines.
  CHECK(text.find("03.06.2024") != std::string::npos);
  for (const char* past : {"18.03.2024", "05.04.2024", "15.04.2024", "25.04.2024"}) {
    INFO(past);
    CHECK(text.find(past) == std::string::npos);
  }
  CHECK(text.find("Заключение муниципального координатора") == std::string::npos);
}

TEST_CASE("docs render of a return or withdrawal notice tells of the school's last one",
          "[notices]") {
  Notices n;
  n.IntoStageThree();
  const storage::Id case_id = n.s.CaseOf("s-1");
  for (const std::string id : {"return-notice", "withdrawal-notice"}) {
    INFO(id);
    try {
      n.service.Make(n.s.campaign, DocumentRequest{id, case_id, nullptr, {}, nullptr});
      FAIL("made without a transition");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(),
                 Catch::Contains(id == "return-notice" ? "не возвращалась на предыдущий этап"
                                                       : "не выбывала из проекта"));
    }
  }
  REQUIRE(n.Command("2024-05-20", CommandKind::Return, "Доработать ДТК").applied());
  auto again =
      n.service.Make(n.s.campaign, DocumentRequest{"return-notice", case_id, nullptr, {}, nullptr});
  REQUIRE(again.size() == 2);  // the PDF, then its DOCX under the same number
  REQUIRE(again[0].format == "pdf");
  const std::string text = n.Text(again[0]);
  CHECK(text.find("возвращена с этапа III") != std::string::npos);
  CHECK(text.find("Причина возврата: Доработать ДТК.") != std::string::npos);
}

TEST_CASE("the stage history gives the days the school really entered and left each stage",
          "[notices]") {
  WorkflowDefinition def;
  for (const char* id : {"I", "II", "III", "IV"}) {
    StageDefinition s;
    s.id = id;
    s.title = std::string("Этап ") + id;
    def.stages.push_back(s);
  }
  const std::vector<storage::AuditEvent> events = {
      Event("2024-02-05", "open", "", "I/active"),
      Event("2024-02-20", "task-approve", "I/dtk:submitted", "I/dtk:approved"),
      Event("2024-03-01", "advance", "I/active", "II/active"),
      Event("2024-04-15", "advance-override", "II/active", "III/active"),
      Event("2024-05-20", "return", "III/active", "II/active"),
      Event("2024-06-10", "advance", "II/active", "III/active"),
      Event("2024-12-02", "advance", "III/active", "IV/active"),
  };
  const nlohmann::json rows = StageHistory(events, def, "2024-12-26");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] ==
        nlohmann::json{
            {"id", "I"}, {"title", "Этап I"}, {"from", "05.02.2024"}, {"to", "01.03.2024"}});
  CHECK(rows[1]["from"] == "01.03.2024");
  CHECK(rows[1]["to"] == "10.06.2024");  // back on it after the return, left again
  CHECK(rows[2]["from"] == "15.04.2024");
  CHECK(rows[2]["to"] == "02.12.2024");
  CHECK(rows[3]["to"] == "26.12.2024");  // the completion being made now
  auto done = events;
  done.push_back(Event("2024-12-24", "complete", "IV/active", "IV/completed"));
  CHECK(StageHistory(done, def, "2025-01-15")[3]["to"] == "24.12.2024");
  CHECK(LastTransition(done, "return")->from == "III");
  CHECK(!LastTransition(done, "withdraw"));
}
