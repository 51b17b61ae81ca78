// Templates: loading refuses bad structure with file and line, rendering checks every name
// against the context, and the Russian conventions of official documents.
#include <catch2/catch.hpp>
#include <filesystem>

#include "output/Template.h"
#include "output/TemplateRenderer.h"

using namespace shnor::output;
using Catch::Contains;

namespace {

const char* kOrder = R"(id: order
version: 3
gender: feminine
title: "Приказ № {{order.number}}"
author: "{{authority}}"
date: "{{order.iso}}"
blocks:
  - letterhead:
      authority: ["{{authority}}"]
      kind: ПРИКАЗ
      date: "{{order.date}}"
      number: "{{order.number}}"
      place: г. Тюмень
  - title: "Об организации работы"
  - paragraph: "В соответствии с планом {{#schools}}{{/schools}}приказываю:"
  - list:
      - "Утвердить:"
      - text: "Перечень школ"
        items: ["список 1.1", "список 1.2"]
      - each: schools
        text: "Школа {{name}}"
  - approval: ["{{template.approved}}", "приказом от {{order.date}} № {{order.number}}"]
  - table:
      caption: Список школ
      rows: schools
      columns:
        - { header: "№", width: 10, value: "{{index}}" }
        - { header: Школа, width: 90, value: "{{name}}" }
        - { header: Срок, width: 30, value: "{{due}}", date: true }
  - page-break
  - spacer: 8
  - signature: { position: Директор, name: "{{director}}" }
  - chart: { caption: Школы, rows: schools, label: "{{name}}", value: "{{score}}" }
)";

nlohmann::json Context() {
  return nlohmann::json{
      {"authority", "Департамент образования"},
      {"director", "Е.В. Иванова"},
      {"order", {{"number", "83/ОД"}, {"date", "23.01.2024"}, {"iso", "2024-01-23"}}},
      {"schools",
       {{{"name", "МАОУ СОШ № 1"}, {"due", "2024-03-15"}, {"score", 4.5}},
        {{"name", "МАОУ «Гимназия»"}, {"due", "2024-03-18"}, {"score", 3}}}}};
}

std::string ErrorOf(const std::string& yaml, const nlohmann::json& context = Context()) {
  try {
    RenderTemplate(ParseTemplate(yaml, "templates/t.yaml"), context);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a template renders every block type against its context", "[template]") {
  Document doc = RenderTemplate(ParseTemplate(kOrder, "templates/order.yaml"), Context());
  CHECK(doc.template_id == "order");
  CHECK(doc.template_version == 3);
  CHECK(doc.title == "Приказ № 83/ОД");  // printed literally, not as 83&#x2F;ОД
  CHECK(doc.date == "2024-01-23");
  REQUIRE(doc.blocks.size() == 10);
  auto& head = std::get<Letterhead>(doc.blocks[0]);
  CHECK(head.authority == std::vector<std::string>{"Департамент образования"});
  CHECK(head.number == "83/ОД");
  auto& list = std::get<NumberedList>(doc.blocks[3]);
  REQUIRE(list.items.size() == 6);
  CHECK(list.items[1].number == "2.");
  CHECK(list.items[2].number == "2.1.");
  CHECK(list.items[2].level == 2);
  CHECK(list.items[3].number == "2.2.");
  CHECK(list.items[4].number == "3.");
  CHECK(list.items[5].text == "Школа МАОУ «Гимназия»");
  CHECK(std::get<ApprovalStamp>(doc.blocks[4]).lines[0] == "УТВЕРЖДЕНА");
  auto& table = std::get<Table>(doc.blocks[5]);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[1] == std::vector<std::string>{"2", "МАОУ «Гимназия»", "2024-03-18"});
  CHECK(table.columns[2].date);
  CHECK(table.columns[1].width_mm == 90);
  CHECK(std::get<Spacer>(doc.blocks[7]).mm == 8);
  CHECK(std::get<Signature>(doc.blocks[8]).name == "Е.В. Иванова");
  auto& chart = std::get<BarChart>(doc.blocks[9]);
  CHECK(chart.values == std::vector<double>{4.5, 3});
}

TEST_CASE("a name the context lacks is refused with the file and line", "[template]") {
  auto context = Context();
  context.erase("director");
  CHECK(ErrorOf(kOrder, context) ==
        "templates/t.yaml:32: в данных документа нет значения «{{director}}»");
  auto partial = Context();
  partial["schools"][1].erase("due");
  CHECK(ErrorOf(kOrder, partial) ==
        "templates/t.yaml:29: в строке списка «schools» нет значения «{{due}}»");
  auto no_list = Context();
  no_list.erase("schools");
  CHECK_THAT(ErrorOf(kOrder, no_list), Contains("нет значения «{{schools}}»"));
}

