// Documents at the rate a region makes them. (a) The regional order with a 40-school appendix 1,
// template + PDF, 200 times; (b) a school's road map, template + XLSX file, 200 times. Each against
// its floor: the same document drawn by straight libharu / libxlsxwriter calls written here, with
// the text already expanded (so the floor pays no template engine at all). Then the same 200 over
// 2 threads sharing one loaded template, and whether their bytes equal the single-threaded ones.
// (c) A whole sample region's year of documents through DocumentService. Prints rates, ratios and
// peak memory against the targets of the documents issue.
//
// `bench_documents pdf|xlsx|year` runs one part only (for perf record).
#include <hpdf.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "app/ImportColumns.h"
#include "app/MemoryPolicy.h"
#include "app/import/Table.h"
#include "bench/BenchSupport.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/cases/CaseService.h"
#include "engine/definitions/CampaignConfig.h"
#include "engine/documents/DocumentService.h"
#include "engine/documents/InterviewRoster.h"
#include "engine/documents/InterviewSchedule.h"
#include "output/PdfRenderer.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"

using namespace shnor;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kDocs = 200;
constexpr std::size_t kRows = 40;  // schools in appendix 1 of the order, lists 1.1 and 1.2
constexpr int kThreads = 2;
// Interleaved runs of each variant, the fastest counting: the machine is shared.
constexpr int kPdfReps = 3;
constexpr int kXlsxReps = 5;  // short runs, and file I/O: noisier
constexpr const char* kFontDir = "/usr/share/fonts/truetype/liberation";
constexpr const char* kRoadMapToday = "2024-05-15";

const fs::path kSource = SHNOR_SOURCE_DIR;

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(1);
  }
  return nlohmann::json::parse(in);
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "sanity check failed: %s\n", what.c_str());
  std::exit(1);
}

// The sample campaign's context (as DocumentContext makes it: task_rows and all) with exactly
// kRows schools in list_1_1 and list_1_2 together: list 1.2 cut, or padded with invented schools.
nlohmann::json OrderContext() {
  nlohmann::json context = ReadJson(kSource / "tests/data/contexts/campaign.json");
  nlohmann::json& first = context["list_1_1"];
  nlohmann::json& second = context["list_1_2"];
  while (first.size() + second.size() > kRows && !second.empty()) second.erase(second.size() - 1);
  for (int n = 1; first.size() + second.size() < kRows; ++n) {
    second.push_back({{"name", "МАОУ СОШ № " + std::to_string(200 + n) + " г. Тюмени"},
                      {"municipality", "г. Тюмень"}});
  }
  return context;
}

// Each of the 200 documents differs: its own order number, its own school.
void Vary(nlohmann::json& context, const std::string& kind, int i) {
  if (kind == "order") {
    context["order"]["number"] = std::to_string(i + 1) + "/ОД";
  } else {
    context["school"]["name"] = "МАОУ СОШ № " + std::to_string(i + 1) + " г. Тюмени";
  }
}

std::size_t Hash(const std::string& bytes) {
  return std::hash<std::string>{}(bytes);
}

