// The PDF renderer, checked the way a reader would see the file: text extracted by pdftotext
// (in reading order, page by page, with word positions), fonts by pdffonts, page size and
// metadata by pdfinfo, structure by qpdf, and pixels of a pdftoppm render.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "output/PdfLayout.h"
#include "output/PdfRenderer.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor::output;
namespace fs = std::filesystem;

namespace {

using shnor::test::MissingInOrder;
using shnor::test::PdfText;
using shnor::test::Quote;
using shnor::test::Run;
using shnor::test::Squash;
using shnor::test::ToolResult;

// --- Geometry the layout promises, in points (A4, margins 30/15/20/20 mm).

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kLeft = 30 * kMm;
constexpr double kRight = kPageWidth - 15 * kMm;
constexpr double kIndent = 12.5 * kMm;

const fs::path kFontDir = "/usr/share/fonts/truetype/liberation";

// --- Running the poppler tools.

std::string PageText(const fs::path& pdf, int page) {
  return PdfText(pdf, page, page);
}

std::string FirstLine(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \f\t") != std::string::npos) return line;
  }
  return "";
}

// A pdfinfo field ("Pages", "Page size", "Title"), trimmed.
std::string Info(const fs::path& pdf, const std::string& field) {
  const ToolResult result = Run("pdfinfo " + Quote(pdf), pdf.parent_path());
  REQUIRE(result.exit_code == 0);
  std::istringstream in(result.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) != 0) continue;
    const std::size_t value = line.find_first_not_of(' ', field.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

int PageCount(const fs::path& pdf) {
  return std::stoi(Info(pdf, "Pages"));
}

using shnor::test::FindWord;
using shnor::test::WordBox;

std::vector<WordBox> Words(const fs::path& pdf, int page) {
  return shnor::test::PdfWords(pdf, page);
}

// The words on the same baseline as `word` (same box top within a point), left to right.
std::vector<WordBox> LineOf(const std::vector<WordBox>& words, const WordBox& word) {
  std::vector<WordBox> line;
  for (const WordBox& other : words) {
    if (std::abs(other.y_min - word.y_min) < 1) line.push_back(other);
  }
  std::sort(line.begin(), line.end(),
            [](const WordBox& a, const WordBox& b) { return a.x_min < b.x_min; });
  return line;
}

// --- A sample order with every kind of block.

const std::string kParagraph1 =
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», в целях реализации регионального проекта адресной поддержки школ с низкими "
    "образовательными результатами и повышения качества общего образования в Тюменской области "
    "приказываю утвердить прилагаемый план мероприятий и обеспечить его своевременное "
    "исполнение всеми участниками.";
const std::string kParagraph2 =
    "Руководителям муниципальных органов управления образованием обеспечить участие "
    "общеобразовательных организаций, включённых в перечень, в мероприятиях проекта, "
    "назначить кураторов из числа опытных руководителей и педагогов, организовать "
    "методическое сопровождение и ежемесячный мониторинг выполнения планов перехода школ в "
    "эффективный режим работы.";
const std::string kParagraph3 =
    "Контроль за исполнением настоящего приказа возложить на заместителя директора "
    "департамента.";

Table PlanTable(int rows) {
  Table table;
  table.caption = "План мероприятий проекта";
  const auto column = [](std::string header, double width_mm, Align align) {
    TableColumn result;
    result.header = std::move(header);
    result.width_mm = width_mm;
    result.align = align;
    return result;
  };
  table.columns = {column("№ п/п", 15, Align::Center),
                   column("Наименование мероприятия", 90, Align::Justify),
                   column("Срок", 30, Align::Center), column("Ответственный", 40, Align::Left)};
  for (int i = 1; i <= rows; ++i) {
    table.rows.push_back({std::to_string(i), "Мероприятие номер " + std::to_string(i),
                          "до 01.0" + std::to_string(1 + i % 9) + ".2024", "Куратор школы"});
  }
  return table;
}

Document SampleOrder(Profile profile = Profile::Gost2016) {
  Document doc;
  doc.title = "Приказ № 83/ОД";
  doc.author = "Департамент образования и науки Тюменской области";
  doc.subject = "Об организации работы по адресной поддержке школ";
  doc.date = "2024-01-23";
  doc.profile = profile;
  doc.qr_text = "RU-72-2024-000083|2024-01-23|5F3A";
  doc.blocks = {
      Letterhead{{"ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ", "ТЮМЕНСКОЙ ОБЛАСТИ"},
                 "ПРИКАЗ",
                 "23.01.2024",
                 "83/ОД",
                 "г. Тюмень",
                 {},
                 "",
                 false},
      Title{"Об организации работы по адресной поддержке школ с низкими образовательными "
            "результатами"},
      Paragraph{kParagraph1},
      Paragraph{kParagraph2},
      NumberedList{{{"1.", "Утвердить план мероприятий проекта на 2024 год (приложение № 1).", 1},
                    {"1.1.",
                     "Назначить кураторов школ из числа руководителей и педагогов "
                     "образовательных организаций с высокими результатами обучения.",
                     2},
                    {"2.", "Обеспечить мониторинг исполнения плана.", 1}}},
      Paragraph{kParagraph3},
      Signature{"Заместитель Губернатора Тюменской области, директор департамента", "Е.В. Иванова"},
      PageBreak{},
      AppendixHeading{{"Приложение № 1", "к приказу департамента", "от 23.01.2024 № 83/ОД"}},
      PlanTable(60),
      PageBreak{},
      ApprovalStamp{{"УТВЕРЖДЕН", "приказом департамента", "от 23.01.2024 № 83/ОД"}, {}},
      Spacer{5},
      BarChart{"Школы по уровню результатов",
               {"Низкие результаты обучения в основной и средней школе по итогам года", "Средние",
                "Высокие"},
               {12, 30.5, 7}},
  };
  return doc;
}

// A rendered sample in a temp folder; SHNOR_PDF_TEST_OUT keeps a copy for looking at.
struct RenderedPdf {
  explicit RenderedPdf(const Document& doc, const std::string& name = "order.pdf") {
    file = dir / name;
    shnor::test::WriteText(file, RenderPdf(doc));
    if (const char* keep = std::getenv("SHNOR_PDF_TEST_OUT")) {
      fs::create_directories(keep);
      fs::copy_file(file, fs::path(keep) / name, fs::copy_options::overwrite_existing);
    }
  }
  shnor::test::TempDir dir;
  fs::path file;
};

// The squashed text of each page.
std::vector<std::string> PageTexts(const fs::path& pdf) {
  std::vector<std::string> pages;
  for (int page = 1; page <= PageCount(pdf); ++page) pages.push_back(Squash(PageText(pdf, page)));
  return pages;
}

// Pages (1-based) of `pdf` whose text contains `piece`.
std::vector<int> PagesWith(const fs::path& pdf, const std::string& piece) {
  const std::vector<std::string> texts = PageTexts(pdf);
  std::vector<int> pages;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].find(piece) != std::string::npos) pages.push_back(int(i) + 1);
  }
  return pages;
}

