// Russian typography of what the PDF draws: «ёлочки» and „лапки“ for straight quotes, and
// no-break spaces that keep initials with the surname, «№» with its number, a dash off the
// start of a line and «г.» with its name, in text and in table cells.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "output/PdfLayout.h"
#include "output/PdfRenderer.h"
#include "output/Typography.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::PdfText;
using shnor::test::Squash;
namespace fs = std::filesystem;

namespace {

const std::string kNb(kNoBreakSpace);

const FontFace& Face() {
  static const FontFace face("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                             "Liberation Serif");
  return face;
}

std::string Rendered(const Document& doc, bool layout) {
  shnor::test::TempDir dir;
  const fs::path file = dir / "doc.pdf";
  shnor::test::WriteText(file, RenderPdf(doc));
  return PdfText(file, 1, 1, layout);
}

Document CellDocument(const std::string& text, double width_mm) {
  TableColumn column;
  column.header = "Куратор";
  column.width_mm = width_mm;
  Table table;
  table.columns = {column};
  table.rows = {{text}};
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = {table};
  return doc;
}

std::vector<std::string> TrimmedLines(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \f");
    if (start != std::string::npos)
      lines.push_back(line.substr(start, line.find_last_not_of(' ') + 1 - start));
  }
  return lines;
}

}  // namespace

TEST_CASE("straight quotes become ёлочки with лапки inside", "[typography]") {
  CHECK(Typeset("МАОУ \"Сосновская СОШ\"") == "МАОУ «Сосновская СОШ»");
  CHECK(Typeset("\"Школа \"Успех\"\" района") == "«Школа „Успех“» района");
  CHECK(Typeset("МАОУ «Гимназия \"Лидер\"»") == "МАОУ «Гимназия „Лидер“»");
  CHECK(Typeset("(\"Точка роста\")") == "(«Точка роста»)");
}

TEST_CASE("no-break spaces tie initials numbers dashes and abbreviations", "[typography]") {
  CHECK(Typeset("Куратор А.С. Берестова") == "Куратор А.С." + kNb + "Берестова");
  CHECK(Typeset("Берестова А.С., куратор") == "Берестова" + kNb + "А.С., куратор");
  CHECK(Typeset("А. С. Берестова") == "А." + kNb + "С." + kNb + "Берестова");
  CHECK(Typeset("приказ № 83/ОД") == "приказ №" + kNb + "83/ОД");
  CHECK(Typeset("проект — это работа") == "проект" + kNb + "— это работа");
  CHECK(Typeset("проект - это работа") == "проект" + kNb + "— это работа");
  CHECK(Typeset("г. Тюмень, ул. Мира, д. 5") ==
        "г." + kNb + "Тюмень, ул." + kNb + "Мира, д." + kNb + "5");
  CHECK(Typeset("в 2024 г. и 2025 гг.") == "в 2024" + kNb + "г. и 2025" + kNb + "гг.");
  CHECK(Typeset("п. Лесопильный") == "п." + kNb + "Лесопильный");
  const std::string once = Typeset("МАОУ \"СОШ № 5\" г. Тюмени — А.С. Берестова");
  CHECK(Typeset(once) == once);
}

TEST_CASE("the PDF draws typeset quotes and no-break spaces as spaces", "[pdf][typography]") {
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = {
      Paragraph{"Школа МАОУ \"Сосновская СОШ\" и \"Школа \"Успех\"\", куратор А.С. "
                "Берестова."}};
  const std::string text = Squash(Rendered(doc, false));
  CHECK(text.find("Школа МАОУ «Сосновская СОШ» и «Школа „Успех“», куратор А.С. Берестова.") !=
        std::string::npos);
  CHECK(text.find(kNb) == std::string::npos);
}

TEST_CASE("initials stay with the surname in a narrow table cell", "[pdf][typography]") {
  const double mm = 72.0 / 25.4;
  // «Куратор А.С.» fits the cell, «Куратор А.С. Берестова» does not.
  const double cell = (MeasureText("Куратор А.С. Бер", Face(), 12) + 2) / mm + 3;
  const std::vector<std::string> lines =
      TrimmedLines(Rendered(CellDocument("Куратор А.С. Берестова", cell), true));
  INFO(Squash(Rendered(CellDocument("Куратор А.С. Берестова", cell), true)));
  CHECK(std::find(lines.begin(), lines.end(), "А.С. Берестова") != lines.end());
  for (const std::string& line : lines) CHECK(line != "Куратор А.С.");
}

TEST_CASE("a dash never starts a line and «№» never ends one", "[typography]") {
  const std::string text = Typeset(
      "Провести мониторинг — ежемесячно, по приказу № 83/ОД и плану № 5 — до конца года, школа "
      "№ 12 — в первую очередь, отчёт — в ТОГИРРО");
  for (double width = 60; width < 300; width += 3) {
    const LaidText laid = BreakLines(text, Face(), 12, width, width);
    std::string joined;
    for (const Line& line : laid.lines) {
      JoinLine(laid, line, joined);
      INFO(width << ": " << joined);
      CHECK(joined.rfind("—", 0) != 0);
      CHECK((joined.size() < 3 || joined.substr(joined.size() - 3) != "№"));
      CHECK(joined.find("№ ") == std::string::npos);  // «№» is followed by a no-break space
    }
  }
}