int PdfPages(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

double CpuSeconds() {  // of the whole process, all threads
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

// Runs work(thread) on `threads` threads (the calling one when 1).
Timing Timed(int threads, const std::function<void(int)>& work) {
  const auto start = Steady::now();
  const double cpu = CpuSeconds();
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (std::thread& thread : pool) thread.join();
  }
  return {bench::Since(start), CpuSeconds() - cpu};
}

double Seconds(Steady::time_point from, Steady::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// ---------------------------------------------------------------------------------------------
// The PDF floor: the document's blocks drawn with straight libharu calls, after ГОСТ Р 7.0.97's
// geometry like ours (A4, margins 30/15/20/20 mm, Liberation Serif 14/12 pt embedded as UTF-8,
// justified paragraphs, ruled tables with a repeated header, page numbers from page 2), lines
// broken by HPDF_Font_MeasureText. No coverage checks, no keeping lines together.

namespace floor_pdf {

constexpr double kMm = 72.0 / 25.4;
constexpr double kLeft = 30 * kMm;
constexpr double kRight = 595.276 - 15 * kMm;
constexpr double kTop = 841.89 - 20 * kMm;
constexpr double kBottom = 20 * kMm;
constexpr double kWidth = kRight - kLeft;
constexpr double kBody = 14;
constexpr double kSmall = 12;
constexpr double kLeading = 1.15;
constexpr double kIndent = 12.5 * kMm;
constexpr double kListStep = 7.5 * kMm;
constexpr double kPad = 1.5 * kMm;
constexpr double kPadY = 1.0 * kMm;

struct TextLine {
  std::string_view text;
  bool last = false;  // of its paragraph: not justified
};

void OnError(HPDF_STATUS error, HPDF_STATUS, void* data) {
  auto* first = static_cast<HPDF_STATUS*>(data);
  if (*first == HPDF_OK) *first = error;
}

const HPDF_BYTE* Bytes(std::string_view text) {
  return reinterpret_cast<const HPDF_BYTE*>(text.data());
}

double Measure(HPDF_Font font, std::string_view text, double size) {
  HPDF_REAL width = 0;
  HPDF_Font_MeasureText(font, Bytes(text), static_cast<HPDF_UINT>(text.size()), 1e6f,
                        static_cast<HPDF_REAL>(size), 0, 0, HPDF_FALSE, &width);
  return width;
}

// Lines of `text` at most `width` wide (the first `first` wide); '\n' breaks a line.
std::vector<TextLine> Wrap(HPDF_Font font, double size, std::string_view text, double first,
                           double width) {
  std::vector<TextLine> lines;
  for (std::size_t start = 0;;) {
    const std::size_t newline = text.find('\n', start);
    std::string_view rest =
        text.substr(start, newline == std::string_view::npos ? newline : newline - start);
    if (rest.empty()) lines.push_back({rest, true});
    while (!rest.empty()) {
      const auto box = static_cast<HPDF_REAL>(lines.empty() ? first : width);
      const auto length = static_cast<HPDF_UINT>(rest.size());
      HPDF_REAL real = 0;
      HPDF_UINT n = HPDF_Font_MeasureText(font, Bytes(rest), length, box,
                                          static_cast<HPDF_REAL>(size), 0, 0, HPDF_TRUE, &real);
      if (n == 0) {
        n = HPDF_Font_MeasureText(font, Bytes(rest), length, box, static_cast<HPDF_REAL>(size), 0,
                                  0, HPDF_FALSE, &real);
      }
      if (n == 0) n = 1;
      while (n < rest.size() && (static_cast<unsigned char>(rest[n]) & 0xC0) == 0x80) ++n;
      std::string_view line = rest.substr(0, n);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      rest.remove_prefix(n);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      lines.push_back({line, rest.empty()});
    }
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return lines;
}

class Writer {
 public:
  explicit Writer(const output::Document& doc) : doc_(doc) {}

  std::string Render() {
    pdf_ = HPDF_New(OnError, &error_);
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf_);
    HPDF_SetCurrentEncoder(pdf_, "UTF-8");
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, doc_.title.c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_AUTHOR, doc_.author.c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_SUBJECT, doc_.subject.c_str());
    HPDF_Date date{};
    std::sscanf(doc_.date.c_str(), "%4d-%2d-%2d", &date.year, &date.month, &date.day);
    date.ind = ' ';
    HPDF_SetInfoDateAttr(pdf_, HPDF_INFO_CREATION_DATE, date);
    const std::string dir = kFontDir;
    regular_ = HPDF_GetFont(
        pdf_,
        HPDF_LoadTTFontFromFile(pdf_, (dir + "/LiberationSerif-Regular.ttf").c_str(), HPDF_TRUE),
        "UTF-8");
    bold_ = HPDF_GetFont(
        pdf_, HPDF_LoadTTFontFromFile(pdf_, (dir + "/LiberationSerif-Bold.ttf").c_str(), HPDF_TRUE),
        "UTF-8");
    if (!regular_ || !bold_) Fail("floor: fonts");
    ascent_ = HPDF_Font_GetAscent(regular_) / 1000.0;
    NewPage();
    for (const output::Block& block : doc_.blocks) {
      std::visit([this](const auto& b) { Draw(b); }, block);
    }
    EndText();
    HPDF_SaveToStream(pdf_);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf_);
    std::string bytes(size, '\0');
    HPDF_GetContents(pdf_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    HPDF_Free(pdf_);
    if (error_ != HPDF_OK) Fail("floor: libharu error " + std::to_string(error_));
    return bytes;
  }
  int pages() const { return pages_; }

 private:
  static double Lead(double size) { return size * kLeading; }

  void NewPage() {
    EndText();
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_SetLineWidth(page_, 0.5);
    font_ = nullptr;
    y_ = kTop;
    if (++pages_ > 1) {
      const std::string number = std::to_string(pages_);
      Text(kLeft + (kWidth - Measure(regular_, number, kSmall)) / 2, 841.89 - 13 * kMm, number,
           regular_, kSmall);
    }
  }
  bool AtTop() const { return y_ >= kTop - 1e-3; }
  void Need(double height) {
    if (y_ - height < kBottom && !AtTop()) NewPage();
  }
  void Gap(double height) {
    if (!AtTop()) y_ -= height;
  }
  void EndText() {
    if (in_text_) HPDF_Page_EndText(page_);
    in_text_ = false;
  }

  void Text(double x, double baseline, std::string_view text, HPDF_Font font, double size) {
    if (text.empty()) return;
    if (!in_text_) HPDF_Page_BeginText(page_);
    in_text_ = true;
    if (font != font_ || size != size_) {
      HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(size));
      font_ = font, size_ = size;
    }
    buffer_.assign(text);
    HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline),
                      buffer_.c_str());
  }

  // A justified line goes word by word: Tw does not apply to a UTF-8 font's two-byte codes.
  void Line(const TextLine& line, HPDF_Font font, double size, double x, double width,
            double baseline, output::Align align) {
    if (align == output::Align::Justify && !line.last &&
        line.text.find(' ') != std::string_view::npos) {
      words_.clear();
      double total = 0;
      for (std::size_t at = 0; at < line.text.size();) {
        std::size_t end = std::min(line.text.find(' ', at), line.text.size());
        if (end > at) {
          std::string_view word = line.text.substr(at, end - at);
          words_.push_back({word, Measure(font, word, size)});
          total += words_.back().second;
        }
        at = end + 1;
      }
      const double gap = (width - total) / double(words_.size() - 1);
      for (const auto& [word, w] : words_) {
        Text(x, baseline, word, font, size);
        x += w + gap;
      }
      return;
    }
    if (align == output::Align::Center || align == output::Align::Right) {
      const double room = width - Measure(font, line.text, size);
      x += align == output::Align::Center ? room / 2 : room;
    }
    Text(x, baseline, line.text, font, size);
  }

  void Flow(const std::vector<TextLine>& lines, HPDF_Font font, double size, double left,
            double width, double first_offset, output::Align align) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      Need(Lead(size));
      const double offset = i == 0 ? first_offset : 0;
      Line(lines[i], font, size, left + offset, width - offset, y_ - ascent_ * size, align);
      y_ -= Lead(size);
    }
  }

  void Centered(const std::string& text, HPDF_Font font) {
    Flow(Wrap(font, kBody, text, kWidth, kWidth), font, kBody, kLeft, kWidth, 0,
         output::Align::Center);
  }

  void Draw(const output::Letterhead& head) {
    if (!head.blank) {
      for (const std::string& line : head.authority) Centered(line, bold_);
      for (const std::string& line : head.requisites) Small(line, 10, output::Align::Center);
    }
    if (!head.kind.empty()) {
      Gap(Lead(kBody) / 2);
      Centered(head.kind, bold_);
    }
    if (!head.date.empty() || !head.number.empty()) {
      Gap(Lead(kBody) / 2);
      Need(Lead(kBody));
      const double baseline = y_ - ascent_ * kBody;
      Text(kLeft, baseline, head.date, regular_, kBody);
      const std::string number = "№ " + head.number;
      Text(kRight - Measure(regular_, number, kBody), baseline, number, regular_, kBody);
      y_ -= Lead(kBody);
    }
    if (!head.reference.empty()) Small(head.reference, 12, output::Align::Left);
    if (!head.place.empty()) Centered(head.place, regular_);
    Gap(18);
  }

  void Small(const std::string& text, double size, output::Align align) {
    Flow(Wrap(regular_, size, text, kWidth, kWidth), regular_, size, kLeft, kWidth, 0, align);
  }

  void Draw(const output::Title& title) {
    const auto lines = Wrap(bold_, kBody, title.text, kWidth, kWidth);
    Need((lines.size() + 2) * Lead(kBody));
    Flow(lines, bold_, kBody, kLeft, kWidth, 0, title.align);
    Gap(12);
  }

  void Draw(const output::Paragraph& p) {
    HPDF_Font font = p.bold ? bold_ : regular_;
    const double indent = p.indent ? kIndent : 0;
    Flow(Wrap(font, kBody, p.text, kWidth - indent, kWidth), font, kBody, kLeft, kWidth, indent,
         p.align);
  }

  void Draw(const output::NumberedList& list) {
    const double space = Measure(regular_, " ", kBody);
    for (const output::ListItem& item : list.items) {
      const double text_left = kLeft + kIndent + kListStep * (std::max(item.level, 1) - 1);
      const double number_left = text_left - kIndent;
      const double after = number_left + Measure(regular_, item.number, kBody) + space;
      const double offset = std::max(0.0, after - text_left);
      const double width = kRight - text_left;
      const auto lines = Wrap(regular_, kBody, item.text, width - offset, width);
      Need(std::min<std::size_t>(lines.size(), 2) * Lead(kBody));
      Text(number_left, y_ - ascent_ * kBody, item.number, regular_, kBody);
      Flow(lines, regular_, kBody, text_left, width, offset, output::Align::Justify);
    }
  }

  using Cells = std::vector<std::vector<TextLine>>;

  static double RowHeight(const Cells& cells) {
    std::size_t lines = 1;
    for (const auto& cell : cells) lines = std::max(lines, cell.size());
    return lines * Lead(kSmall) + 2 * kPadY;
  }

  Cells LayRow(const std::vector<std::string>& texts, const std::vector<double>& widths,
               HPDF_Font font) const {
    Cells cells;
    for (std::size_t c = 0; c < texts.size(); ++c) {
      const double inner = widths[c] - 2 * kPad;
      cells.push_back(Wrap(font, kSmall, texts[c], inner, inner));
    }
    return cells;
  }

  // Rules first (no paths inside a text object), then the text.
  void DrawRow(const Cells& cells, const std::vector<double>& widths,
               const std::vector<output::Align>& aligns, HPDF_Font font) {
    const double height = RowHeight(cells);
    EndText();
    double x = kLeft;
    for (double width : widths) {
      HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - height),
                          static_cast<HPDF_REAL>(width), static_cast<HPDF_REAL>(height));
      x += width;
    }
    HPDF_Page_Stroke(page_);
    x = kLeft;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const double first = y_ - kPadY - ascent_ * kSmall;
      for (std::size_t l = 0; l < cells[c].size(); ++l) {
        Line(cells[c][l], font, kSmall, x + kPad, widths[c] - 2 * kPad, first - l * Lead(kSmall),
             aligns[c]);
      }
      x += widths[c];
    }
    y_ -= height;
  }

  void Draw(const output::Table& table) {
    std::vector<double> widths;
    std::vector<output::Align> header_aligns, aligns;
    std::vector<std::string> headers;
    double total = 0;
    for (const output::TableColumn& column : table.columns) {
      widths.push_back(std::max(column.width_mm, 5.0) * kMm);
      total += widths.back();
      headers.push_back(column.header);
      header_aligns.push_back(output::Align::Center);
      aligns.push_back(column.align);
    }
    if (total > kWidth) {
      for (double& width : widths) width *= kWidth / total;
    }
    const Cells header = LayRow(headers, widths, bold_);
    const auto caption = Wrap(regular_, kBody, table.caption, kWidth, kWidth);
    Gap(6);
    Need((table.caption.empty() ? 0 : caption.size() * Lead(kBody)) + RowHeight(header) +
         Lead(kSmall) + 2 * kPadY);
    if (!table.caption.empty()) {
      Flow(caption, regular_, kBody, kLeft, kWidth, 0, output::Align::Center);
    }
    DrawRow(header, widths, header_aligns, bold_);
    for (const std::vector<std::string>& row : table.rows) {
      const Cells cells = LayRow(row, widths, regular_);
      if (y_ - RowHeight(cells) < kBottom) {
        NewPage();
        DrawRow(header, widths, header_aligns, bold_);
      }
      DrawRow(cells, widths, aligns, regular_);
    }
    Gap(6);
  }

  void Draw(const output::Signature& s) {
    const double name_width = Measure(regular_, s.name, kBody);
    const double room = std::max(kWidth / 2, kWidth - name_width - 10 * kMm);
    const auto lines = Wrap(regular_, kBody, s.position, room, room);
    Gap(2 * Lead(kBody));
    Need(lines.size() * Lead(kBody));
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const double baseline = y_ - ascent_ * kBody;
      Text(kLeft, baseline, lines[i].text, regular_, kBody);
      if (i + 1 == lines.size()) Text(kRight - name_width, baseline, s.name, regular_, kBody);
      y_ -= Lead(kBody);
    }
  }

  void Corner(const std::vector<std::string>& texts) {
    const double left = kLeft + 0.6 * kWidth;
    const double width = kRight - left;
    Need(texts.size() * Lead(kBody));
    for (const std::string& text : texts) {
      Flow(Wrap(regular_, kBody, text, width, width), regular_, kBody, left, width, 0,
           output::Align::Left);
    }
    Gap(12);
  }
  void Draw(const output::ApprovalStamp& stamp) { Corner(stamp.lines); }
  void Draw(const output::AppendixHeading& heading) { Corner(heading.lines); }
  void Draw(const output::Addressee& addressee) { Corner(addressee.lines); }
  void Draw(const output::ExecutorMark& mark) {
    for (const std::string& line : mark.lines) Small(line, 10, output::Align::Left);
  }
  void Draw(const output::PageBreak&) {
    if (!AtTop()) NewPage();
  }
  void Draw(const output::Spacer& spacer) { Gap(spacer.mm * kMm); }
  void Draw(const output::BarChart&) {}  // not in the documents benchmarked here

  const output::Document& doc_;
  HPDF_STATUS error_ = HPDF_OK;
  HPDF_Doc pdf_ = nullptr;
  HPDF_Page page_ = nullptr;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Font font_ = nullptr;
  double size_ = 0;
  double ascent_ = 0;
  double y_ = kTop;
  int pages_ = 0;
  bool in_text_ = false;
  std::string buffer_;
  std::vector<std::pair<std::string_view, double>> words_;
};

}  // namespace floor_pdf