// Dark pixels (< 128) of page 1 rendered in grey at 50 dpi, inside a rectangle given in points
// from the page's lower left corner. The PGM (P5) is parsed here.
int DarkPixels(const fs::path& pdf, double x0, double y0, double x1, double y1) {
  const fs::path stem = pdf.parent_path() / "page1";
  REQUIRE(Run("pdftoppm -r 50 -f 1 -l 1 -gray -singlefile " + Quote(pdf) + " " + Quote(stem),
              pdf.parent_path())
              .exit_code == 0);
  std::ifstream in(stem.string() + ".pgm", std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  REQUIRE(magic == "P5");
  REQUIRE(max == 255);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
  in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
  REQUIRE(in.gcount() == static_cast<std::streamsize>(pixels.size()));
  const double scale = 50.0 / 72;
  int dark = 0;
  for (int y = int((kPageHeight - y1) * scale); y < int((kPageHeight - y0) * scale); ++y) {
    for (int x = int(x0 * scale); x < int(x1 * scale); ++x) {
      dark += pixels[static_cast<std::size_t>(y) * width + x] < 128;
    }
  }
  return dark;
}

template <typename Call>
std::string ErrorOf(Call call) {
  try {
    call();
  } catch (const PdfError& error) {
    return error.what();
  }
  return "";
}

Document OneParagraph(const std::string& text) {
  Document doc;
  doc.date = "2024-01-23";
  doc.blocks = {Paragraph{text}};
  return doc;
}

}  // namespace

