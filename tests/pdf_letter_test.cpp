// The requisites of letters and approved documents in the PDF, checked where a clerk looks for
// them: the sender's requisites under the authority, the reference under the date, the addressee
// in the right half, СОГЛАСОВАНО left of УТВЕРЖДАЮ, the executor at the foot of the page.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "output/PdfRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::FindWord;
using shnor::test::MissingInOrder;
using shnor::test::PdfText;
using shnor::test::PdfWords;
using shnor::test::Squash;
using shnor::test::WordBox;
namespace fs = std::filesystem;

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageHeight = 841.89;
constexpr double kLeft = 30 * kMm;
constexpr double kRight = 595.276 - 15 * kMm;
constexpr double kMiddle = (kLeft + kRight) / 2;
constexpr double kFoot = kPageHeight - 20 * kMm;  // the bottom margin, from the top

struct Rendered {
  explicit Rendered(const Document& doc) {
    file = dir / "letter.pdf";
    shnor::test::WriteText(file, RenderPdf(doc));
  }
  shnor::test::TempDir dir;
  fs::path file;
};

Letterhead DepartmentHead() {
  Letterhead head;
  head.authority = {"ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ", "ТЮМЕНСКОЙ ОБЛАСТИ"};
  head.requisites = {"ул. Володарского, д. 45, г. Тюмень, 625000",
                     "тел. +7 (3452) 00-00-00, e-mail: don@example.ru"};
  head.date = "12.02.2024";
  head.number = "1-УВ";
  head.reference = "К приказу от 23.01.2024 № 83/ОД";
  return head;
}

Document Letter(const Letterhead& head) {
  Document doc;
  doc.date = "2024-02-12";
  doc.blocks = {head,
                Addressee{{"Руководителю", "МАОУ Сосновская СОШ", "Иванову И.И."}},
                Title{"О переходе на этап II"},
                Paragraph{"Уведомляем, что школа переходит на этап II проекта."},
                Signature{"Проректор", "А.С. Берестова"},
                ExecutorMark{{"Петрова Ольга Ивановна", "+7 (3452) 00-00-01"}}};
  return doc;
}

// The lowest bottom of the words on the page other than `except`.
double LowestOtherWord(const std::vector<WordBox>& words, const std::vector<std::string>& except) {
  double lowest = 0;
  for (const WordBox& w : words) {
    if (std::find(except.begin(), except.end(), w.text) == except.end())
      lowest = std::max(lowest, w.y_max);
  }
  return lowest;
}

}  // namespace

TEST_CASE("a letter prints the requisites under the authority and the reference under the date",
          "[pdf][letter]") {
  Rendered pdf(Letter(DepartmentHead()));
  CHECK(MissingInOrder(Squash(PdfText(pdf.file)),
                       {"ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ", "ТЮМЕНСКОЙ ОБЛАСТИ",
                        "ул. Володарского, д. 45, г. Тюмень, 625000",
                        "тел. +7 (3452) 00-00-00, e-mail: don@example.ru", "12.02.2024", "№ 1-УВ",
                        "К приказу от 23.01.2024 № 83/ОД", "Руководителю", "МАОУ Сосновская СОШ",
                        "Иванову И.И.", "О переходе на этап II", "Уведомляем"}) == "");
  const std::vector<WordBox> words = PdfWords(pdf.file, 1);
  const WordBox* street = FindWord(words, "Володарского,");
  const WordBox* reference = FindWord(words, "К");
  const WordBox* date = FindWord(words, "12.02.2024");
  REQUIRE(street);
  REQUIRE(reference);
  REQUIRE(date);
  CHECK(street->y_max - street->y_min < 12);  // small type, not the 14 pt body
  CHECK(reference->x_min == Approx(kLeft).margin(1));
  CHECK(reference->y_min > date->y_max);
}

TEST_CASE("the addressee stands in the right half under the letterhead", "[pdf][letter]") {
  Rendered pdf(Letter(DepartmentHead()));
  const std::vector<WordBox> words = PdfWords(pdf.file, 1);
  const WordBox* to = FindWord(words, "Руководителю");
  const WordBox* school = FindWord(words, "Сосновская");
  const WordBox* reference = FindWord(words, "К");
  const WordBox* title = FindWord(words, "переходе");
  REQUIRE(to);
  REQUIRE(school);
  REQUIRE(reference);
  REQUIRE(title);
  CHECK(to->x_min == Approx(kMiddle).margin(1));
  CHECK(school->x_min > kMiddle);
  CHECK(to->y_min > reference->y_max);
  CHECK(title->y_min > school->y_max);
}