// ---------------------------------------------------------------------------------------------
// The XLSX floor: the road map's one table as our renderer lays it out (title row merged, grey
// bold header, bordered wrapped Times New Roman 12 cells, column widths, row heights from a
// character count, the drop-down from a hidden «Списки» sheet, frozen header, autofilter, A4
// landscape fitted to the width, header rows repeated), with straight libxlsxwriter calls.

std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::size_t EstimatedLines(std::string_view text, double capacity) {
  std::size_t lines = 0;
  for (std::size_t start = 0;;) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t chars = Characters(text.substr(start, newline - start));
    lines += 1 + static_cast<std::size_t>(chars / std::max(capacity, 1.0));
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return lines;
}

// The road map's plan: its first table (the approval stamps come before it; the floor leaves
// them out, so it writes less than ours and the ratio errs against us).
const output::Table& FirstTable(const output::Document& doc) {
  for (const output::Block& block : doc.blocks) {
    if (const auto* table = std::get_if<output::Table>(&block)) return *table;
  }
  Fail("road map: no table");
}

void FloorXlsx(const output::Document& doc, const fs::path& path) {
  const auto& table = FirstTable(doc);
  const std::string tmpdir = path.parent_path().string();
  lxw_workbook_options options = {};
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>(doc.title.c_str());
  properties.author = const_cast<char*>(doc.author.c_str());
  properties.subject = const_cast<char*>(doc.subject.c_str());
  properties.created = 1715731200;  // 2024-05-15
  workbook_set_properties(book, &properties);

  lxw_format* title = workbook_add_format(book);
  format_set_font_name(title, "Times New Roman");
  format_set_font_size(title, 14);
  format_set_bold(title);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(title);
  lxw_format* header = workbook_add_format(book);
  format_set_font_name(header, "Times New Roman");
  format_set_font_size(header, 12);
  format_set_bold(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xD9D9D9);
  lxw_format* cells[2];  // left, centre
  for (int i = 0; i < 2; ++i) {
    cells[i] = workbook_add_format(book);
    format_set_font_name(cells[i], "Times New Roman");
    format_set_font_size(cells[i], 12);
    format_set_border(cells[i], LXW_BORDER_THIN);
    format_set_align(cells[i], i ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
    format_set_align(cells[i], LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(cells[i]);
  }

  lxw_worksheet* sheet = workbook_add_worksheet(book, table.sheet.c_str());
  const auto last_col = static_cast<lxw_col_t>(table.columns.size() - 1);
  const auto last_row = static_cast<lxw_row_t>(1 + table.rows.size());
  double total = 0;
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    const double width = table.columns[c].width_mm / 2;
    worksheet_set_column(sheet, c, c, width, nullptr);
    total += width;
  }
  worksheet_merge_range(sheet, 0, 0, 0, last_col, table.caption.c_str(), title);
  worksheet_set_row(sheet, 0, EstimatedLines(table.caption, total * 0.85 * 12 / 14) * 18.75,
                    nullptr);
  std::size_t lines = 1;
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    worksheet_write_string(sheet, 1, c, table.columns[c].header.c_str(), header);
    lines = std::max(lines,
                     EstimatedLines(table.columns[c].header, table.columns[c].width_mm / 2 * 0.85));
  }
  worksheet_set_row(sheet, 1, lines * 15.75, nullptr);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(2 + r);
    lines = 1;
    for (lxw_col_t c = 0; c <= last_col; ++c) {
      const std::string& value = table.rows[r][c];
      worksheet_write_string(sheet, row, c, value.c_str(),
                             cells[table.columns[c].align == output::Align::Center]);
      lines = std::max(lines, EstimatedLines(value, table.columns[c].width_mm / 2 * 0.9));
    }
    worksheet_set_row(sheet, row, lines * 15.75, nullptr);
  }
  static char error_title[] = "Недопустимое значение";
  static char error_message[] = "Выберите значение из списка.";
  static char formula[] = "='Списки'!$A$1:$A$3";
  std::vector<std::string> choices;
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    if (table.columns[c].choices.empty()) continue;
    choices = table.columns[c].choices;
    lxw_data_validation validation = {};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula;
    validation.error_title = error_title;
    validation.error_message = error_message;
    worksheet_data_validation_range(sheet, 2, c, last_row, c, &validation);
  }
  worksheet_freeze_panes(sheet, 2, 0);
  worksheet_autofilter(sheet, 1, 0, last_row, last_col);
  worksheet_set_paper(sheet, 9);
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, 0, 1);
  worksheet_print_area(sheet, 0, 0, last_row, last_col);
  lxw_worksheet* lists = workbook_add_worksheet(book, "Списки");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    worksheet_write_string(lists, static_cast<lxw_row_t>(i), 0, choices[i].c_str(), nullptr);
  }
  worksheet_hide(lists);
  if (workbook_close(book) != LXW_NO_ERROR) Fail("floor: workbook_close " + path.string());
}