// --- The file as a whole.

TEST_CASE("PDF text extracts in reading order", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::string text = Squash(PdfText(pdf.file));
  CHECK(MissingInOrder(text, {"ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ",
                              "ТЮМЕНСКОЙ ОБЛАСТИ",
                              "ПРИКАЗ",
                              "23.01.2024",
                              "№ 83/ОД",
                              "г. Тюмень",
                              "Об организации работы по адресной поддержке школ",
                              "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ",
                              "своевременное исполнение всеми участниками.",
                              "Руководителям муниципальных органов",
                              "1. Утвердить план мероприятий",
                              "1.1. Назначить кураторов школ",
                              "2. Обеспечить мониторинг",
                              "Контроль за исполнением настоящего приказа",
                              "директор департамента",
                              "Е.В. Иванова",
                              "Приложение № 1",
                              "План мероприятий проекта",
                              "Наименование мероприятия",
                              "Мероприятие номер 1 ",
                              "Мероприятие номер 60",
                              "УТВЕРЖДЕН",
                              "Школы по уровню результатов"}) == "");
}

TEST_CASE("PDF paragraphs keep every word of the source text", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::string text = Squash(PdfText(pdf.file, 1, 1));
  CHECK(text.find(kParagraph1) != std::string::npos);
  CHECK(text.find(kParagraph2) != std::string::npos);
}

TEST_CASE("PDF embeds the Liberation Serif fonts", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const ToolResult fonts = Run("pdffonts " + Quote(pdf.file), pdf.dir.path());
  REQUIRE(fonts.exit_code == 0);
  std::istringstream in(fonts.out);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.find("LiberationSerif") == std::string::npos) continue;
    std::istringstream fields(line);
    std::vector<std::string> tokens{std::istream_iterator<std::string>(fields), {}};
    REQUIRE(tokens.size() >= 6);
    CHECK(tokens[tokens.size() - 5] == "yes");  // name type… encoding emb sub uni object ID
    ++rows;
  }
  CHECK(rows == 2);  // regular and bold
  CHECK(fonts.out.find("Bold") != std::string::npos);
}

TEST_CASE("PDF pages are A4 and the sample takes four pages", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  CHECK(Info(pdf.file, "Page size").find("595.276 x 841.89 pts (A4)") != std::string::npos);
  // Order, two pages of the 60-row table, the chart page.
  CHECK(PageCount(pdf.file) == 4);
}