TEST_CASE("the executor mark stands at the foot of the page in small type", "[pdf][letter]") {
  Rendered pdf(Letter(DepartmentHead()));
  const std::vector<WordBox> words = PdfWords(pdf.file, 1);
  const WordBox* name = FindWord(words, "Петрова");
  const WordBox* phone = FindWord(words, "00-00-01");
  const WordBox* signer = FindWord(words, "Берестова");
  REQUIRE(name);
  REQUIRE(phone);
  REQUIRE(signer);
  CHECK(name->x_min == Approx(kLeft).margin(1));
  CHECK(phone->y_max == Approx(kFoot).margin(4));
  CHECK(name->y_min > signer->y_max + 200);  // at the foot, not under the signature
  CHECK(name->y_max - name->y_min < 12);
}

TEST_CASE("the executor mark goes below the text however full the page is", "[pdf][letter]") {
  Document doc;
  doc.date = "2024-02-12";
  const std::string text(
      "Строка текста уведомления о переходе школы на следующий этап проекта адресной поддержки. ");
  for (int lines = 24; lines < 38; ++lines) {  // page 1 fills up at about 30
    std::string body;
    for (int i = 0; i < lines; ++i) body += text;
    doc.blocks = {Paragraph{body}, ExecutorMark{{"Петрова Ольга Ивановна", "+7 00-00-01"}}};
    Rendered pdf(doc);
    const int pages = std::stoi(
        shnor::test::Run("pdfinfo " + shnor::test::Quote(pdf.file) + " | awk '/^Pages/{print $2}'",
                         pdf.dir.path())
            .out);
    const std::vector<WordBox> words = PdfWords(pdf.file, pages);
    const WordBox* name = FindWord(words, "Петрова");
    REQUIRE(name);
    INFO(lines << " sentences");
    CHECK(name->y_min > LowestOtherWord(words, {"Петрова", "Ольга", "Ивановна", "+7", "00-00-01"}));
    CHECK(name->y_max < kFoot);
  }
}

TEST_CASE("a blank letterhead keeps the authority's room and prints the rest", "[pdf][letter]") {
  Letterhead head = DepartmentHead();
  Rendered printed(Letter(head));
  head.blank = true;
  Rendered blank(Letter(head));
  const std::string text = PdfText(blank.file);
  CHECK(text.find("ДЕПАРТАМЕНТ") == std::string::npos);
  CHECK(text.find("Володарского") == std::string::npos);
  const std::vector<WordBox> printed_words = PdfWords(printed.file, 1);
  const std::vector<WordBox> blank_words = PdfWords(blank.file, 1);
  const WordBox* date_printed = FindWord(printed_words, "12.02.2024");
  const WordBox* date_blank = FindWord(blank_words, "12.02.2024");
  REQUIRE(date_printed);
  REQUIRE(date_blank);
  CHECK(date_blank->y_min == Approx(date_printed->y_min).margin(0.5));
}

TEST_CASE("СОГЛАСОВАНО stands at the top left beside УТВЕРЖДАЮ at the top right", "[pdf][letter]") {
  Document doc;
  doc.date = "2024-02-12";
  doc.blocks = {ApprovalStamp{{"УТВЕРЖДАЮ", "Директор МАОУ Сосновская СОШ", "И.И. Иванов"},
                              {"СОГЛАСОВАНО", "Муниципальный координатор", "П.П. Петров"}},
                Title{"Дорожная карта школы"}};
  Rendered pdf(doc);
  const std::vector<WordBox> words = PdfWords(pdf.file, 1);
  const WordBox* agreed = FindWord(words, "СОГЛАСОВАНО");
  const WordBox* approved = FindWord(words, "УТВЕРЖДАЮ");
  const WordBox* coordinator = FindWord(words, "координатор");
  const WordBox* title = FindWord(words, "Дорожная");
  REQUIRE(agreed);
  REQUIRE(approved);
  REQUIRE(coordinator);
  REQUIRE(title);
  CHECK(agreed->x_min == Approx(kLeft).margin(1));
  CHECK(agreed->y_min == Approx(approved->y_min).margin(0.5));
  CHECK(coordinator->x_max < approved->x_min);
  CHECK(approved->x_min > kMiddle);
  CHECK(title->y_min > FindWord(words, "Петров")->y_max);
}
