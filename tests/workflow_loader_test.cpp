// The workflow loader: the shipped definition loads, and every malformed definition is refused
// with its file, line and reason.
#include <catch2/catch.hpp>

#include "engine/definitions/WorkflowLoader.h"
#include "engine/workspace/WorkflowCatalog.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

// A valid two-stage definition; tests replace one line to break it.
const std::string kValid =
    "id: t\n"                                            // 1
    "version: 1\n"                                       // 2
    "title: Проверка\n"                                  // 3
    "initial: I\n"                                       // 4
    "stages:\n"                                          // 5
    "  - id: I\n"                                        // 6
    "    title: Первый\n"                                // 7
    "    window: { from: \"01-01\", to: \"02-end\" }\n"  // 8
    "    tasks:\n"                                       // 9
    "      - id: a\n"                                    // 10
    "        title: Задача А\n"                          // 11
    "        due: \"02-10\"\n"                           // 12
    "  - id: II\n"                                       // 13
    "    title: Второй\n"                                // 14
    "    window: { from: \"03-01\", to: \"04-30\" }\n"   // 15
    "    tasks:\n"                                       // 16
    "      - id: b\n"                                    // 17
    "        title: Задача Б\n"                          // 18
    "        reviewer: coordinator\n"                    // 19
    "transitions:\n"                                     // 20
    "  - { kind: advance, from: I, to: II }\n"           // 21
    "  - { kind: complete, from: II }\n";                // 22

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

void RequireRefusal(const std::string& yaml, int line, const std::string& part) {
  try {
    LoadWorkflowText(yaml, "wf.yaml");
    FAIL("the definition was accepted");
  } catch (const DefinitionError& e) {
    INFO(e.what());
    CHECK(e.file() == "wf.yaml");
    CHECK(e.line() == line);
    CHECK_THAT(e.reason(), Catch::Contains(part));
    CHECK_THAT(e.what(), Catch::StartsWith("wf.yaml:" + std::to_string(line) + ": "));
  }
}

}  // namespace

TEST_CASE("the shipped targeted-support definition loads with its four stages", "[workflow]") {
  auto def = test::ShippedWorkflow();
  CHECK(def.id == "targeted-support");
  CHECK(def.version == 3);
  REQUIRE(def.stages.size() == 4);
  CHECK(def.stages[0].title == "Выбор ОО для участия в проекте");
  CHECK(def.stages[1].title == "Формирование программных документов");
  CHECK(def.stages[2].title == "Реализация запланированных мер");
  CHECK(def.stages[3].title == "Рефлексивно-аналитический этап");
  const TaskDefinition* dtk = def.FindTask("dtk");
  REQUIRE(dtk);
  CHECK_THAT(dtk->title, Catch::Contains("ДТК"));
  CHECK_FALSE(def.FindTask("anti-risk-programmes")->required);
  CHECK(def.FindTask("monthly-report")->recurrence == Recurrence::Monthly);
  CHECK(def.AdvanceFrom("I")->to == "II");
  CHECK(def.PreviousOf("III")->id == "II");
  CHECK(def.PreviousOf("I") == nullptr);
  CHECK(def.CompleteFrom("IV") != nullptr);
  CHECK(def.AdvanceFrom("IV") == nullptr);
  CHECK(def.Anywhere(TransitionKind::Withdraw)->documents ==
        std::vector<std::string>{"withdrawal-notice"});
  CHECK(def.stages[0].window_to.InYear(2024) ==
        Date{std::chrono::year{2024}, std::chrono::February, std::chrono::day{29}});
}

TEST_CASE("the test definition itself is valid", "[workflow]") {
  auto def = LoadWorkflowText(kValid, "wf.yaml");
  CHECK(def.FindTask("b")->reviewer == Role::Coordinator);
  CHECK(def.FindTask("a")->owner == Role::School);
}

TEST_CASE("loader refuses broken YAML with its line", "[workflow]") {
  RequireRefusal(Replace(kValid, "title: Задача Б\n", "title: [Задача Б\n"), 19, "синтаксиса");
}

TEST_CASE("loader refuses a duplicate task id with its line", "[workflow]") {
  RequireRefusal(Replace(kValid, "- id: b\n", "- id: a\n"), 17,
                 "задача «a» уже определена в строке 10");
}

TEST_CASE("loader refuses a duplicate stage id with its line", "[workflow]") {
  std::string yaml = Replace(kValid, "  - id: II\n", "  - id: I\n");
  RequireRefusal(yaml, 13, "этап «I» уже определён в строке 6");
}

TEST_CASE("loader refuses a transition to nowhere", "[workflow]") {
  RequireRefusal(Replace(kValid, "from: I, to: II }", "from: I, to: III }"), 21,
                 "переход в никуда");
  RequireRefusal(Replace(kValid, "from: I, to: II }", "from: I }"), 21, "переход в никуда");
}

TEST_CASE("loader refuses a reference to an unknown stage", "[workflow]") {
  RequireRefusal(Replace(kValid, "kind: complete, from: II", "kind: complete, from: V"), 22,
                 "неизвестный этап «V»");
  RequireRefusal(Replace(kValid, "initial: I\n", "initial: Z\n"), 4, "начальный этап «Z»");
}

TEST_CASE("loader refuses a stage no one can reach", "[workflow]") {
  RequireRefusal(Replace(kValid, "  - { kind: advance, from: I, to: II }\n", ""), 13, "недостижим");
}