TEST_CASE("PDF passes qpdf check", "[pdf]") {
  RenderedPdf pdf(SampleOrder(Profile::Gost2025));
  const ToolResult check = Run("qpdf --check " + Quote(pdf.file), pdf.dir.path());
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

TEST_CASE("PDF metadata carries title author subject creator and the document date", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  CHECK(Info(pdf.file, "Title") == "Приказ № 83/ОД");
  CHECK(Info(pdf.file, "Author") == "Департамент образования и науки Тюменской области");
  CHECK(Info(pdf.file, "Subject") == "Об организации работы по адресной поддержке школ");
  CHECK(Info(pdf.file, "Creator") == "shnor");
  const std::string created = Info(pdf.file, "CreationDate");
  CHECK(created.find("Jan 23") != std::string::npos);
  CHECK(created.find("2024") != std::string::npos);
}

TEST_CASE("PDF rendering the same document twice gives the same bytes", "[pdf]") {
  const Document doc = SampleOrder(Profile::Gost2025);
  const std::string first = RenderPdf(doc);
  CHECK(first.rfind("%PDF-", 0) == 0);
  CHECK(RenderPdf(doc) == first);
}

TEST_CASE("PDF table header repeats on every page the table spans", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::vector<int> first_row = PagesWith(pdf.file, "Мероприятие номер 1 ");
  const std::vector<int> last_row = PagesWith(pdf.file, "Мероприятие номер 60");
  REQUIRE(first_row.size() == 1);
  REQUIRE(last_row.size() == 1);
  REQUIRE(last_row.front() > first_row.front());
  for (int page = first_row.front(); page <= last_row.front(); ++page) {
    INFO("page " << page);
    const std::string text = Squash(PageText(pdf.file, page));
    CHECK(MissingInOrder(text, {"№ п/п", "Наименование мероприятия", "Срок", "Ответственный",
                                "Мероприятие номер"}) == "");
  }
  // The caption is printed once, above the first part.
  CHECK(PagesWith(pdf.file, "План мероприятий проекта") == std::vector<int>{first_row.front()});
}

TEST_CASE("PDF table rows are never cut between pages", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::vector<std::string> pages = PageTexts(pdf.file);
  for (int row = 1; row <= 60; ++row) {
    INFO("row " << row);
    const std::string name = "Мероприятие номер " + std::to_string(row) + " ";
    CHECK(std::count_if(pages.begin(), pages.end(), [&](const std::string& page) {
            return (page + " ").find(name) != std::string::npos;
          }) == 1);
  }
  // Each row's cells sit side by side: its name and its responsible person share a baseline.
  for (int page = 2; page <= 3; ++page) {
    const std::vector<WordBox> words = Words(pdf.file, page);
    for (const WordBox& word : words) {
      if (word.text != "номер") continue;
      const std::vector<WordBox> line = LineOf(words, word);
      CHECK(std::any_of(line.begin(), line.end(),
                        [](const WordBox& other) { return other.text == "Куратор"; }));
    }
  }
}

TEST_CASE("PDF row taller than a page is split by lines", "[pdf]") {
  Table table = PlanTable(3);
  std::string long_text;
  for (int i = 1; i <= 400; ++i) long_text += "слово" + std::to_string(i) + " ";
  table.rows[1][1] = long_text;
  Document doc = OneParagraph("Перед таблицей.");
  doc.blocks.push_back(table);
  RenderedPdf pdf(doc, "tall-row.pdf");
  CHECK(PageCount(pdf.file) >= 2);
  const std::string all = Squash(PdfText(pdf.file));
  CHECK(MissingInOrder(all, {"слово1 ", "слово200 ", "слово400", "Мероприятие номер 3"}) == "");
  CHECK(PagesWith(pdf.file, "Наименование мероприятия").size() == std::size_t(PageCount(pdf.file)));
}

TEST_CASE("PDF page numbers are centred at the top from page 2 on", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  CHECK(FirstLine(PageText(pdf.file, 1)) == "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ");
  for (int page = 2; page <= PageCount(pdf.file); ++page) {
    INFO("page " << page);
    CHECK(FirstLine(PageText(pdf.file, page)) == std::to_string(page));
    const std::vector<WordBox> words = Words(pdf.file, page);
    const WordBox* number = FindWord(words, std::to_string(page));
    REQUIRE(number != nullptr);
    CHECK(number->y_max < 20 * kMm);  // inside the top margin
    CHECK(std::abs((number->x_min + number->x_max) / 2 - (kLeft + kRight) / 2) < 1);
  }
}

// --- Placement on the page.

TEST_CASE("PDF justified lines reach both margins and the first line is indented", "[pdf]") {
  RenderedPdf pdf(OneParagraph(kParagraph1), "justified.pdf");
  const std::vector<WordBox> words = Words(pdf.file, 1);
  const WordBox* first = FindWord(words, "В");
  REQUIRE(first != nullptr);
  CHECK(first->x_min == Approx(kLeft + kIndent).margin(0.5));
  const std::vector<WordBox> line1 = LineOf(words, *first);
  CHECK(line1.back().x_max == Approx(kRight).margin(0.5));
  const WordBox* second_line_word = FindWord(words, "Федерации»,");
  REQUIRE(second_line_word != nullptr);
  const std::vector<WordBox> line2 = LineOf(words, *second_line_word);
  CHECK(line2.front().x_min == Approx(kLeft).margin(0.5));
  CHECK(line2.back().x_max == Approx(kRight).margin(0.5));
  // The last line is left-aligned: it ends short of the right margin.
  const WordBox* last = FindWord(words, "участниками.");
  REQUIRE(last != nullptr);
  CHECK(LineOf(words, *last).front().x_min == Approx(kLeft).margin(0.5));
  CHECK(last->x_max < kRight - 20);
}

TEST_CASE("PDF letterhead puts the date left and the number right on one line", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::vector<WordBox> words = Words(pdf.file, 1);
  const WordBox* date = FindWord(words, "23.01.2024");
  const WordBox* number = FindWord(words, "83/ОД");
  REQUIRE(date != nullptr);
  REQUIRE(number != nullptr);
  CHECK(date->x_min == Approx(kLeft).margin(0.5));
  CHECK(number->x_max == Approx(kRight).margin(0.5));
  CHECK(date->y_min == Approx(number->y_min).margin(0.5));
  const WordBox* kind = FindWord(words, "ПРИКАЗ");
  REQUIRE(kind != nullptr);
  CHECK((kind->x_min + kind->x_max) / 2 == Approx((kLeft + kRight) / 2).margin(1));
}

TEST_CASE("PDF signature has the position left and the name right on its last line", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::vector<WordBox> words = Words(pdf.file, 1);
  const WordBox* name = FindWord(words, "Иванова");
  const WordBox* position = FindWord(words, "Заместитель");
  const WordBox* last_position_word = FindWord(words, "департамента");
  REQUIRE(name != nullptr);
  REQUIRE(position != nullptr);
  REQUIRE(last_position_word != nullptr);
  CHECK(position->x_min == Approx(kLeft).margin(0.5));
  CHECK(name->x_max == Approx(kRight).margin(0.5));
  CHECK(position->y_min < name->y_min);  // the position wraps onto a second line
  CHECK(LineOf(words, *name).front().x_min == Approx(kLeft).margin(0.5));
}

TEST_CASE("PDF list numbers hang left of their text by level", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::vector<WordBox> words = Words(pdf.file, 1);
  const WordBox* one = FindWord(words, "1.");
  const WordBox* one_one = FindWord(words, "1.1.");
  REQUIRE(one != nullptr);
  REQUIRE(one_one != nullptr);
  CHECK(one->x_min == Approx(kLeft).margin(0.5));
  CHECK(one_one->x_min == Approx(kLeft + 7.5 * kMm).margin(0.5));
  const std::vector<WordBox> item = LineOf(words, *one);
  REQUIRE(item.size() > 1);
  CHECK(item[1].x_min == Approx(kLeft + kIndent).margin(0.5));
}

TEST_CASE("PDF appendix heading and approval stamp sit at the top right", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const double block_left = kLeft + 0.6 * (kRight - kLeft);
  const std::vector<WordBox> appendix = Words(pdf.file, 2);
  const WordBox* heading = FindWord(appendix, "Приложение");
  REQUIRE(heading != nullptr);
  CHECK(heading->x_min == Approx(block_left).margin(0.5));
  CHECK(heading->y_min < 20 * kMm + 20);
  const std::vector<WordBox> chart_page = Words(pdf.file, 4);
  const WordBox* stamp = FindWord(chart_page, "УТВЕРЖДЕН");
  REQUIRE(stamp != nullptr);
  CHECK(stamp->x_min == Approx(block_left).margin(0.5));
}

TEST_CASE("PDF bar chart shows values above and shortened labels below", "[pdf]") {
  RenderedPdf pdf(SampleOrder());
  const std::string text = Squash(PageText(pdf.file, 4));
  CHECK(MissingInOrder(text, {"УТВЕРЖДЕН", "Школы по уровню результатов"}) == "");
  for (const char* piece : {"12", "30,5", "7", "Низкие результаты", "Средние", "Высокие"}) {
    CHECK(text.find(piece) != std::string::npos);
  }
  // The long label is cut to two lines ending in «…» (its slot is a third of the width).
  CHECK(text.find("…") != std::string::npos);
}

TEST_CASE("PDF profile 2025 draws a QR code at the bottom right of page 1", "[pdf]") {
  Document doc = OneParagraph(kParagraph1);
  RenderedPdf old_style(doc, "2016.pdf");
  doc.profile = Profile::Gost2025;
  doc.qr_text = "RU-72-2024-000083|2024-01-23|5F3A";
  RenderedPdf new_style(doc, "2025.pdf");
  CHECK(shnor::test::ReadText(old_style.file) != shnor::test::ReadText(new_style.file));
  const double x0 = kRight - 25 * kMm, y0 = 20 * kMm, x1 = kRight, y1 = 20 * kMm + 25 * kMm;
  CHECK(DarkPixels(old_style.file, x0, y0, x1, y1) == 0);
  const int dark = DarkPixels(new_style.file, x0, y0, x1, y1);
  const int area = int(25 * kMm * 50 / 72) * int(25 * kMm * 50 / 72);
  CHECK(dark > area / 4);
  CHECK(dark < area * 3 / 4);
}

TEST_CASE("PDF profile 2025 keeps page 1 text clear of the QR code", "[pdf]") {
  Document doc;
  doc.profile = Profile::Gost2025;
  doc.qr_text = "RU-72-2024-000083";
  for (int i = 0; i < 12; ++i) doc.blocks.push_back(Paragraph{kParagraph2});
  RenderedPdf pdf(doc, "qr-clear.pdf");
  REQUIRE(PageCount(pdf.file) >= 2);
  double lowest = 0;
  for (const WordBox& word : Words(pdf.file, 1)) lowest = std::max(lowest, word.y_max);
  CHECK(lowest < kPageHeight - 20 * kMm - 25 * kMm);
}

TEST_CASE("PDF pages render to PNG", "[pdf]") {
  RenderedPdf pdf(SampleOrder(Profile::Gost2025));
  const fs::path stem = pdf.dir / "page";
  REQUIRE(
      Run("pdftoppm -png -r 60 " + Quote(pdf.file) + " " + Quote(stem), pdf.dir.path()).exit_code ==
      0);
  for (int page = 1; page <= 4; ++page) {
    const fs::path png = pdf.dir / ("page-" + std::to_string(page) + ".png");
    INFO(png.string());
    REQUIRE(fs::exists(png));
    CHECK(shnor::test::ReadText(png).rfind("\x89PNG", 0) == 0);
    if (const char* keep = std::getenv("SHNOR_PDF_TEST_OUT")) {
      fs::copy_file(png, fs::path(keep) / png.filename(), fs::copy_options::overwrite_existing);
    }
  }
}

// --- Refusals.

TEST_CASE("PDF refuses a character the font lacks and names it", "[pdf]") {
  const std::string message =
      ErrorOf([] { RenderPdf(OneParagraph("Стоимость 100 ₽ за час")); });
  CHECK(message.find("«₽»") != std::string::npos);
  CHECK(message.find("U+20BD") != std::string::npos);
  CHECK(message.find("Liberation Serif") != std::string::npos);
  CHECK(message.find("«Стоимость 100 ₽ за час»") != std::string::npos);
}

TEST_CASE("PDF checks the characters of table cells and chart labels too", "[pdf]") {
  Document doc = OneParagraph("Текст");
  Table table = PlanTable(2);
  table.rows[1][3] = "Оплата в ₽";
  doc.blocks.push_back(table);
  CHECK(ErrorOf([&] { RenderPdf(doc); }).find("U+20BD") != std::string::npos);
  doc = OneParagraph("Текст");
  doc.blocks.push_back(BarChart{"Диаграмма", {"₽"}, {1}});
  CHECK(ErrorOf([&] { RenderPdf(doc); }).find("U+20BD") != std::string::npos);
}

TEST_CASE("PDF refuses text that is not UTF-8", "[pdf]") {
  const std::string message = ErrorOf([] { RenderPdf(OneParagraph("Приказ \xFF№ 1")); });
  CHECK(message.find("UTF-8") != std::string::npos);
  CHECK(message.find("0xFF") != std::string::npos);
  CHECK(message.find("«Приказ »") != std::string::npos);
}

TEST_CASE("PDF refuses a table row with the wrong number of cells", "[pdf]") {
  Document doc = OneParagraph("Текст");
  Table table = PlanTable(2);
  table.rows[1].pop_back();
  doc.blocks.push_back(table);
  CHECK(ErrorOf([&] { RenderPdf(doc); }).find("Строка 2") != std::string::npos);
}

TEST_CASE("PDF profile 2025 without QR text is refused", "[pdf]") {
  Document doc = OneParagraph("Текст");
  doc.profile = Profile::Gost2025;
  CHECK(ErrorOf([&] { RenderPdf(doc); }).find("QR") != std::string::npos);
}

// --- Line breaking on its own.

TEST_CASE("PDF line breaking fills lines and honours the first line width", "[pdf]") {
  const FontFace face(kFontDir / "LiberationSerif-Regular.ttf", "Liberation Serif");
  const std::string text = "слово слово слово слово слово слово слово";
  const double word = MeasureText("слово", face, 14);
  const double space = MeasureText(" ", face, 14);
  const double width = 3 * word + 2 * space + 0.01;
  const LaidText laid = BreakLines(text, face, 14, width - word - space, width);
  REQUIRE(laid.lines.size() == 3);
  CHECK(laid.lines[0].last - laid.lines[0].first == 2);  // the indent leaves room for two words
  CHECK(laid.lines[1].last - laid.lines[1].first == 3);
  CHECK(laid.lines[1].width == Approx(3 * word + 2 * space));
  CHECK_FALSE(laid.lines[0].hard_end);
  CHECK(laid.lines.back().hard_end);
  std::string joined;
  JoinLine(laid, laid.lines[2], joined);
  CHECK(joined == "слово слово");
}

TEST_CASE("PDF line breaking keeps hard line breaks and cuts words wider than a line", "[pdf]") {
  const FontFace face(kFontDir / "LiberationSerif-Regular.ttf", "Liberation Serif");
  const LaidText breaks = BreakLines("раз\n\nдва  три", face, 12, 500, 500);
  REQUIRE(breaks.lines.size() == 3);
  CHECK(breaks.lines[0].hard_end);
  CHECK(breaks.lines[1].first == breaks.lines[1].last);  // the empty line
  std::string joined;
  JoinLine(breaks, breaks.lines[2], joined);
  CHECK(joined == "два три");

  const double narrow = MeasureText("абвгд", face, 12) + 0.01;
  const LaidText cut = BreakLines("абвгдабвгдабвгд абвгд", face, 12, narrow, narrow);
  REQUIRE(cut.lines.size() == 4);
  for (const Line& line : cut.lines) {
    JoinLine(cut, line, joined);
    CHECK(joined == "абвгд");
    CHECK(line.width <= narrow);
  }
}

TEST_CASE("PDF shortening ends a too long text with an ellipsis", "[pdf]") {
  const FontFace face(kFontDir / "LiberationSerif-Regular.ttf", "Liberation Serif");
  CHECK(Shorten("коротко", face, 10, 200) == "коротко");
  const std::string shortened = Shorten("очень длинная подпись столбца", face, 10, 60);
  CHECK(shortened.size() < std::string("очень длинная подпись столбца").size());
  CHECK(shortened.substr(shortened.size() - 3) == "…");
  CHECK(MeasureText(shortened, face, 10) <= 60);
}