// ---------------------------------------------------------------------------------------------

// One 200-document run of our code: its times, and where the time went (summed over threads).
struct OursRun {
  Timing timing;
  double template_s = 0;  // in RenderTemplate
  double output_s = 0;    // in RenderPdf / WriteXlsx
};

struct Figures {
  int reps = 0;
  OursRun ours;  // the fastest of `reps`
  Timing floor;
  Timing ours2;
  Timing floor2;
  int identical = 0;  // 2-thread documents whose bytes equal the 1-thread ones, over all reps
  int compared = 0;

  void Keep(const OursRun& run) {
    if (ours.timing.wall == 0 || run.timing.wall < ours.timing.wall) ours = run;
  }
  static void Keep(Timing& best, const Timing& run) {
    if (best.wall == 0 || run.wall < best.wall) best = run;
  }
};

void PrintFigures(const char* what, const char* file, const Figures& f) {
  const double ratio = f.ours.timing.wall / f.floor.wall;
  const double speedup = f.ours.timing.wall / f.ours2.wall;
  auto cpu_ms = [](const Timing& t) { return t.cpu * 1000 / kDocs; };
  std::printf("%s, %d documents (fastest of %d interleaved runs):\n", what, kDocs, f.reps);
  std::printf(
      "  ours  1 thread:  %6.2f s = %6.1f docs/s, cpu %5.2f ms/doc (template %.2f ms, %s %.2f "
      "ms)\n",
      f.ours.timing.wall, kDocs / f.ours.timing.wall, cpu_ms(f.ours.timing),
      f.ours.template_s * 1000 / kDocs, file, f.ours.output_s * 1000 / kDocs);
  std::printf("  floor 1 thread:  %6.2f s = %6.1f docs/s, cpu %5.2f ms/doc\n", f.floor.wall,
              kDocs / f.floor.wall, cpu_ms(f.floor));
  std::printf("  ours / floor:    %6.2fx (target <= 1.3x) %s\n", ratio,
              ratio <= 1.3 ? "OK" : "MISSED");
  std::printf(
      "  ours  2 threads: %6.2f s = %6.1f docs/s, cpu %5.2f ms/doc, speed-up %.2fx (target >= "
      "1.6x) %s\n",
      f.ours2.wall, kDocs / f.ours2.wall, cpu_ms(f.ours2), speedup,
      speedup >= 1.6 ? "OK" : "MISSED");
  std::printf("  floor 2 threads: %6.2f s = %6.1f docs/s, cpu %5.2f ms/doc, speed-up %.2fx\n",
              f.floor2.wall, kDocs / f.floor2.wall, cpu_ms(f.floor2), f.floor.wall / f.floor2.wall);
  std::printf("  2-thread bytes identical to 1-thread: %s (%d of %d)\n",
              f.identical == f.compared ? "yes" : "NO", f.identical, f.compared);
}

