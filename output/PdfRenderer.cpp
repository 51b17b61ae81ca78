#include "output/PdfRenderer.h"

#include <hpdf.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "output/FontCoverage.h"
#include "output/PdfLayout.h"
#include "output/PdfToUnicode.h"
#include "output/RussianText.h"
#include "output/Typography.h"

namespace shnor::output {
namespace {

namespace fs = std::filesystem;

// Geometry in points (1 mm = 72 / 25.4 pt), A4 portrait, margins 30/15/20/20 mm.
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kLeft = 30 * kMm;
constexpr double kRight = kPageWidth - 15 * kMm;
constexpr double kTop = kPageHeight - 20 * kMm;
constexpr double kBottom = 20 * kMm;
constexpr double kTextWidth = kRight - kLeft;
constexpr double kSlack = 1e-3;

constexpr double kBodySize = 14;
constexpr double kTableSize = 12;
constexpr double kPageNumberSize = 12;
constexpr double kChartTextSize = 10;
constexpr double kRequisiteSize = 10;  // the sender's requisites, the executor mark
constexpr double kReferenceSize = 12;  // «На № … от …» under the date and number
constexpr double kLeading = 1.15;

constexpr double kIndent = 12.5 * kMm;                  // first line of paragraphs and list items
constexpr double kStampLeft = 0.6 * kTextWidth;         // approval stamps and appendix headings
constexpr double kAgreedWidth = kStampLeft - 10 * kMm;  // «СОГЛАСОВАНО» left of the stamp
constexpr double kSignatureGap = 10 * kMm;              // least room between position and name
constexpr double kCellPadX = 1.5 * kMm;
constexpr double kCellPadY = 1.0 * kMm;
constexpr double kRuleWidth = 0.5;
constexpr double kPageNumberBaseline = kPageHeight - 13 * kMm;  // inside the top margin
constexpr double kQrSide = 25 * kMm;
constexpr double kQrClearance = 5 * kMm;  // page 1's text stops this far above the QR code
constexpr double kChartHeight = 60 * kMm;
constexpr double kBarShare = 0.6;  // of a bar's slot
constexpr double kMaxBarWidth = 25 * kMm;
constexpr double kBarGray = 0.55;
constexpr std::size_t kLabelLines = 2;
// Gaps between blocks, points.
constexpr double kAfterLetterhead = 18;
constexpr double kAfterTitle = 12;
constexpr double kAroundTable = 6;
constexpr double kAfterStamp = 12;
constexpr double kAboveExecutor = 12;  // the executor mark and the text above it
constexpr double kUnderCaption = 4;    // a chart's caption and its tallest value

const FontFace& RegularFace() {
  static const FontFace face(fs::path(SHNOR_FONT_DIR) / "LiberationSerif-Regular.ttf",
                             "Liberation Serif");
  return face;
}

const FontFace& BoldFace() {
  static const FontFace face(fs::path(SHNOR_FONT_DIR) / "LiberationSerif-Bold.ttf",
                             "Liberation Serif Bold");
  return face;
}

}  // namespace

bool DocumentFontsDraw(char32_t cp) {
  return RegularFace().Advance(cp) >= 0 && BoldFace().Advance(cp) >= 0;
}

namespace {

std::string Hex(unsigned long value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%04lX", value);
  return text;
}

// --- libharu: errors are recorded by a C callback and thrown after the call returns, because
// an exception must not unwind through libharu's C frames.

struct HpdfErrors {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void RecordError(HPDF_STATUS error, HPDF_STATUS detail, void* data) {
  auto* errors = static_cast<HpdfErrors*>(data);
  if (errors->error != HPDF_OK) return;  // the first error explains the rest
  errors->error = error;
  errors->detail = detail;
}

class HpdfDoc {
 public:
  HpdfDoc() : doc_(HPDF_New(RecordError, &errors_)) {
    if (!doc_) throw PdfError("Не удалось создать PDF-документ: недостаточно памяти");
  }
  ~HpdfDoc() { HPDF_Free(doc_); }
  HpdfDoc(const HpdfDoc&) = delete;
  HpdfDoc& operator=(const HpdfDoc&) = delete;

  HPDF_Doc get() const { return doc_; }

  // Throws the first error libharu reported, naming the step it happened in.
  void Check(const std::string& step) const {
    if (errors_.error == HPDF_OK) return;
    throw PdfError("Ошибка библиотеки libharu " + Hex(errors_.error) + " (подробность " +
                   Hex(errors_.detail) + ") при построении PDF: " + step);
  }

 private:
  HpdfErrors errors_;  // before doc_: its address goes to HPDF_New
  HPDF_Doc doc_;
};

struct Font {
  const FontFace* face = nullptr;
  HPDF_Font handle = nullptr;
};

Font LoadFont(HpdfDoc& pdf, const FontFace& face) {
  const char* name = HPDF_LoadTTFontFromFile(pdf.get(), face.path().c_str(), HPDF_TRUE);
  Font font{&face, name ? HPDF_GetFont(pdf.get(), name, "UTF-8") : nullptr};
  pdf.Check("загрузка шрифта «" + face.path().string() + "»");
  if (!font.handle) throw PdfError("Не удалось загрузить шрифт «" + face.path().string() + "»");
  return font;
}

// The page being drawn. It switches between text objects and paths lazily, because libharu
// refuses paths inside BeginText/EndText, and keeps the font and colour to skip repeated calls.
class Canvas {
 public:
  explicit Canvas(HPDF_Doc doc) : doc_(doc) {}