TEST_CASE("template structure errors name the file line and item", "[template]") {
  std::string head = "id: t\nversion: 1\ntitle: T\nblocks:\n";
  CHECK(ErrorOf(head + "  - poem: x\n") == "templates/t.yaml:5: неизвестный тип блока «poem»");
  CHECK(ErrorOf(head + "  - table:\n      rows: schools\n      columns:\n        - { header: "
                       "Школа, value: x }\n") ==
        "templates/t.yaml:8: у столбца «Школа» не задана ширина (width, мм)");
  CHECK(ErrorOf(head + "  - paragraph: \"{{#schools}}{{name}}\"\n") ==
        "templates/t.yaml:5: «paragraph»: секция «{{#schools}}» не закрыта");
  CHECK(ErrorOf(head + "  - paragraph: { text: x, colour: red }\n") ==
        "templates/t.yaml:5: неизвестное поле «colour» в блоке «paragraph»");
  CHECK(ErrorOf(head + "  - paragraph: \"{{> partial}}\"\n") ==
        "templates/t.yaml:5: «paragraph»: тег «{{> partial}}» не поддерживается в шаблонах "
        "документов");
  CHECK(ErrorOf("id: t\ntitle: T\nblocks: []\n") == "templates/t.yaml:1: у шаблона нет version");
  CHECK(ErrorOf(head + "  - chart: { rows: schools, label: x, value: \"{{name}}\" }\n") ==
        "templates/t.yaml:5: значение диаграммы «МАОУ СОШ № 1» для «x» — не число");
}

TEST_CASE("dates names and agreement follow Russian official style", "[template]") {
  CHECK(NumericDate("2024-01-23") == "23.01.2024");
  CHECK(LongDate("2024-01-23") == "23 января 2024 г.");
  CHECK(LongDate("2024-05-01") == "1 мая 2024 г.");
  CHECK_FALSE(NumericDate("2023-02-29"));
  CHECK_FALSE(LongDate("23.01.2024"));
  CHECK(Initials("Иванова Елена Викторовна") == "Е.В. Иванова");
  CHECK(Initials("Петров Иван") == "И. Петров");
  CHECK(Initials("Ёлкина") == "Ёлкина");
  CHECK(Agree("УТВЕРЖДЕН", Gender::Feminine) == "УТВЕРЖДЕНА");
  CHECK(Agree("УТВЕРЖДЕН", Gender::Neuter) == "УТВЕРЖДЕНО");
  CHECK(Agree("утвержден", Gender::Plural) == "утверждены");
  CHECK(Agree("утвержден", Gender::Masculine) == "утвержден");
}

TEST_CASE("every shipped template loads and the stage notice renders", "[template]") {
  namespace fs = std::filesystem;
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SHNOR_SOURCE_DIR) / "templates")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    CHECK_NOTHROW(LoadTemplate(entry.path()));
    ++loaded;
  }
  CHECK(loaded >= 1);
  nlohmann::json context{
      {"authority", "Департамент образования и науки Тюменской области"},
      {"authority_genitive", "Департамента образования и науки Тюменской области"},
      {"project", "Проект адресной помощи"},
      {"operator_full", "ГАОУ ТО ДПО «ТОГИРРО»"},
      {"operator_details",
       {{"address", "г. Тюмень"}, {"phone", "+7 (3452) 00-20-00"}, {"email", "t@example.ru"}}},
      {"operator_signer", {{"position", "Ректор"}, {"name", "И.Н. Лебедева"}}},
      {"letterhead_blank", false},
      {"order", {{"number", "83/ОД"}, {"date", "23.01.2024"}}},
      {"document", {{"number", "12/ШНОР"}, {"date", "01.03.2024"}, {"iso", "2024-03-01"}}},
      {"school", {{"name", "МАОУ СОШ № 5"}, {"municipality", "Вагайский район"}}},
      {"stage",
       {{"id", "II"},
        {"title", "Разработка документов"},
        {"name", "Разработка документов"},
        {"from", "01.03.2024"},
        {"to", "30.04.2024"}}},
      {"school_tasks", {{{"title", "Диагностическая карта (ДТК)"}, {"due", "18.03.2024"}}}},
      {"coordinator", {{"name", "Е.А. Рябинина"}}},
      {"curator",
       {{"position", "Куратор проекта"},
        {"name", "А.А. Петрова"},
        {"full_name", "Петрова Анна Андреевна"},
        {"phone", "+7 (3452) 00-00-01"}}}};
  Document doc = RenderTemplate(
      LoadTemplate(fs::path(SHNOR_SOURCE_DIR) / "templates/stage-notice.yaml"), context);
  CHECK(doc.title == "Письмо о переходе на этап II: МАОУ СОШ № 5");
  auto& text = std::get<Paragraph>(doc.blocks[3]).text;
  CHECK_THAT(text, Contains("Во исполнение приказа"));
  CHECK_THAT(text, Contains("МАОУ СОШ № 5 переведена на этап II"));
  CHECK(std::get<Table>(doc.blocks[5]).rows.at(0).at(2) == "18.03.2024");
}