// (a) The regional order, PDF in memory.
void BenchOrder(const fs::path& dir) {
  const output::Template tmpl = output::LoadTemplate(kSource / "templates/regional-order.yaml");
  const nlohmann::json context = OrderContext();
  const output::Document sample = output::RenderTemplate(tmpl, context);
  std::size_t appendix_rows = 0;
  for (const output::Block& block : sample.blocks) {
    const auto* table = std::get_if<output::Table>(&block);
    if (table && (table->caption.find("Список 1.") == 0)) appendix_rows += table->rows.size();
  }
  if (appendix_rows != kRows) Fail("appendix 1 has " + std::to_string(appendix_rows) + " rows");
  const std::string ours_once = output::RenderPdf(sample);  // warms the font coverage tables
  floor_pdf::Writer floor_once(sample);
  const std::string floor_bytes = floor_once.Render();
  if (ours_once.rfind("%PDF", 0) != 0 || floor_bytes.rfind("%PDF", 0) != 0) Fail("not a PDF");
  {
    std::ofstream(dir / "order-ours.pdf", std::ios::binary) << ours_once;
    std::ofstream(dir / "order-floor.pdf", std::ios::binary) << floor_bytes;
  }

  Figures f;
  std::vector<std::size_t> hashes(kDocs), hashes2(kDocs);
  auto ours = [&](int threads, std::vector<std::size_t>& out) {
    std::vector<nlohmann::json> contexts(threads, context);  // each thread its own documents
    std::vector<double> template_s(threads), pdf_s(threads);
    OursRun run;
    run.timing = Timed(threads, [&](int t) {
      for (int i = t; i < kDocs; i += threads) {
        Vary(contexts[t], "order", i);
        const auto start = Steady::now();
        const output::Document doc = output::RenderTemplate(tmpl, contexts[t]);
        const auto rendered = Steady::now();
        out[i] = Hash(output::RenderPdf(doc));
        template_s[t] += Seconds(start, rendered);
        pdf_s[t] += Seconds(rendered, Steady::now());
      }
    });
    for (int t = 0; t < threads; ++t) run.template_s += template_s[t], run.output_s += pdf_s[t];
    return run;
  };
  auto floor = [&](int threads) {
    return Timed(threads, [&](int t) {
      for (int i = t; i < kDocs; i += threads) {
        floor_pdf::Writer writer(sample);
        if (writer.Render().size() < 1000) Fail("floor PDF too small");
      }
    });
  };
  f.reps = kPdfReps;
  for (int rep = 0; rep < f.reps; ++rep) {
    f.Keep(ours(1, hashes));
    Figures::Keep(f.floor, floor(1));
    Figures::Keep(f.ours2, ours(kThreads, hashes2).timing);
    Figures::Keep(f.floor2, floor(kThreads));
    for (int i = 0; i < kDocs; ++i) f.identical += hashes[i] == hashes2[i];
    f.compared += kDocs;
  }

  // Where the template time goes: the same render with only the keys the order uses.
  nlohmann::json lean = context;
  for (const char* key : {"schools", "task_rows", "municipalities", "totals"}) lean.erase(key);
  const auto start = Steady::now();
  for (int i = 0; i < kDocs; ++i) output::RenderTemplate(tmpl, lean);
  const double lean_s = bench::Since(start);

  PrintFigures("(a) regional order, 40-school appendix, template + PDF in memory", "PDF", f);
  std::printf(
      "  PDF: ours %zu bytes, %d pages; floor %zu bytes, %d pages (order-*.pdf, kept with "
      "SHNOR_BENCH_KEEP=1)\n",
      ours_once.size(), PdfPages(ours_once), floor_bytes.size(), floor_once.pages());
  std::printf(
      "  template render with the context cut to the order's keys (no task_rows, schools, "
      "municipalities, totals): %.2f ms per doc\n",
      lean_s * 1000 / kDocs);
}