  void NewPage() {
    Finish();
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_SetLineWidth(page_, kRuleWidth);
    font_ = nullptr, size_ = 0, gray_ = 0;
  }

  void Text(double x, double baseline, std::string_view text, const Font& font, double size) {
    if (text.empty()) return;
    Prepare(text, font, size);
    HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline),
                      buffer_.c_str());
  }

  // `text` `dx` points right of where the last Text or MoreText began, in the same text object:
  // a justified line is one run of relative moves, its spaces real characters, so a reader
  // copies it as a line.
  void MoreText(double dx, std::string_view text, const Font& font, double size) {
    Prepare(text, font, size);
    HPDF_Page_MoveTextPos(page_, static_cast<HPDF_REAL>(dx), 0);
    HPDF_Page_ShowText(page_, buffer_.c_str());
  }

  // Adds a rectangle to the current path (x, y: its lower left corner).
  void Rect(double x, double y, double width, double height) {
    ToPath();
    HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                        static_cast<HPDF_REAL>(width), static_cast<HPDF_REAL>(height));
  }

  void Segment(double x1, double y1, double x2, double y2) {
    ToPath();
    HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(x1), static_cast<HPDF_REAL>(y1));
    HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(x2), static_cast<HPDF_REAL>(y2));
  }

  void Stroke() { HPDF_Page_Stroke(page_); }

  // Colours cannot change inside a path: a filled path starts here, before its rectangles.
  void BeginFill(double gray) {
    ToPath();
    SetGray(gray);
  }

  void Fill() { HPDF_Page_Fill(page_); }

  void Finish() {
    if (in_text_) HPDF_Page_EndText(page_);
    in_text_ = false;
  }

  // The codes each font drew (with libharu's UTF-8 encoder, the characters' Unicode values):
  // what its ToUnicode CMap must map.
  std::vector<FontCodes> UsedCodes() const {
    std::vector<FontCodes> fonts;
    for (const auto& [font, used] : used_) {
      FontCodes codes{HPDF_Font_GetFontName(font), {}};
      for (char32_t cp = 0; cp < used.size(); ++cp) {
        if (used[cp]) codes.codes.push_back(cp);
      }
      fonts.push_back(std::move(codes));
    }
    return fonts;
  }

 private:
  void Record(HPDF_Font font, std::string_view text) {
    auto it = std::find_if(used_.begin(), used_.end(),
                           [font](const auto& entry) { return entry.first == font; });
    if (it == used_.end()) it = used_.insert(used_.end(), {font, std::vector<bool>(0x10000)});
    for (std::size_t pos = 0; pos < text.size();) {
      const char32_t cp = NextCodePoint(text, pos);
      if (cp < 0x10000) it->second[cp] = true;
    }
  }

  void ToText() {
    if (!in_text_) HPDF_Page_BeginText(page_);
    in_text_ = true;
  }
  void Prepare(std::string_view text, const Font& font, double size) {
    ToText();
    if (font.handle != font_ || size != size_) {
      HPDF_Page_SetFontAndSize(page_, font.handle, static_cast<HPDF_REAL>(size));
      font_ = font.handle, size_ = size;
    }
    SetGray(0);
    AssignDrawn(text);
    Record(font.handle, buffer_);
  }

  // A no-break space only keeps words on one line: it is drawn, and copied, as a space.
  void AssignDrawn(std::string_view text) {
    buffer_.clear();
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t nbsp = text.find(kNoBreakSpace, at);
      buffer_.append(text.substr(at, nbsp == std::string_view::npos ? nbsp : nbsp - at));
      if (nbsp == std::string_view::npos) break;
      buffer_.push_back(' ');
      at = nbsp + kNoBreakSpace.size();
    }
  }
  void ToPath() { Finish(); }
  void SetGray(double gray) {
    if (gray == gray_) return;
    HPDF_Page_SetGrayFill(page_, static_cast<HPDF_REAL>(gray));
    gray_ = gray;
  }

  HPDF_Doc doc_;
  HPDF_Page page_ = nullptr;
  bool in_text_ = false;
  HPDF_Font font_ = nullptr;
  double size_ = 0;
  double gray_ = 0;
  std::string buffer_;  // libharu wants NUL-terminated text; reused to avoid allocations
  std::vector<std::pair<HPDF_Font, std::vector<bool>>> used_;  // by font, by code
};

// --- Checks made before anything is drawn.

std::optional<HPDF_Date> CreationDate(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  HPDF_Date date{};
  char tail = 0;
  const bool parsed = iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &date.year,
                                                      &date.month, &date.day, &tail) == 3;
  if (!parsed || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
    throw PdfError("Дата документа «" + iso + "» не в формате ГГГГ-ММ-ДД");
  }
  date.ind = ' ';  // local time, no offset: the date as written on the document
  return date;
}

