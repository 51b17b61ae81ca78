// The ToUnicode CMaps of our PDFs: poppler reads them without a warning, qpdf finds the file
// clean, the text extracts exactly, and the repair changes nothing between two runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "output/PdfRenderer.h"
#include "output/PdfToUnicode.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::Quote;
using shnor::test::Run;
using shnor::test::Squash;
using shnor::test::ToolResult;
namespace fs = std::filesystem;

namespace {

const std::string kText =
    "Приказ № 83/ОД «Об организации работы» — Ёлкина Ё.Ё., школа «Успех» (ул. Мира, д. 5): "
    "100 %, e-mail: school@example.ru; 1 ½ — № 12‑А.";

Document TextDocument() {
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = {Title{"ПРИКАЗ"}, Paragraph{kText}, Signature{"Директор", "Е.В. Иванова"}};
  return doc;
}

struct Written {
  explicit Written(const std::string& bytes) {
    file = dir / "doc.pdf";
    shnor::test::WriteText(file, bytes);
  }
  shnor::test::TempDir dir;
  fs::path file;
};

}  // namespace

TEST_CASE("pdftotext reads our PDFs without a warning", "[pdf][tounicode]") {
  Written pdf(RenderPdf(TextDocument()));
  const ToolResult text = Run("pdftotext -enc UTF-8 " + Quote(pdf.file) + " -", pdf.dir.path());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Warning") == std::string::npos);
  CHECK(text.out.find("Error") == std::string::npos);
  CHECK(Squash(text.out).find(kText) != std::string::npos);
}

TEST_CASE("the repaired PDF passes qpdf check and keeps its bytes from run to run",
          "[pdf][tounicode]") {
  const std::string first = RenderPdf(TextDocument());
  CHECK(first == RenderPdf(TextDocument()));
  Written pdf(first);
  const ToolResult check = Run("qpdf --check " + Quote(pdf.file), pdf.dir.path());
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("WARNING") == std::string::npos);
  CHECK(first.find("begincidrange") == std::string::npos);  // streams are compressed: see below
  const ToolResult fonts = Run("pdffonts " + Quote(pdf.file), pdf.dir.path());
  CHECK(fonts.out.find("Syntax") == std::string::npos);
}

TEST_CASE("a ToUnicode CMap maps each code to itself in rows of one high byte",
          "[pdf][tounicode]") {
  const std::string cmap =
      IdentityToUnicodeCMap({0x41, 0x42, 0x43, 0x20, 0x41, 0x4FF, 0x500, 0x501, 0x2116});
  CHECK(cmap.find("2 beginbfrange\n<0041> <0043> <0041>\n<0500> <0501> <0500>\nendbfrange") !=
        std::string::npos);
  CHECK(cmap.find("3 beginbfchar\n<0020> <0020>\n<04FF> <04FF>\n<2116> <2116>\nendbfchar") !=
        std::string::npos);
  CHECK(cmap.find("begincidrange") == std::string::npos);
  std::vector<char32_t> spread;
  for (char32_t cp = 0x100; cp < 0x100 + 2 * 150; cp += 2) spread.push_back(cp);
  const std::string big = IdentityToUnicodeCMap(spread);
  CHECK(big.find("100 beginbfchar") != std::string::npos);  // at most 100 per section
  CHECK(big.find("50 beginbfchar") != std::string::npos);
}