namespace {

const char* kWithData = R"yaml(id: plan
version: 1
title: "План {{school}}"
data:
  due_text: "до {{due.road_map}}"
  rows:
    - { n: "1.", text: Мониторинг, when: "", section: true }
    - { n: "1.1.", text: "ДТК школы {{school}}", when: "до {{due.dtk}}", section: false }
  empty:
  quoted: "true"
blocks:
  - paragraph: "{{due_text}}{{#empty}}x{{/empty}}{{#quoted}}!{{/quoted}}"
  - table:
      rows: rows
      columns:
        - { header: "№", width: 10, value: "{{n}}{{#section}}*{{/section}}" }
        - { header: Мероприятие, width: 90, value: "{{text}}" }
        - { header: Срок, width: 30, value: "{{when}} ({{index}})" }
)yaml";

nlohmann::json PlanContext() {
  return {{"school", "МАОУ СОШ № 5"}, {"due", {{"road_map", "15.04.2024"}, {"dtk", "18.03.2024"}}}};
}

std::string PlanError(const std::string& yaml, const nlohmann::json& context = PlanContext()) {
  try {
    RenderTemplate(ParseTemplate(yaml, "templates/plan.yaml"), context);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("template data is rendered against the context and read like it", "[template]") {
  Document doc = RenderTemplate(ParseTemplate(kWithData, "templates/plan.yaml"), PlanContext());
  CHECK(std::get<Paragraph>(doc.blocks[0]).text == "до 15.04.2024!");
  auto& table = std::get<Table>(doc.blocks[1]);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0] == std::vector<std::string>{"1.*", "Мониторинг", " (1)"});
  CHECK(table.rows[1] ==
        std::vector<std::string>{"1.1.", "ДТК школы МАОУ СОШ № 5", "до 18.03.2024 (2)"});
}

TEST_CASE("template data refuses a name the context lacks or already has", "[template]") {
  auto no_dtk = PlanContext();
  no_dtk["due"].erase("dtk");
  CHECK(PlanError(kWithData, no_dtk) ==
        "templates/plan.yaml:8: в данных документа нет значения «{{due.dtk}}»");
  auto taken = PlanContext();
  taken["rows"] = nlohmann::json::array();
  CHECK(PlanError(kWithData, taken) ==
        "templates/plan.yaml:6: имя «rows» из data уже есть в данных документа");
  CHECK(PlanError("id: t\nversion: 1\ntitle: T\ndata:\n  template: x\nblocks: []\n") ==
        "templates/plan.yaml:5: имя «template» из data уже есть в данных документа");
}

TEST_CASE("template data structure errors name the file and line", "[template]") {
  const std::string head = "id: t\nversion: 1\ntitle: T\n";
  CHECK(PlanError(head + "data: [a, b]\nblocks: []\n") ==
        "templates/plan.yaml:4: «data» должно быть словарём: имя → значение");
  CHECK(PlanError(head + "data:\n  rows:\n    - { a.b: x }\nblocks: []\n") ==
        "templates/plan.yaml:6: ключ «a.b» в «data.rows»: нужно имя без точек");
  CHECK(PlanError(head + "data:\n  rows:\n    - \"{{#due}}x\"\nblocks: []\n") ==
        "templates/plan.yaml:6: «data.rows»: секция «{{#due}}» не закрыта");
}

TEST_CASE("an authority's name declines its head word after «к приказу»", "[template]") {
  using shnor::output::AuthorityGenitive;
  CHECK(AuthorityGenitive("Департамент образования и науки Тюменской области") ==
        "Департамента образования и науки Тюменской области");
  CHECK(AuthorityGenitive("Министерство образования Новосибирской области") ==
        "Министерства образования Новосибирской области");
  CHECK(AuthorityGenitive("Главное управление образования") == "Главного управления образования");
  CHECK(AuthorityGenitive("ТОГИРРО") == "ТОГИРРО");
}