void CheckTables(const Document& doc) {
  for (const Block& block : doc.blocks) {
    const auto* table = std::get_if<Table>(&block);
    if (!table) continue;
    for (std::size_t r = 0; r < table->rows.size(); ++r) {
      if (table->rows[r].size() == table->columns.size()) continue;
      throw PdfError("Строка " + std::to_string(r + 1) + " таблицы «" + table->caption +
                     "» содержит " + std::to_string(table->rows[r].size()) + " ячеек, а столбцов " +
                     std::to_string(table->columns.size()));
    }
  }
}

std::vector<double> ColumnWidths(const Table& table) {
  std::vector<double> widths;
  double total = 0;
  for (const TableColumn& column : table.columns) {
    widths.push_back(std::max(column.width_mm, 5.0) * kMm);
    total += widths.back();
  }
  if (total > kTextWidth) {
    for (double& width : widths) width *= kTextWidth / total;
  }
  return widths;
}

bool HasDateColumn(const Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [](const TableColumn& column) { return column.date; });
}

// Date columns hold ISO dates so that the XLSX gets real dates; paper reads «18.03.2024». A cell
// that is not an ISO date («по графику») prints as it is.
Table WithPrintedDates(Table table) {
  for (std::vector<std::string>& row : table.rows) {
    for (std::size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
      if (!table.columns[c].date) continue;
      if (std::optional<std::string> date = NumericDate(row[c])) row[c] = std::move(*date);
    }
  }
  return table;
}

// A bar's height value: negative, infinite and NaN values draw no bar (their text still shows).
double Drawable(double value) {
  return std::isfinite(value) ? std::max(value, 0.0) : 0;
}

// A table row laid out: one text per cell, and the line count of its tallest cell.
struct Row {
  std::vector<LaidText> cells;
  std::size_t lines = 0;
};

class Renderer {
 public:
  explicit Renderer(const Document& doc) : doc_(doc), canvas_(pdf_.get()) {}