// (b) The road map, an XLSX file per school.
void BenchRoadMap(const fs::path& dir) {
  const output::Template tmpl = output::LoadTemplate(kSource / "templates/road-map.yaml");
  const nlohmann::json context = ReadJson(kSource / "tests/data/contexts/school.json");
  const output::Document sample = output::RenderTemplate(tmpl, context);
  if (FirstTable(sample).rows.size() < 20) Fail("road map rows");
  output::WriteXlsx(sample, dir / "warm.xlsx", kRoadMapToday);
  FloorXlsx(sample, dir / "floor-warm.xlsx");
  const auto ours_size = fs::file_size(dir / "warm.xlsx");
  const auto floor_size = fs::file_size(dir / "floor-warm.xlsx");

  Figures f;
  auto ours = [&](int threads, const std::string& prefix) {
    std::vector<nlohmann::json> contexts(threads, context);
    std::vector<double> template_s(threads), xlsx_s(threads);
    OursRun run;
    run.timing = Timed(threads, [&](int t) {
      for (int i = t; i < kDocs; i += threads) {
        Vary(contexts[t], "road-map", i);
        const auto start = Steady::now();
        const output::Document doc = output::RenderTemplate(tmpl, contexts[t]);
        const auto rendered = Steady::now();
        output::WriteXlsx(doc, dir / (prefix + std::to_string(i) + ".xlsx"), kRoadMapToday);
        template_s[t] += Seconds(start, rendered);
        xlsx_s[t] += Seconds(rendered, Steady::now());
      }
    });
    for (int t = 0; t < threads; ++t) run.template_s += template_s[t], run.output_s += xlsx_s[t];
    return run;
  };
  auto floor = [&](int threads, const std::string& prefix) {
    return Timed(threads, [&](int t) {
      for (int i = t; i < kDocs; i += threads) {
        FloorXlsx(sample, dir / (prefix + std::to_string(i) + ".xlsx"));
      }
    });
  };
  f.reps = kXlsxReps;
  for (int rep = 0; rep < f.reps; ++rep) {
    f.Keep(ours(1, "one-"));
    Figures::Keep(f.floor, floor(1, "floor-one-"));
    Figures::Keep(f.ours2, ours(kThreads, "two-").timing);
    Figures::Keep(f.floor2, floor(kThreads, "floor-two-"));
    for (int i = 0; i < kDocs; ++i) {
      const std::string n = std::to_string(i) + ".xlsx";
      f.identical += ReadBytes(dir / ("one-" + n)) == ReadBytes(dir / ("two-" + n));
    }
    f.compared += kDocs;
  }
  PrintFigures("(b) road map per school, template + XLSX file", "XLSX", f);
  std::printf("  XLSX: ours %ju bytes, floor %ju bytes\n", static_cast<std::uintmax_t>(ours_size),
              static_cast<std::uintmax_t>(floor_size));
}

