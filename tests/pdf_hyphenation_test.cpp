// Russian hyphenation in the PDF: a word that does not fit is broken at a syllable with a drawn
// hyphen, never without one; e-mail addresses and codes break only after their punctuation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "output/Hyphenator.h"
#include "output/PdfLayout.h"
#include "output/PdfRenderer.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/Typography.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::PdfText;
using shnor::test::PdfWords;
using shnor::test::WordBox;
namespace fs = std::filesystem;

namespace {

const fs::path kFontDir = "/usr/share/fonts/truetype/liberation";

const FontFace& Face() {
  static const FontFace face(kFontDir / "LiberationSerif-Regular.ttf", "Liberation Serif");
  return face;
}

// «му-ници-паль-ный»: the word with its breaks marked, '-' drawn hyphens, '|' plain breaks.
std::string Marked(const std::string& word, const std::vector<BreakPoint>& points) {
  std::string out;
  std::size_t from = 0;
  for (const BreakPoint& p : points) {
    out += word.substr(from, p.at - from) + (p.hyphen ? "-" : "|");
    from = p.at;
  }
  return out + word.substr(from);
}

std::vector<std::string> Lines(const std::string& text, double width) {
  const LaidText laid = BreakLines(text, Face(), 12, width, width);
  std::vector<std::string> lines;
  std::string joined;
  for (const Line& line : laid.lines) {
    JoinLine(laid, line, joined);
    lines.push_back(joined);
  }
  return lines;
}

Document CellDocument(const std::string& text, double width_mm) {
  Table table;
  TableColumn column;
  column.header = "Должность";
  column.width_mm = width_mm;
  table.columns = {column};
  table.rows = {{text}};
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = {table};
  return doc;
}

// The text lines of a one-column table's cell, as pdftotext lays them out.
std::vector<std::string> CellLines(const Document& doc) {
  shnor::test::TempDir dir;
  const fs::path file = dir / "cell.pdf";
  shnor::test::WriteText(file, RenderPdf(doc));
  std::istringstream in(PdfText(file, 1, 1, true));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \f");
    if (start == std::string::npos) continue;
    lines.push_back(line.substr(start, line.find_last_not_of(' ') + 1 - start));
  }
  return lines;
}

}  // namespace

TEST_CASE("Russian words hyphenate by the hyphen-ru patterns", "[pdf][hyphen]") {
  REQUIRE(RussianPatternsLoaded());
  const auto marked = [](const std::string& word) { return Marked(word, WordBreaks(word)); };
  CHECK(marked("муниципальный") == "му-ници-паль-ный");
  CHECK(marked("Общеобразовательная") == "Обще-обра-зо-ватель-ная");
  CHECK(marked("«координатор»,") == "«ко-ор-ди-на-тор»,");
  CHECK(marked("МАОУ") == "МАОУ");  // an abbreviation stays whole
  CHECK(marked("социально-экономический") == "соци-аль-но-|экономи-че-ский");
  CHECK(marked("olga@example.ru") == "olga@example.ru");
  CHECK(Marked("olga.p@sch-5.example.ru", TokenBreaks("olga.p@sch-5.example.ru")) ==
        "olga.|p@|sch-|5.|example.|ru");
}

TEST_CASE("a word that does not fit is hyphenated, never cut without a hyphen", "[pdf][hyphen]") {
  const double width = MeasureText("муниципаль-", Face(), 12) - 1;
  const std::vector<std::string> lines = Lines("муниципальный координатор", width);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == "муници-");
  CHECK(lines[1].rfind("пальный", 0) == 0);
  for (const std::string& line : lines) CHECK(line != "й");
}

TEST_CASE("«муниципальный координатор» in a narrow cell breaks as «муници-» «пальный»",
          "[pdf][hyphen]") {
  const std::vector<std::string> lines = CellLines(CellDocument("муниципальный координатор", 24));
  INFO(lines.size());
  CHECK(std::find(lines.begin(), lines.end(), "муници-") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "пальный") != lines.end());
  for (const std::string& line : lines) {
    CHECK(line.find("муниципальны") == std::string::npos);
    CHECK(line != "й");
  }
}