  std::string Render() {
    Setup();
    StartPage();
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      keep_with_next_ = SignatureAfter(i);
      std::visit([this](const auto& block) { Draw(block); }, doc_.blocks[i]);
      keep_with_next_ = 0;
      pdf_.Check("блок " + std::to_string(i + 1));
    }
    canvas_.Finish();
    return Save();
  }

 private:
  // --- Document and pages.

  void Setup() {
    const std::optional<HPDF_Date> date = CreationDate(doc_.date);
    CheckTables(doc_);
    if (doc_.profile == Profile::Gost2025 && doc_.qr_text.empty()) {
      throw PdfError("Для документа по ГОСТ Р 7.0.97-2025 нужен текст QR-кода (qr_text)");
    }
    HPDF_Doc pdf = pdf_.get();
    // Without compression every UTF-8 font adds a raw 128 KB CIDToGIDMap.
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);             // must precede HPDF_GetFont(..., "UTF-8")
    HPDF_SetCurrentEncoder(pdf, "UTF-8");  // metadata strings are UTF-8 too
    SetInfo(HPDF_INFO_TITLE, doc_.title);
    SetInfo(HPDF_INFO_AUTHOR, doc_.author);
    SetInfo(HPDF_INFO_SUBJECT, doc_.subject);
    SetInfo(HPDF_INFO_CREATOR, "shnor");
    if (date) HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, *date);
    pdf_.Check("свойства документа");
    regular_ = LoadFont(pdf_, RegularFace());
  }

  void SetInfo(HPDF_InfoType type, const std::string& value) {
    if (value.empty()) return;
    CheckUtf8(value);
    HPDF_SetInfoAttr(pdf_.get(), type, value.c_str());
  }

  // Bold is loaded on first use: a document without it saves ~2.5 ms of font parsing.
  const Font& Bold() {
    if (!bold_.handle) bold_ = LoadFont(pdf_, BoldFace());
    return bold_;
  }

  std::string Save() {
    HPDF_SaveToStream(pdf_.get());
    pdf_.Check("сохранение");
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf_.get());
    std::string bytes(size, '\0');
    HPDF_GetContents(pdf_.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    pdf_.Check("сохранение");
    bytes.resize(size);
    return RepairToUnicode(bytes, canvas_.UsedCodes());
  }

  void StartPage() {
    canvas_.NewPage();
    ++pages_;
    y_ = kTop;
    bottom_ = kBottom;
    if (pages_ > 1) DrawPageNumber();
    if (pages_ == 1 && doc_.profile == Profile::Gost2025) {
      DrawQrCode();
      bottom_ = kBottom + kQrSide + kQrClearance;
    }
  }

  bool AtTop() const { return y_ >= kTop - kSlack; }

  // Starts a new page when `height` does not fit below the cursor (unless the page is empty:
  // then nothing would fit anywhere better).
  void Need(double height) {
    if (y_ - height < bottom_ - kSlack && !AtTop()) StartPage();
  }

  // Vertical space between blocks; dropped at the top of a page.
  void Gap(double height) {
    if (!AtTop()) y_ -= height;
  }

  double RoomOnNextPage() const { return kTop - kBottom; }

  void DrawPageNumber() {
    const std::string number = std::to_string(pages_);
    const double width = MeasureText(number, *regular_.face, kPageNumberSize);
    canvas_.Text(kLeft + (kTextWidth - width) / 2, kPageNumberBaseline, number, regular_,
                 kPageNumberSize);
  }

  // Requisite 31 of ГОСТ Р 7.0.97-2025: the QR code at the bottom right of page 1. Dark modules
  // of a row are merged into runs, so a symbol is a few hundred rectangles and one fill.
  void DrawQrCode() {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(doc_.qr_text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) throw PdfError("Не удалось построить QR-код из «" + doc_.qr_text + "»");
    const int n = code->width;
    const double module = kQrSide / n;
    const double left = kRight - kQrSide;
    const double top = kBottom + kQrSide;
    canvas_.BeginFill(0);
    for (int row = 0; row < n; ++row) {
      const unsigned char* cells = code->data + static_cast<std::size_t>(row) * n;
      for (int col = 0; col < n;) {
        if (!(cells[col] & 1)) {
          ++col;
          continue;
        }
        const int start = col;
        while (col < n && (cells[col] & 1)) ++col;
        canvas_.Rect(left + start * module, top - (row + 1) * module, (col - start) * module,
                     module);
      }
    }
    canvas_.Fill();
  }

  // --- Text.

  LaidText Lay(std::string_view text, const Font& font, double size, double first_width,
               double width) const {
    return BreakLines(text, *font.face, size, first_width, width);
  }
  LaidText Lay(std::string&&, const Font&, double, double, double) const = delete;

  static double LineHeight(double size) { return size * kLeading; }
  static double Height(const LaidText& laid) { return laid.lines.size() * LineHeight(laid.size); }
  double Baseline(const Font& font, double size) const { return y_ - font.face->ascent() * size; }

  // Draws one line in a box `width` wide at `x`. Justified lines place each word (with its space)
  // by a relative move from the one before: word spacing (Tw) does not apply to the two-byte codes
  // of a UTF-8 font, and libharu's own justification letter-spaces. Other lines are one string,
  // so one libharu call.
  void DrawLine(const LaidText& laid, const Line& line, const Font& font, double x, double width,
                double baseline, Align align) {
    const std::size_t count = line.last - line.first;
    if (count == 0) return;
    if (align == Align::Justify && !line.hard_end && count > 1) {
      const double gap = (width - line.width) / double(count - 1) + laid.space;
      for (std::size_t w = line.first; w < line.last; ++w) {
        const Word& word = laid.words[w];
        WordText(laid, word, joined_);
        if (w + 1 < line.last) joined_.push_back(' ');
        if (w == line.first) {
          canvas_.Text(x, baseline, joined_, font, laid.size);
        } else {
          canvas_.MoreText(laid.words[w - 1].width + gap, joined_, font, laid.size);
        }
      }
      return;
    }
    if (align == Align::Right) x += width - line.width;
    if (align == Align::Center) x += (width - line.width) / 2;
    JoinLine(laid, line, joined_);
    canvas_.Text(x, baseline, joined_, font, laid.size);
  }

  // Draws laid text down the page from the cursor, breaking pages between lines. The first line
  // starts `first_offset` further right (an indent, or room for a list number).
  void FlowText(const LaidText& laid, const Font& font, double left, double width,
                double first_offset, Align align) {
    const double lead = LineHeight(laid.size);
    const std::size_t count = laid.lines.size();
    // The last two lines go with a signature that follows, so it never stands alone.
    const std::size_t tail = keep_with_next_ > 0 ? count - std::min<std::size_t>(count, 2) : count;
    for (std::size_t i = 0; i < count; ++i) {
      Need(i == tail ? (count - i) * lead + keep_with_next_ : lead);
      const double offset = i == 0 ? first_offset : 0;
      DrawLine(laid, laid.lines[i], font, left + offset, width - offset, Baseline(font, laid.size),
               align);
      y_ -= lead;
    }
  }

  // When block i is text followed by a signature (and perhaps the executor mark): the height the
  // signature takes, which must go with the text's last lines; 0 otherwise.
  // A one-line paragraph between counts as part of the signature's group («Контроль … оставляю
  // за собой.»): the text before it keeps its lines with both.
  double SignatureAfter(std::size_t i) {
    const bool text = std::holds_alternative<Paragraph>(doc_.blocks[i]) ||
                      std::holds_alternative<NumberedList>(doc_.blocks[i]);
    if (!text || i + 1 >= doc_.blocks.size()) return 0;
    if (const auto* next = std::get_if<Paragraph>(&doc_.blocks[i + 1])) {
      const double after = SignatureAfter(i + 1);
      const LaidText laid = LayParagraph(*next);
      return after > 0 && laid.lines.size() == 1 ? after + Height(laid) : 0;
    }
    const auto* signature = std::get_if<Signature>(&doc_.blocks[i + 1]);
    if (!signature) return 0;
    double height = SignatureHeight(*signature);
    if (i + 2 < doc_.blocks.size()) {
      if (const auto* mark = std::get_if<ExecutorMark>(&doc_.blocks[i + 2])) {
        height += Height(LayLines(mark->lines, kRequisiteSize, kTextWidth)) + kAboveExecutor;
      }
    }
    return height;
  }

  // Keeps the first two lines of a text together, so no paragraph starts on a page's last line.
  void NeedStart(const LaidText& laid) {
    Need(std::min<std::size_t>(laid.lines.size(), 2) * LineHeight(laid.size));
  }

  void Centered(const std::string& text, const Font& font) {
    FlowText(Lay(text, font, kBodySize, kTextWidth, kTextWidth), font, kLeft, kTextWidth, 0,
             Align::Center);
  }

  // One line of text however long, for short requisites (date, number, name).
  LaidText OneLine(std::string_view text, const Font& font, double size) const {
    constexpr double kUnlimited = 1e9;
    return Lay(text, font, size, kUnlimited, kUnlimited);
  }
  // Laid text points into its string: a temporary would dangle.
  LaidText OneLine(std::string&&, const Font&, double) const = delete;

  // --- Blocks.

  void Draw(const Letterhead& head) {
    if (head.blank) {
      y_ -= AuthorityHeight(head);  // the printed бланк fills it
    } else {
      DrawAuthority(head);
    }
    if (!head.kind.empty()) {
      Gap(LineHeight(kBodySize) / 2);
      Centered(head.kind, Bold());
    }
    if (!head.date.empty() || !head.number.empty()) {
      Gap(LineHeight(kBodySize) / 2);
      DrawDateAndNumber(head);
    }
    if (!head.reference.empty()) DrawLines({head.reference}, kLeft, kTextWidth, kReferenceSize);
    if (!head.place.empty()) Centered(head.place, regular_);
    Gap(kAfterLetterhead);
  }

  void DrawAuthority(const Letterhead& head) {
    for (const std::string& line : head.authority) Centered(line, Bold());
    if (head.requisites.empty()) return;
    Gap(LineHeight(kRequisiteSize) / 2);
    for (const std::string& line : head.requisites) {
      FlowText(Lay(line, regular_, kRequisiteSize, kTextWidth, kTextWidth), regular_, kLeft,
               kTextWidth, 0, Align::Center);
    }
  }

  // What DrawAuthority would take, to leave the same room for a бланк.
  double AuthorityHeight(const Letterhead& head) {
    double height = 0;
    for (const std::string& line : head.authority) {
      height += Height(Lay(line, Bold(), kBodySize, kTextWidth, kTextWidth));
    }
    if (head.requisites.empty()) return height;
    height += LineHeight(kRequisiteSize) / 2;
    for (const std::string& line : head.requisites) {
      height += Height(Lay(line, regular_, kRequisiteSize, kTextWidth, kTextWidth));
    }
    return height;
  }

  // Left-aligned lines in a box, kept on one page.
  void DrawLines(const std::vector<std::string>& lines, double left, double width, double size) {
    const std::vector<LaidText> laid = LayLines(lines, size, width);
    Need(Height(laid));
    for (const LaidText& text : laid) FlowText(text, regular_, left, width, 0, Align::Left);
  }

  std::vector<LaidText> LayLines(const std::vector<std::string>& lines, double size,
                                 double width) const {
    std::vector<LaidText> laid;
    for (const std::string& line : lines) laid.push_back(Lay(line, regular_, size, width, width));
    return laid;
  }

  static double Height(const std::vector<LaidText>& laid) {
    double height = 0;
    for (const LaidText& text : laid) height += Height(text);
    return height;
  }

  void DrawDateAndNumber(const Letterhead& head) {
    const LaidText date = OneLine(head.date, regular_, kBodySize);
    const std::string number_text = head.number.empty() ? "" : "№ " + head.number;
    const LaidText number = OneLine(number_text, regular_, kBodySize);
    Need(LineHeight(kBodySize));
    const double baseline = Baseline(regular_, kBodySize);
    DrawLine(date, date.lines.front(), regular_, kLeft, kTextWidth, baseline, Align::Left);
    DrawLine(number, number.lines.front(), regular_, kLeft, kTextWidth, baseline, Align::Right);
    y_ -= LineHeight(kBodySize);
  }

  void Draw(const Title& title) {
    const LaidText laid = Lay(title.text, Bold(), kBodySize, kTextWidth, kTextWidth);
    // A title stays with the first lines of the text it heads.
    if (Height(laid) < RoomOnNextPage() / 2) Need(Height(laid) + 2 * LineHeight(kBodySize));
    FlowText(laid, Bold(), kLeft, kTextWidth, 0, title.align);
    Gap(kAfterTitle);
  }

  static double IndentOf(const Paragraph& paragraph) {
    const bool indented =
        paragraph.indent && (paragraph.align == Align::Justify || paragraph.align == Align::Left);
    return indented ? kIndent : 0;
  }

  LaidText LayParagraph(const Paragraph& paragraph) {
    const Font& font = paragraph.bold ? Bold() : regular_;
    const double indent = IndentOf(paragraph);
    return Lay(paragraph.text, font, kBodySize, kTextWidth - indent, kTextWidth);
  }

  void Draw(const Paragraph& paragraph) {
    const LaidText laid = LayParagraph(paragraph);
    NeedStart(laid);
    FlowText(laid, paragraph.bold ? Bold() : regular_, kLeft, kTextWidth, IndentOf(paragraph),
             paragraph.align);
  }

  // ГОСТ Р 7.0.97 numbers points the way it writes paragraphs: the number at the paragraph
  // indent, the item's further lines back at the left margin; sub-items the same. The number is
  // part of the line, so it copies with its text.
  void Draw(const NumberedList& list) {
    std::vector<std::string> texts;
    for (const ListItem& item : list.items) texts.push_back(item.number + " " + item.text);
    std::vector<LaidText> laid;
    for (const std::string& text : texts) laid.push_back(LayItem(text));
    // What must go with each item's last lines: a signature after the list takes the last item,
    // and the item before too when the last is a single line.
    std::vector<double> keep(laid.size(), 0);
    for (std::size_t i = laid.size(), tail = 0; i-- > 0 && keep_with_next_ > 0; tail += 1) {
      keep[i] = i + 1 == laid.size() ? keep_with_next_ : keep[i + 1] + Height(laid[i + 1]);
      if (laid[i].lines.size() >= 2 || tail >= 1) break;
    }
    for (std::size_t i = 0; i < laid.size(); ++i) {
      keep_with_next_ = keep[i];
      NeedStart(laid[i]);
      FlowText(laid[i], regular_, kLeft, kTextWidth, kIndent, Align::Justify);
    }
  }

  LaidText LayItem(const std::string& text) const {
    return Lay(text, regular_, kBodySize, kTextWidth - kIndent, kTextWidth);
  }

  void Draw(const Table& table) {
    if (HasDateColumn(table)) {
      const Table printed = WithPrintedDates(table);  // outlives the laid rows pointing into it
      DrawTable(printed);
    } else {
      DrawTable(table);
    }
  }

  void DrawTable(const Table& table) {
    const std::vector<double> widths = ColumnWidths(table);
    const Row header = LayHeader(table, widths);
    const LaidText caption = Lay(table.caption, regular_, kBodySize, kTextWidth, kTextWidth);
    const bool has_caption = !table.caption.empty();
    Gap(kAroundTable);
    // The caption, the header and the first row go together.
    std::optional<Row> first;
    if (!table.rows.empty()) first = LayRow(table, widths, 0);
    const double start = (has_caption ? Height(caption) : 0) + RowHeight(header.lines) +
                         (first ? RowHeight(first->lines) : 0);
    if (start < RoomOnNextPage()) Need(start);
    if (has_caption) FlowText(caption, regular_, kLeft, kTextWidth, 0, Align::Center);
    if (widths.empty()) return;  // nothing to rule: only the caption
    DrawRowPart(header, widths, table, true, 0, header.lines);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const Row row = r == 0 ? std::move(*first) : LayRow(table, widths, r);
      DrawRow(row, header, widths, table);
    }
    Gap(kAroundTable);
  }

  Row LayCells(const std::vector<std::string_view>& texts, const std::vector<double>& widths,
               const Font& font) const {
    Row row;
    row.cells.reserve(texts.size());
    for (std::size_t c = 0; c < texts.size(); ++c) {
      const double inner = std::max(widths[c] - 2 * kCellPadX, 1.0);
      row.cells.push_back(Lay(texts[c], font, kTableSize, inner, inner));
      row.lines = std::max(row.lines, row.cells.back().lines.size());
    }
    return row;
  }

  Row LayHeader(const Table& table, const std::vector<double>& widths) {
    std::vector<std::string_view> texts;
    for (const TableColumn& column : table.columns) texts.push_back(column.header);
    return LayCells(texts, widths, Bold());
  }

  Row LayRow(const Table& table, const std::vector<double>& widths, std::size_t r) const {
    const std::vector<std::string>& cells = table.rows[r];
    return LayCells(std::vector<std::string_view>(cells.begin(), cells.end()), widths, regular_);
  }

  static double RowHeight(std::size_t lines) {
    return lines * LineHeight(kTableSize) + 2 * kCellPadY;
  }

  // A row goes whole onto this page or the next (below a repeated header); only a row taller
  // than a whole page is split, by lines.
  void DrawRow(const Row& row, const Row& header, const std::vector<double>& widths,
               const Table& table) {
    const double room_on_new_page = RoomOnNextPage() - RowHeight(header.lines);
    bool fresh_page = false;
    for (std::size_t from = 0; from < row.lines;) {
      const double rest = RowHeight(row.lines - from);
      if (y_ - rest >= bottom_ - kSlack) {
        DrawRowPart(row, widths, table, false, from, row.lines);
        return;
      }
      const auto fit = static_cast<std::size_t>(std::max(
          0.0, std::floor((y_ - bottom_ - 2 * kCellPadY + kSlack) / LineHeight(kTableSize))));
      if (!fresh_page && (fit == 0 || (from == 0 && rest <= room_on_new_page))) {
        ContinueTable(header, widths, table);
        fresh_page = true;
        continue;
      }
      const std::size_t to = std::min(row.lines, from + std::max<std::size_t>(fit, 1));
      DrawRowPart(row, widths, table, false, from, to);
      from = to;
      if (from < row.lines) ContinueTable(header, widths, table);
      fresh_page = true;
    }
  }

  void ContinueTable(const Row& header, const std::vector<double>& widths, const Table& table) {
    StartPage();
    DrawRowPart(header, widths, table, true, 0, header.lines);
  }

  // Lines [from, to) of a row: cell borders first (paths cannot go inside a text object), then
  // the text.
  void DrawRowPart(const Row& row, const std::vector<double>& widths, const Table& table,
                   bool is_header, std::size_t from, std::size_t to) {
    const double height = RowHeight(to - from);
    double x = kLeft;
    for (double width : widths) {
      canvas_.Rect(x, y_ - height, width, height);
      x += width;
    }
    canvas_.Stroke();
    const Font& font = is_header ? Bold() : regular_;
    const double lead = LineHeight(kTableSize);
    x = kLeft;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const LaidText& cell = row.cells[c];
      const Align align = is_header ? Align::Center : table.columns[c].align;
      // Header cells are centred vertically; data cells start at the top, as in office tables.
      const std::size_t shown = std::min(to, cell.lines.size()) - std::min(from, cell.lines.size());
      const double drop = is_header ? (to - from - shown) * lead / 2 : 0;
      const double first_baseline = y_ - kCellPadY - drop - font.face->ascent() * kTableSize;
      for (std::size_t l = from; l < std::min(to, cell.lines.size()); ++l) {
        DrawLine(cell, cell.lines[l], font, x + kCellPadX, widths[c] - 2 * kCellPadX,
                 first_baseline - (l - from) * lead, align);
      }
      x += widths[c];
    }
    y_ -= height;
  }

  // How wide the position may be: what the name, right-aligned, leaves.
  double PositionRoom(const LaidText& name) const {
    return std::max(kTextWidth / 2, kTextWidth - name.lines.front().width - kSignatureGap);
  }

  double SignatureHeight(const Signature& signature) const {
    const LaidText name = OneLine(signature.name, regular_, kBodySize);
    const double room = PositionRoom(name);
    return 2 * LineHeight(kBodySize) +
           Height(Lay(signature.position, regular_, kBodySize, room, room));
  }

  // The position at the left margin, the name right-aligned on the position's last line.
  void Draw(const Signature& signature) {
    const LaidText name = OneLine(signature.name, regular_, kBodySize);
    const double room = PositionRoom(name);
    const LaidText position = Lay(signature.position, regular_, kBodySize, room, room);
    Gap(2 * LineHeight(kBodySize));
    Need(Height(position));
    for (std::size_t i = 0; i < position.lines.size(); ++i) {
      const double baseline = Baseline(regular_, kBodySize);
      DrawLine(position, position.lines[i], regular_, kLeft, room, baseline, Align::Left);
      if (i + 1 == position.lines.size()) {
        DrawLine(name, name.lines.front(), regular_, kLeft, kTextWidth, baseline, Align::Right);
      }
      y_ -= LineHeight(kBodySize);
    }
  }

  // «УТВЕРЖДАЮ» at the top right; «СОГЛАСОВАНО», when there is one, beside it at the top left.
  void Draw(const ApprovalStamp& stamp) {
    if (stamp.agreed.empty()) return DrawCorner(stamp.lines);
    const double right_left = kLeft + kStampLeft;
    const std::vector<LaidText> approved = LayLines(stamp.lines, kBodySize, kRight - right_left);
    const std::vector<LaidText> agreed = LayLines(stamp.agreed, kBodySize, kAgreedWidth);
    Need(std::max(Height(approved), Height(agreed)));
    const double top = y_;
    for (const LaidText& text : agreed)
      FlowText(text, regular_, kLeft, kAgreedWidth, 0, Align::Left);
    const double agreed_end = y_;
    y_ = top;
    for (const LaidText& text : approved) {
      FlowText(text, regular_, right_left, kRight - right_left, 0, Align::Left);
    }
    y_ = std::min(y_, agreed_end);
    Gap(kAfterStamp);
  }

  void Draw(const AppendixHeading& heading) { DrawCorner(heading.lines); }

  // A block at the top right, left-aligned within itself, kept on one page.
  void DrawCorner(const std::vector<std::string>& lines) {
    const double left = kLeft + kStampLeft;
    DrawLines(lines, left, kRight - left, kBodySize);
    Gap(kAfterStamp);
  }

  // The right half of the page, under the letterhead.
  void Draw(const Addressee& addressee) {
    DrawLines(addressee.lines, kLeft + kTextWidth / 2, kTextWidth / 2, kBodySize);
    Gap(kAfterLetterhead);
  }

  // At the foot of the page the cursor is on (of the next one when the text reached the foot);
  // anything after it stays above it.
  void Draw(const ExecutorMark& mark) {
    const std::vector<LaidText> laid = LayLines(mark.lines, kRequisiteSize, kTextWidth);
    const double height = Height(laid);
    if (y_ - height - kAboveExecutor < bottom_ - kSlack && !AtTop()) StartPage();
    const double resume = y_;
    y_ = bottom_ + height;
    for (const LaidText& text : laid) FlowText(text, regular_, kLeft, kTextWidth, 0, Align::Left);
    bottom_ += height + kAboveExecutor;
    y_ = resume;
  }

  void Draw(const PageBreak&) {
    if (!AtTop()) StartPage();
  }

  void Draw(const Spacer& spacer) {
    const double height = std::max(spacer.mm, 0.0) * kMm;
    if (y_ - height < bottom_) {
      StartPage();
    } else {
      y_ -= height;
    }
  }

  void Draw(const BarChart& chart);
  void DrawBars(const BarChart& chart, double base, double slot, double max);
  void DrawBarLabels(const BarChart& chart, double top, double slot);

  const Document& doc_;
  HpdfDoc pdf_;
  Canvas canvas_;
  Font regular_;
  Font bold_;
  int pages_ = 0;
  double y_ = kTop;            // top of the free space on the page
  double bottom_ = kBottom;    // page 1 of the 2025 profile keeps room for the QR code
  std::string joined_;         // reused by DrawLine
  double keep_with_next_ = 0;  // a following signature's height, kept with the last lines
};

