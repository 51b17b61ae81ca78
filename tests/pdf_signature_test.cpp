// No page holds only a signature: the signature takes the last lines of the text before it
// onto its page, with the executor mark too.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "output/PdfRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
using shnor::test::PdfText;
using shnor::test::Squash;
namespace fs = std::filesystem;

namespace {

const std::string kSentence =
    "Строка текста уведомления о переходе школы на следующий этап проекта адресной поддержки. ";

int Pages(const fs::path& pdf) {
  return std::stoi(
      shnor::test::Run("pdfinfo " + shnor::test::Quote(pdf) + " | awk '/^Pages/{print $2}'",
                       pdf.parent_path())
          .out);
}

// Renders the blocks and returns the text of the last page, squashed.
std::string LastPage(const std::vector<Block>& blocks, int* pages) {
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = blocks;
  shnor::test::TempDir dir;
  const fs::path file = dir / "doc.pdf";
  shnor::test::WriteText(file, RenderPdf(doc));
  *pages = Pages(file);
  return Squash(PdfText(file, *pages, *pages));
}

std::string Sentences(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += kSentence;
  return text;
}

}  // namespace

TEST_CASE("a signature never stands alone on the last page", "[pdf][signature]") {
  const Signature signature{"Заместитель директора департамента", "Е.В. Иванова"};
  const ExecutorMark mark{{"Петрова Ольга Ивановна", "+7 (3452) 00-00-01"}};
  int two_page_cases = 0;
  // Page 1 fills up at about 30 sentences: the text ends at the foot of page 1 for one of these.
  for (int count = 24; count < 36; ++count) {
    for (bool with_mark : {false, true}) {
      std::vector<Block> blocks{Paragraph{Sentences(count)}, signature};
      if (with_mark) blocks.push_back(mark);
      int pages = 0;
      const std::string last = LastPage(blocks, &pages);
      INFO(count << " sentences, executor mark " << with_mark);
      CHECK(last.find("Е.В. Иванова") != std::string::npos);
      CHECK(last.find("поддержки.") != std::string::npos);  // the text's last line came along
      if (pages > 1) ++two_page_cases;
    }
  }
  CHECK(two_page_cases > 4);
}

TEST_CASE("a signature after a numbered list keeps the list's last lines", "[pdf][signature]") {
  const Signature signature{"Директор", "Е.В. Иванова"};
  for (int count = 26; count < 34; ++count) {
    NumberedList list;
    list.items = {{"1.", Sentences(count), 1}, {"2.", "Контроль оставляю за собой.", 1}};
    int pages = 0;
    const std::string last = LastPage({list, signature}, &pages);
    INFO(count << " sentences");
    CHECK(last.find("Контроль оставляю за собой.") != std::string::npos);
    CHECK(last.find("поддержки.") != std::string::npos);  // and the line before the last item
  }
}

TEST_CASE("a one-line paragraph before the signature brings the text before it along",
          "[pdf][signature]") {
  const Signature signature{"Директор", "Е.В. Иванова"};
  for (int count = 26; count < 34; ++count) {
    int pages = 0;
    const std::string last = LastPage(
        {Paragraph{Sentences(count)}, Paragraph{"Контроль оставляю за собой."}, signature}, &pages);
    INFO(count << " sentences");
    CHECK(last.find("Контроль оставляю за собой.") != std::string::npos);
    CHECK(last.find("поддержки.") != std::string::npos);
  }
}