namespace {

const char* kLetter = R"(id: letter
version: 1
title: Письмо
blocks:
  - letterhead:
      authority: ["{{authority}}"]
      requisites: ["{{address}}", "{{email}}"]
      reference: "К приказу от {{order.date}} № {{order.number}}"
      blank: "{{blank}}"
      date: "{{order.date}}"
  - addressee: ["Руководителю", "{{school}}"]
  - approval:
      lines: [УТВЕРЖДАЮ, Директор]
      agreed: [СОГЛАСОВАНО, "{{email}}", Координатор]
  - approval: [УТВЕРЖДЕН]
  - executor: ["{{executor}}", "+7 (3452) 00-00-01"]
)";

nlohmann::json LetterContext() {
  nlohmann::json c = Context();
  c["address"] = "ул. Володарского, д. 45, г. Тюмень";
  c["email"] = "";
  c["blank"] = true;
  c["school"] = "МАОУ СОШ № 1";
  c["executor"] = "Петрова Ольга Ивановна";
  return c;
}

std::string LetterError(const std::string& yaml, const nlohmann::json& context = LetterContext()) {
  return ErrorOf(yaml, context);
}

}  // namespace

TEST_CASE("letter blocks render requisites reference addressee agreement and executor",
          "[template]") {
  Document doc = RenderTemplate(ParseTemplate(kLetter, "templates/letter.yaml"), LetterContext());
  REQUIRE(doc.blocks.size() == 5);
  auto& head = std::get<Letterhead>(doc.blocks[0]);
  // The empty e-mail line is dropped, not printed blank.
  CHECK(head.requisites == std::vector<std::string>{"ул. Володарского, д. 45, г. Тюмень"});
  CHECK(head.reference == "К приказу от 23.01.2024 № 83/ОД");
  CHECK(head.blank);
  CHECK(std::get<Addressee>(doc.blocks[1]).lines ==
        std::vector<std::string>{"Руководителю", "МАОУ СОШ № 1"});
  auto& stamp = std::get<ApprovalStamp>(doc.blocks[2]);
  CHECK(stamp.lines == std::vector<std::string>{"УТВЕРЖДАЮ", "Директор"});
  CHECK(stamp.agreed == std::vector<std::string>{"СОГЛАСОВАНО", "Координатор"});
  CHECK(std::get<ApprovalStamp>(doc.blocks[3]).agreed.empty());
  CHECK(std::get<ExecutorMark>(doc.blocks[4]).lines ==
        std::vector<std::string>{"Петрова Ольга Ивановна", "+7 (3452) 00-00-01"});
  auto printed = LetterContext();
  printed["blank"] = false;
  doc = RenderTemplate(ParseTemplate(kLetter, "templates/letter.yaml"), printed);
  CHECK_FALSE(std::get<Letterhead>(doc.blocks[0]).blank);
}

TEST_CASE("letter block errors name the file line and field", "[template]") {
  const std::string head = "id: t\nversion: 1\ntitle: T\nblocks:\n";
  CHECK(LetterError(head + "  - letterhead:\n      authority: x\n      requsites: y\n") ==
        "templates/t.yaml:7: неизвестное поле «requsites» в блоке «letterhead»");
  CHECK(LetterError(head + "  - letterhead:\n      authority: x\n      blank: maybe\n") ==
        "templates/t.yaml:7: «blank»: ожидается true или false");
  CHECK(LetterError(head + "  - letterhead:\n      authority: x\n      blank: \"{{school}}\"\n") ==
        "templates/t.yaml:7: «МАОУ СОШ № 1» вместо true или false");
  CHECK(LetterError(head + "  - addressee: { to: x }\n") ==
        "templates/t.yaml:5: поле «addressee» должно быть строкой или списком строк");
  CHECK(LetterError(head + "  - executor: [\"{{nobody}}\"]\n") ==
        "templates/t.yaml:5: в данных документа нет значения «{{nobody}}»");
  CHECK(LetterError(head + "  - approval:\n      lines: [x]\n      agree: [y]\n") ==
        "templates/t.yaml:7: неизвестное поле «agree» в блоке «approval»");
  CHECK(LetterError(head + "  - approval: { agreed: [y] }\n") ==
        "templates/t.yaml:5: в грифе утверждения нет строк (lines)");
}