// Caption above; bars from a common axis, their values above them and labels below, each label
// wrapped into its bar's slot and shortened with «…» past two lines.
void Renderer::Draw(const BarChart& chart) {
  const std::size_t count = chart.values.size();
  const LaidText caption = Lay(chart.caption, regular_, kBodySize, kTextWidth, kTextWidth);
  const double value_room = LineHeight(kChartTextSize) + 2;
  const double label_room = kLabelLines * LineHeight(kChartTextSize) + 2;
  Gap(kAroundTable);
  Need((chart.caption.empty() ? 0 : Height(caption) + kUnderCaption) + value_room + kChartHeight +
       label_room);
  if (!chart.caption.empty()) {
    FlowText(caption, regular_, kLeft, kTextWidth, 0, Align::Center);
    y_ -= kUnderCaption;
  }
  const double base = y_ - value_room - kChartHeight;
  if (count > 0) {
    const double slot = kTextWidth / double(count);
    double max = 0;
    for (double value : chart.values) max = std::max(max, Drawable(value));
    DrawBars(chart, base, slot, max);
    DrawBarLabels(chart, base - 2, slot);
  }
  canvas_.Segment(kLeft, base, kRight, base);
  canvas_.Segment(kLeft, base, kLeft, base + kChartHeight);
  canvas_.Stroke();
  y_ = base - label_room;
  Gap(kAroundTable);
}

