// Text copied out of a PDF comes out as lines: a justified line is drawn as one run, its words
// placed by relative moves and its spaces real characters, so a reader pastes a paragraph as
// lines of words and not one word per line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "output/PdfRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::PdfText;
using shnor::test::Quote;
using shnor::test::Run;
namespace fs = std::filesystem;

namespace {

const std::string kParagraph =
    "Руководителям муниципальных органов управления образованием обеспечить участие "
    "общеобразовательных организаций, включённых в перечень, в мероприятиях проекта, "
    "назначить кураторов из числа опытных руководителей и педагогов, организовать "
    "методическое сопровождение и ежемесячный мониторинг выполнения планов перехода школ в "
    "эффективный режим работы.";

struct Rendered {
  Rendered() {
    Document doc;
    doc.date = "2024-01-23";
    doc.blocks = {Paragraph{kParagraph}};
    file = dir / "paragraph.pdf";
    shnor::test::WriteText(file, RenderPdf(doc));
  }
  shnor::test::TempDir dir;
  fs::path file;
};

std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \f") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("a justified paragraph extracts as whole lines in reading order", "[pdf][copy]") {
  Rendered pdf;
  // -raw keeps the drawn lines; plain pdftotext also joins a hyphenated word's two lines.
  for (const char* mode : {" -raw", ""}) {
    INFO("pdftotext" << mode);
    const fs::path out = pdf.dir / "text.txt";
    REQUIRE(Run(std::string("pdftotext -q -enc UTF-8") + mode + " " + Quote(pdf.file) + " " +
                    Quote(out),
                pdf.dir.path())
                .exit_code == 0);
    const std::vector<std::string> lines = NonEmptyLines(shnor::test::ReadText(out));
    REQUIRE(lines.size() >= (*mode ? 5u : 2u));
    for (std::size_t l = 0; l + 1 < lines.size(); ++l) {
      INFO(lines[l]);
      CHECK(std::count(lines[l].begin(), lines[l].end(), ' ') >= 4);
    }
  }
}

TEST_CASE("a justified line is one run with its spaces as characters", "[pdf][copy]") {
  Rendered pdf;
  const fs::path plain = pdf.dir / "plain.pdf";
  REQUIRE(Run("qpdf --qdf --object-streams=disable " + Quote(pdf.file) + " " + Quote(plain),
              pdf.dir.path())
              .exit_code == 0);
  const std::string content = shnor::test::ReadText(plain);
  // Each word after the first of a line: a relative move along the baseline, then the word
  // with the space that follows it (U+0020 as the code 0020).
  static const std::regex relative("[0-9.]+ 0 Td\\s*<([0-9A-Fa-f]+)> Tj");
  int moves = 0;
  int with_space = 0;
  for (std::sregex_iterator it(content.begin(), content.end(), relative), end; it != end; ++it) {
    ++moves;
    const std::string codes = (*it)[1];
    with_space += codes.size() > 4 && codes.substr(codes.size() - 4) == "0020";
  }
  CHECK(moves >= 20);
  CHECK(with_space >= moves - 6);                      // all but the last word of each line
  CHECK(content.find(" BT") == content.rfind(" BT"));  // the page's text is one text object
}