// (c) A sample region's year of documents through DocumentService (registry, files, context).
void BenchYear(const fs::path& dir) {
  const fs::path sample = kSource / "samples/tyumen-2024";
  SimulatedClock clock(StartOfLocalDay(*ParseIsoDate("2024-02-05"), 300) + std::chrono::hours{10});
  Workspace ws(dir / "year.db", storage::OpenMode::CreateIfMissing, clock);
  ws.UseCalendar(ProductionCalendar::LoadDirectory(kSource / "workflows/calendars"));
  Actor admin{"benchmark", Role::Administrator};
  auto setup_start = Steady::now();
  CampaignConfig config = LoadCampaignConfig(sample / "campaign.yaml");
  auto campaign = CreateCampaign(ws, config, kSource / "workflows/targeted-support.yaml", admin);
  auto schools = import::ReadTable(sample / "schools.csv");
  auto people = import::ReadTable(sample / "people.csv");
  auto imported = ImportSchools(ws, campaign, schools.source, app::SchoolRowsFrom(schools), admin);
  auto people_imported =
      ImportPeople(ws, campaign, people.source, app::PersonRowsFrom(people), admin);
  if (!imported.ok() || !people_imported.ok()) Fail(imported.Text() + people_imported.Text());
  const double setup_s = bench::Since(setup_start);

  DocumentService service(ws, kSource / "templates", dir / "documents");
  std::map<std::string, std::pair<int, double>> by_kind;  // id -> files, seconds
  int requests = 0;
  int files = 0;
  auto make = [&](const std::string& id, std::optional<storage::Id> case_id,
                  nlohmann::json extra = nlohmann::json::object()) {
    const auto start = Steady::now();
    const auto records = service.Make(campaign, DocumentRequest{id, case_id, nullptr, extra});
    auto& [count, seconds] = by_kind[id];
    count += static_cast<int>(records.size());
    seconds += bench::Since(start);
    files += static_cast<int>(records.size());
    ++requests;
  };
  const auto start = Steady::now();
  const double cpu_start = CpuSeconds();
  make("regional-order", std::nullopt);
  const auto slots =
      ScheduleInterviews(InterviewRoster(ws, campaign), {"2024-02-12", "2024-02-13", "2024-02-14"});
  make("interview-schedule", std::nullopt, {{"slots", InterviewSlotsContext(slots)}});
  storage::CaseFilter active;
  active.status = storage::CaseStatus::Active;
  const auto cases = CaseService(ws).Summaries(campaign, active);
  // The schools' documents go as the product makes a bulk advance's: one batch per kind, numbered
  // while reading, rendered on every core to their files, then registered in one transaction.
  auto make_batch = [&](const std::string& id) {
    const auto batch_start = Steady::now();
    std::vector<DocumentRequest> batch;
    for (const auto& s : cases) batch.push_back({id, s.case_id, nullptr, nlohmann::json::object()});
    const auto records = service.MakeAll(campaign, batch);
    auto& [count, seconds] = by_kind[id];
    count += static_cast<int>(records.size());
    seconds += bench::Since(batch_start);
    files += static_cast<int>(records.size());
    requests += static_cast<int>(batch.size());
  };
  for (const char* id : {"stage-notice", "road-map", "interview-protocol"}) make_batch(id);
  make("monitoring-report", std::nullopt);
  make("final-report", std::nullopt);
  const double year_s = bench::Since(start);
  const double year_cpu = CpuSeconds() - cpu_start;

  std::size_t on_disk = 0;
  // The writers' lock file (.shnor-lock) is the folder's own, not a document.
  for (const auto& entry : fs::recursive_directory_iterator(dir / "documents")) {
    on_disk += entry.is_regular_file() && entry.path().filename().string().front() != '.';
  }
  if (on_disk != static_cast<std::size_t>(files)) Fail("files on disk differ from the registry");
  std::printf(
      "(c) a region's year through DocumentService, the schools' documents in batches on every "
      "core "
      "(%zu schools, %d people; setup %.2f s):\n",
      cases.size(), people_imported.imported, setup_s);
  std::printf("  %d documents (%d files) in %.2f s (cpu %.2f s) = %.1f docs/s, %.1f files/s\n",
              requests, files, year_s, year_cpu, requests / year_s, files / year_s);
  for (const auto& [id, figures] : by_kind) {
    std::printf("    %-20s %3d files, %7.1f ms, %6.2f ms per file\n", id.c_str(), figures.first,
                figures.second * 1000, figures.second * 1000 / figures.first);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // As the shnor binary does (app/main.cpp), so both the renderers and the floor run with it.
  shnor::app::KeepFreedMemoryForReuse();
  const std::string only = argc > 1 ? argv[1] : "";
  const fs::path dir = fs::temp_directory_path() / "shnor-bench-documents";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::printf("%u hardware threads\n", std::thread::hardware_concurrency());
  try {
    if (only.empty() || only == "pdf") BenchOrder(dir);
    if (only.empty() || only == "xlsx") BenchRoadMap(dir);
    if (only.empty() || only == "year") BenchYear(dir);
  } catch (const std::exception& e) {
    Fail(e.what());
  }
  const long peak = bench::PeakMemoryMb();
  std::printf("peak memory: %ld MB (target < 200 MB) %s\n", peak, peak < 200 ? "OK" : "MISSED");
  // SHNOR_BENCH_KEEP=1 leaves the files for a look.
  if (!std::getenv("SHNOR_BENCH_KEEP")) fs::remove_all(dir);
  return 0;
}
