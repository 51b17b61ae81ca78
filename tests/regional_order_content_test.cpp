// The regional order as a clerk reads it: its road map (appendix 4) gives every deadline in
// words a person understands, in deadline order, inside the project's period.
#include <catch2/catch.hpp>

#include "engine/documents/DocumentService.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor;
namespace fs = std::filesystem;

namespace {

// The text from «Приложение № 4» to the end, whitespace squashed.
std::string AppendixFour(const fs::path& pdf) {
  const std::string text = test::Squash(test::PdfText(pdf));
  const auto at = text.find("Приложение № 4");
  REQUIRE(at != std::string::npos);
  return text.substr(at);
}

struct OrderSample {
  test::SampleWorkspace s{"2024-01-23", 2};
  DocumentService service{*s.ws, test::SourceDir() / "templates", s.dir / "documents"};
  fs::path Make() {
    auto made = service.Make(s.campaign, {"regional-order", std::nullopt, nullptr, {}});
    REQUIRE(made.size() == 2);  // the PDF, then its DOCX under the same number
    REQUIRE(made[0].format == "pdf");
    return service.root() / made[0].path;
  }
};

}  // namespace

TEST_CASE("the order's road map says monthly and waiting deadlines in words", "[order]") {
  OrderSample o;
  const std::string text = AppendixFour(o.Make());
  INFO(text);
  CHECK(text.find("до ежемесячно") == std::string::npos);
  CHECK(text.find("Ежемесячный отчёт о реализации дорожной карты — ежемесячно, до 5-го "
                  "рабочего дня месяца") != std::string::npos);
  CHECK(text.find("План профилактики учебной неуспешности обучающихся — в течение 15 рабочих "
                  "дней после утверждения ДТК") != std::string::npos);
  CHECK(text.find("Диагностическая карта школы (ДТК) — до 18.03.2024") != std::string::npos);
}

TEST_CASE("the order's road map lists a stage's tasks by deadline inside the period", "[order]") {
  OrderSample o;
  const std::string text = AppendixFour(o.Make());
  INFO(text);
  CHECK(text.find("01.02.2024 — 29.02.2024") != std::string::npos);
  CHECK(text.find("01.01.2024") == std::string::npos);
  // Stage II: the ДТК (18.03), the programmes (05.04), the road map (15.04), the coordinator's
  // review (25.04), then the plan that waits on the ДТК.
  CHECK(test::MissingInOrder(text, {"1) Диагностическая карта школы (ДТК)",
                                    "2) Программа перехода школы в эффективный режим работы",
                                    "4) Дорожная карта (план мероприятий)",
                                    "5) Заключение муниципального координатора",
                                    "6) План профилактики учебной неуспешности"}) == "");
}

TEST_CASE("the order names its drafter under the signature and ends with the visa sheet",
          "[order]") {
  OrderSample o;
  const fs::path pdf = o.Make();
  const std::string text = test::Squash(test::PdfText(pdf));
  INFO(text);
  // Signed by the department's director; the drafter and phone on the same page, before the
  // appendices (ГОСТ Р 7.0.97: отметка об исполнителе at the foot of the document's last page).
  CHECK(test::MissingInOrder(
            text, {"оставляю за собой", "Директор департамента", "Петрова Ольга Ивановна",
                   "+7 (3452) 00-10-01", "Приложение № 1"}) == "");
  int signed_page = 0;
  for (int page = 1; page <= 3 && !signed_page; ++page) {
    if (test::Squash(test::PdfText(pdf, page, page)).find("М.В. Соколова") != std::string::npos)
      signed_page = page;
  }
  REQUIRE(signed_page > 0);
  // The drafter's mark stands below the signature, at the foot of the same page.
  const auto words = test::PdfWords(pdf, signed_page);
  const test::WordBox* signer = test::FindWord(words, "Соколова");
  const test::WordBox* drafter = test::FindWord(words, "Петрова");
  REQUIRE(signer);
  REQUIRE(drafter);
  CHECK(drafter->y_min > signer->y_max);
  // The campaign names two visas: the last page is the лист согласования with both.
  CHECK(test::MissingInOrder(
            text, {"План мероприятий", "ЛИСТ СОГЛАСОВАНИЯ", "Заместитель директора департамента",
                   "Е.П. Кравцова", "Начальник отдела общего образования", "Н.С. Зуева"}) == "");
}