TEST_CASE("an e-mail address in a narrow cell breaks only after its @ or dots", "[pdf][hyphen]") {
  const std::string email = "olga.ivanova@sosnovka.example.ru";
  const std::vector<std::string> lines = CellLines(CellDocument(email, 24));
  REQUIRE(lines.size() >= 3);  // the header, then the address over two lines at least

  std::size_t first = 0;  // after the header's lines
  while (first < lines.size() && lines[first].rfind("olga", 0) != 0) ++first;
  std::string joined;
  for (std::size_t l = first; l < lines.size(); ++l) {
    if (l + 1 < lines.size()) CHECK((lines[l].back() == '@' || lines[l].back() == '.'));
    joined += lines[l];
  }
  CHECK(joined == email);
}

TEST_CASE("the sample order has no word split without a hyphen", "[pdf][hyphen]") {
  const Template tmpl = LoadTemplate(shnor::test::SourceDir() / "templates/regional-order.yaml");
  const nlohmann::json context = nlohmann::json::parse(
      shnor::test::ReadText(shnor::test::SourceDir() / "tests/data/contexts/campaign.json"));
  const Document doc = RenderTemplate(tmpl, context);
  // Every word the document's text has.
  std::set<std::string> vocabulary;
  // As drawn: typeset, its no-break spaces drawn as spaces.
  const auto add = [&](const std::string& source) {
    std::string text = Typeset(source);
    for (std::size_t at; (at = text.find(kNoBreakSpace)) != std::string::npos;)
      text.replace(at, kNoBreakSpace.size(), " ");
    std::istringstream in(text);
    for (std::string word; in >> word;) vocabulary.insert(word);
  };
  for (const Block& block : doc.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) {
      for (const auto& row : table->rows)
        for (const std::string& cell : row) add(cell);
      for (const TableColumn& column : table->columns) add(column.header);
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      add(paragraph->text);
    } else if (const auto* list = std::get_if<NumberedList>(&block)) {
      for (const ListItem& item : list->items) add(item.text);
    } else if (const auto* title = std::get_if<Title>(&block)) {
      add(title->text);
    } else if (const auto* heading = std::get_if<AppendixHeading>(&block)) {
      for (const std::string& line : heading->lines) add(line);
    } else if (const auto* stamp = std::get_if<ApprovalStamp>(&block)) {
      for (const std::string& line : stamp->lines) add(line);
    } else if (const auto* signature = std::get_if<Signature>(&block)) {
      add(signature->position + " " + signature->name);
    } else if (const auto* head = std::get_if<Letterhead>(&block)) {
      for (const std::string& line : head->authority) add(line);
      add(head->place);
    }
  }
  shnor::test::TempDir dir;
  const fs::path file = dir / "order.pdf";
  shnor::test::WriteText(file, RenderPdf(doc));
  const int pages = std::stoi(
      shnor::test::Run("pdfinfo " + shnor::test::Quote(file) + " | awk '/^Pages/{print $2}'",
                       dir.path())
          .out);
  int checked = 0;
  for (int page = 1; page <= pages; ++page) {
    const std::vector<WordBox> words = PdfWords(file, page);
    std::set<std::string> continued;  // what completes a word hyphenated on this page: «ни»
    for (const WordBox& word : words) {
      if (word.text.size() < 2 || word.text.back() != '-') continue;
      const std::string part = word.text.substr(0, word.text.size() - 1);
      for (const std::string& whole : vocabulary) {
        if (whole.size() > part.size() && whole.rfind(part, 0) == 0)
          continued.insert(whole.substr(part.size()));
      }
    }
    for (const WordBox& word : words) {
      if (vocabulary.count(word.text) || continued.count(word.text)) continue;
      const char last = word.text.back();
      if (last == '-' || last == '.' || last == '@' || last == '/' || last == '_') continue;
      // A part of a word that ends without a hyphen: «муниципальны» of «муниципальный».
      for (const std::string& whole : vocabulary) {
        if (whole.size() > word.text.size() && whole.rfind(word.text, 0) == 0) {
          INFO("page " << page << ": «" << word.text << "» of «" << whole << "»");
          CHECK(false);
          break;
        }
      }
      ++checked;
    }
  }
  CHECK(pages >= 2);
}