void Renderer::DrawBars(const BarChart& chart, double base, double slot, double max) {
  const double bar = std::min(slot * kBarShare, kMaxBarWidth);
  std::vector<double> heights;
  for (double value : chart.values) {
    heights.push_back(max > 0 ? Drawable(value) / max * kChartHeight : 0);
  }
  if (max > 0) {
    canvas_.BeginFill(kBarGray);
    for (std::size_t i = 0; i < heights.size(); ++i) {
      if (heights[i] > 0) canvas_.Rect(kLeft + slot * i + (slot - bar) / 2, base, bar, heights[i]);
    }
    canvas_.Fill();
  }
  for (std::size_t i = 0; i < heights.size(); ++i) {
    const std::string text = DecimalComma(chart.values[i]);
    const LaidText value = OneLine(text, regular_, kChartTextSize);
    DrawLine(value, value.lines.front(), regular_, kLeft + slot * i, slot,
             base + heights[i] + 2 + regular_.face->descent() * kChartTextSize, Align::Center);
  }
}

void Renderer::DrawBarLabels(const BarChart& chart, double top, double slot) {
  const double inner = std::max(slot - 2, 1.0);
  const double lead = LineHeight(kChartTextSize);
  const double first_baseline = top - regular_.face->ascent() * kChartTextSize;
  for (std::size_t i = 0; i < chart.values.size() && i < chart.labels.size(); ++i) {
    const LaidText label = Lay(chart.labels[i], regular_, kChartTextSize, inner, inner);
    const double x = kLeft + slot * i + 1;
    for (std::size_t l = 0; l < std::min(label.lines.size(), kLabelLines); ++l) {
      const double baseline = first_baseline - l * lead;
      if (l + 1 < kLabelLines || label.lines.size() <= kLabelLines) {
        DrawLine(label, label.lines[l], regular_, x, inner, baseline, Align::Center);
        continue;
      }
      // The last shown line takes the rest of the label, shortened.
      JoinLine(label, Line{label.lines[l].first, label.words.size(), 0, true}, joined_);
      const std::string rest = Shorten(joined_, *regular_.face, kChartTextSize, inner);
      const LaidText shortened = OneLine(rest, regular_, kChartTextSize);
      DrawLine(shortened, shortened.lines.front(), regular_, x, inner, baseline, Align::Center);
    }
  }
}

}  // namespace

std::string RenderPdf(const Document& doc) {
  Document typeset = doc;
  TypesetDocument(typeset);
  return Renderer(typeset).Render();
}

}  // namespace shnor::output