TEST_CASE("loader refuses two advances out of one stage", "[workflow]") {
  RequireRefusal(Replace(kValid, "  - { kind: complete, from: II }\n",
                         "  - { kind: advance, from: I, to: II }\n"),
                 22, "уже есть переход advance");
}

TEST_CASE("loader refuses missing titles", "[workflow]") {
  RequireRefusal(Replace(kValid, "        title: Задача А\n", ""), 10, "«title»");
  RequireRefusal(Replace(kValid, "    title: Второй\n", ""), 13, "«title»");
  RequireRefusal(Replace(kValid, "title: Проверка\n", "title: \"\"\n"), 1, "«title»");
}

TEST_CASE("loader refuses malformed dates", "[workflow]") {
  RequireRefusal(Replace(kValid, "due: \"02-10\"", "due: \"02-30\""), 12, "«02-30»");
  RequireRefusal(Replace(kValid, "from: \"03-01\"", "from: \"13-01\""), 15, "«13-01»");
  RequireRefusal(Replace(kValid, "from: \"03-01\"", "from: \"3/1\""), 15, "ММ-ДД");
  RequireRefusal(
      Replace(kValid, "from: \"03-01\", to: \"04-30\"", "from: \"05-01\", to: \"04-30\""), 15,
      "начинается позже");
  RequireRefusal(Replace(kValid, "due: \"02-10\"", "due: \"03-10\""), 12, "вне окна этапа I");
}

TEST_CASE("loader refuses an unknown role, key or transition kind", "[workflow]") {
  RequireRefusal(Replace(kValid, "reviewer: coordinator", "reviewer: director"), 19,
                 "неизвестная роль «director»");
  RequireRefusal(Replace(kValid, "reviewer: coordinator", "reviwer: coordinator"), 19,
                 "неизвестное поле «reviwer»");
  RequireRefusal(Replace(kValid, "kind: complete", "kind: finish"), 22,
                 "неизвестный вид перехода «finish»");
}

TEST_CASE("loader refuses a bad version and a bad monthly task", "[workflow]") {
  RequireRefusal(Replace(kValid, "version: 1\n", "version: zero\n"), 2, "версия");
  RequireRefusal(Replace(kValid, "version: 1\n", ""), 1, "версия");
  RequireRefusal(Replace(kValid, "        reviewer: coordinator\n",
                         "        recurrence: monthly\n        due_day_of_month: 31\n"),
                 20, "от 1 до 28");
}

TEST_CASE("loading a missing workflow file is refused by name", "[workflow]") {
  test::TempDir dir;
  storage::Database db(dir / "a.db", storage::OpenMode::CreateIfMissing);
  CHECK_THROWS_WITH(WorkflowCatalog(db).Register("/nonexistent/wf.yaml", 0),
                    Catch::Contains("/nonexistent/wf.yaml"));
}

TEST_CASE("the documents section gives each document its number pattern formats and scope",
          "[workflow]") {
  const std::string with_documents =
      Replace(kValid, "  - { kind: advance, from: I, to: II }\n",
              "  - { kind: advance, from: I, to: II, documents: [notice] }\n") +
      "documents:\n"                                                            // 23
      "  notice: { number: \"{n}-У\", format: pdf }\n"                          // 24
      "  order: { number: \"{n}/ОД\", format: [pdf, xlsx], scope: campaign,\n"  // 25
      "           number_from: campaign-order }\n";                             // 26
  auto def = LoadWorkflowText(with_documents, "wf.yaml");
  REQUIRE(def.documents.size() == 2);
  const DocumentDefinition* notice = def.FindDocument("notice");
  REQUIRE(notice);
  CHECK(notice->number == "{n}-У");
  CHECK(notice->scope == DocumentScope::School);
  CHECK(notice->formats == std::vector<DocumentFormat>{DocumentFormat::Pdf});
  const DocumentDefinition* order = def.FindDocument("order");
  REQUIRE(order);
  CHECK(order->scope == DocumentScope::Campaign);
  CHECK(order->campaign_order);
  CHECK(order->formats.size() == 2);

  RequireRefusal(Replace(with_documents, "\"{n}-У\"", "\"У\""), 24, "ровно одно {n}");
  RequireRefusal(Replace(with_documents, "format: pdf }", "format: odt }"), 24, "odt");
  auto with_docx = LoadWorkflowText(
      Replace(with_documents, "format: pdf }", "format: [pdf, docx] }"), "wf.yaml");
  CHECK(with_docx.FindDocument("notice")->formats ==
        std::vector<DocumentFormat>{DocumentFormat::Pdf, DocumentFormat::Docx});
  RequireRefusal(Replace(with_documents, "documents: [notice]", "documents: [letter]"), 21,
                 "«letter» не описан");
  RequireRefusal(Replace(with_documents, "documents: [notice]", "documents: [order]"), 21,
                 "всему проекту");
}

TEST_CASE("every document of the shipped definition has a template", "[workflow]") {
  auto def = test::ShippedWorkflow();
  REQUIRE(def.documents.size() >= 10);
  for (const auto& d : def.documents) {
    INFO(d.id);
    CHECK(std::filesystem::exists(test::SourceDir() / "templates" / (d.id + ".yaml")));
  }
}
