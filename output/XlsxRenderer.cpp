#include "output/XlsxRenderer.h"

#include <xlsxwriter.h>

#include "output/XlsxAppProperties.h"
#include "output/XlsxText.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
// libxlsxwriter 1.1.4 copies a LIST_FORMULA validation's formula twice and frees one copy
// (worksheet_data_validation_range): a few bytes per drop-down that no caller can free. The
// library has no frame pointers, so a leak report stops at lxw_strdup; only its strings are
// excused, and a workbook left unfreed still shows through its other allocations.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:lxw_strdup\n";
}
#endif

namespace shnor::output {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFont = "Times New Roman";
constexpr const char* kApplication = "shnor";
constexpr double kFontSize = 12;
constexpr double kTitleFontSize = 14;
// libxlsxwriter does not fit row heights: these are the points one wrapped line needs.
constexpr double kLineHeight = 15.75;
constexpr double kTitleLineHeight = 18.75;
constexpr double kMaxRowHeight = 409;  // Excel's limit
// Characters of Times New Roman 12 per Excel width unit (a unit is a Calibri 11 digit).
// Measured in LibreOffice's render of a road map (about 1.15 in a 45-unit column), less a margin
// for Excel's own metrics: a row a little tall is better than text cut off.
constexpr double kCharsPerUnit = 1.05;
constexpr double kBoldCharsPerUnit = 0.95;
constexpr double kLandscapeFromMm = 180;  // wider tables do not fit A4 portrait
constexpr uint8_t kPaperA4 = 9;
constexpr double kMmPerInch = 25.4;
constexpr double kLeftMarginIn = 30 / kMmPerInch;
constexpr double kRightMarginIn = 15 / kMmPerInch;
constexpr double kTopMarginIn = 20 / kMmPerInch;
constexpr double kBottomMarginIn = 20 / kMmPerInch;
constexpr double kHeaderMarginIn = 8 / kMmPerInch;  // the page number inside the top margin
constexpr double kPtPerMm = 72 / kMmPerInch;
constexpr double kPtPerPx = 0.75;
// A page is planned a little short of full: the spreadsheet's own rounding must never push a
// row over and add a page break of its own.
constexpr double kPageFill = 0.96;
constexpr std::size_t kMaxPageBreaks = 1023;  // Excel's limit
constexpr const char* kListsSheet = "Списки";
constexpr std::size_t kMaxSheetName = 31;
// A sheet's rows from its top: the stamps above the table (approval, agreement), then the
// caption, the column headers and the data.
constexpr lxw_row_t kHeaderBelowTitle = 1;
constexpr lxw_row_t kDataBelowTitle = 2;
// libxlsxwriter's default chart size and row height, to know where a chart ends.
constexpr double kChartWidthPx = 480;
constexpr double kChartHeightPx = 288;
constexpr double kDefaultRowPx = 20;
constexpr double kBarPx = 24;            // one category's bar and its gap
constexpr double kChartPaddingPx = 110;  // the title and the value axis
constexpr lxw_color_t kHeaderFill = 0xD9D9D9;
constexpr lxw_color_t kOverdueFill = 0xFFC7CE;

struct IsoDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// A strict "YYYY-MM-DD" of a real day Excel can hold (its dates start in 1900).
std::optional<IsoDate> ParseIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  IsoDate date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
               std::stoi(text.substr(8, 2))};
  const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                        std::chrono::month{static_cast<unsigned>(date.month)},
                                        std::chrono::day{static_cast<unsigned>(date.day)}};
  if (!ymd.ok() || date.year < 1900) return std::nullopt;
  return date;
}

std::time_t MidnightUtc(const IsoDate& date) {
  const std::chrono::sys_days day{std::chrono::year{date.year} / date.month / date.day};
  return std::chrono::system_clock::to_time_t(std::chrono::system_clock::time_point{day});
}

// --- UTF-8: sheet names are limited and compared in characters, not bytes.

std::u32string Decode(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out += code;
    i += length;
  }
  return out;
}

std::string Encode(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::size_t CharacterCount(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// --- Sheet names.

// Excel compares sheet names without case, Cyrillic included.
std::u32string Folded(std::u32string name) {
  for (char32_t& c : name) {
    if (c >= U'A' && c <= U'Z') c += 0x20;
    if (c >= 0x410 && c <= 0x42F) c += 0x20;  // А..Я
    if (c >= 0x400 && c <= 0x40F) c += 0x50;  // Ѐ..Џ, Ё among them
  }
  return name;
}

// Excel refuses names that start or end with an apostrophe; spaces there only confuse.
std::u32string Trimmed(std::u32string name) {
  auto edge = [](char32_t c) { return c == U' ' || c == U'\''; };
  while (!name.empty() && edge(name.back())) name.pop_back();
  std::size_t start = 0;
  while (start < name.size() && edge(name[start])) ++start;
  return name.substr(start);
}

std::u32string Cleaned(std::u32string name) {
  for (char32_t& c : name) {
    if (c < 0x20 || std::u32string_view(U"[]:*?/\\").find(c) != std::u32string_view::npos) c = U'_';
  }
  return Trimmed(std::move(name));
}

class SheetNames {
 public:
  SheetNames() { Reserve("History"); }  // reserved by Excel
  void Reserve(const std::string& name) { used_.insert(Folded(Decode(name))); }

  // A valid name, unique in the workbook, from `wanted` ("" gives «Таблица N»).
  std::string Take(const std::string& wanted, std::size_t number) {
    std::u32string base = Cleaned(Decode(wanted));
    if (base.empty()) base = Decode("Таблица " + std::to_string(number));
    for (int n = 1;; ++n) {
      const std::u32string suffix = n == 1 ? U"" : Decode(" (" + std::to_string(n) + ")");
      const std::u32string name = Trimmed(base.substr(0, kMaxSheetName - suffix.size())) + suffix;
      if (used_.insert(Folded(name)).second) return Encode(name);
    }
  }

 private:
  std::set<std::u32string> used_;
};

// --- Layout estimates.

double ExcelWidth(const TableColumn& column) {
  return std::max(4.0, column.width_mm / 2.0);
}

double TotalWidth(const Table& table) {
  double sum = 0;
  for (const TableColumn& column : table.columns) sum += ExcelWidth(column);
  return sum;
}

double TotalMm(const Table& table) {
  double sum = 0;
  for (const TableColumn& column : table.columns) sum += column.width_mm;
  return sum;
}

// Pixels of a column the way Excel converts a width with the default font.
double WidthPx(double width) {
  return width < 1 ? std::floor(width * 12 + 0.5) : std::floor(width * 7 + 0.5) + 5;
}

// Lines one paragraph takes when words wrap greedily at `capacity` characters.
std::size_t ParagraphLines(const std::string& paragraph, std::size_t capacity) {
  std::size_t lines = 1;
  std::size_t used = 0;
  std::istringstream words(paragraph);
  for (std::string word; words >> word;) {
    const std::size_t length = CharacterCount(word);
    const std::size_t needed = used == 0 ? length : used + 1 + length;
    if (needed <= capacity) {
      used = needed;
      continue;
    }
    if (used > 0) ++lines;
    lines += (length - 1) / capacity;  // a word longer than a line breaks inside
    used = (length - 1) % capacity + 1;
  }
  return lines;
}

std::size_t WrappedLines(const std::string& text, double width_chars) {
  const auto capacity = std::max<std::size_t>(1, static_cast<std::size_t>(width_chars));
  std::size_t lines = 0;
  std::istringstream paragraphs(text);
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    lines += ParagraphLines(paragraph, capacity);
  }
  return std::max<std::size_t>(lines, 1);
}

double RowHeight(std::size_t lines, double line_height) {
  return std::min(kMaxRowHeight, static_cast<double>(lines) * line_height);
}

lxw_col_t LastColumn(const Table& table) {
  return static_cast<lxw_col_t>(table.columns.size() - 1);
}

// Where a table starts on its sheet: `title` is the caption's row, below any stamps.
struct Rows {
  lxw_row_t title = 0;
  lxw_row_t header() const { return title + kHeaderBelowTitle; }
  lxw_row_t first_data() const { return title + kDataBelowTitle; }
};

// An empty table still gets one data row, so drop-downs and filters have somewhere to live.
lxw_row_t LastDataRow(const Table& table, const Rows& rows) {
  return rows.first_data() + static_cast<lxw_row_t>(std::max<std::size_t>(table.rows.size(), 1)) -
         1;
}

std::string CellName(lxw_row_t row, lxw_col_t col) {
  char name[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(name, row, col);
  return name;
}

// --- Formulas.

std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "$C3": the column fixed, the row relative to the first data row of the rule's range.
std::string RuleCell(int column, lxw_row_t first_data_row) {
  char name[LXW_MAX_COL_NAME_LENGTH];
  lxw_col_to_name(name, static_cast<lxw_col_t>(column), 1);
  return name + std::to_string(first_data_row + 1);
}

// The report's date from its own cell (`day_cell`, absolute) rather than TODAY(): the report
// shows what was overdue on its own date, and a reader sees that date and may change it.
std::string OverdueFormula(const Table& table, lxw_row_t first_data_row,
                           const std::string& day_cell) {
  const std::string date = RuleCell(table.overdue_date_column, first_data_row);
  const std::string status = RuleCell(table.status_column, first_data_row);
  std::string optional;
  if (table.optional_column >= 0) {
    optional =
        "," + RuleCell(table.optional_column, first_data_row) + "<>" + Quoted(table.optional_value);
  }
  return "=AND(" + date + "<>\"\"," + date + "<" + day_cell + "," + status + "<>" +
         Quoted(table.done_value) + optional + ")";
}

// --- Checks before anything is written.

std::string TableName(const Table& table, std::size_t number) {
  if (!table.caption.empty()) return "«" + table.caption + "»";
  if (!table.sheet.empty()) return "«" + table.sheet + "»";
  return "№ " + std::to_string(number);
}

void ValidateTable(const Table& table, std::size_t number) {
  const std::string name = "Таблица " + TableName(table, number);
  const std::size_t columns = table.columns.size();
  if (columns == 0) throw XlsxError(name + ": нет ни одного столбца");
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() != columns) {
      throw XlsxError(name + ", строка " + std::to_string(i + 1) + ": ячеек " +
                      std::to_string(table.rows[i].size()) + ", а столбцов " +
                      std::to_string(columns));
    }
  }
  auto outside = [columns](int column) { return column >= static_cast<int>(columns); };
  if (outside(table.overdue_date_column) || outside(table.status_column) ||
      outside(table.optional_column)) {
    throw XlsxError(name + ": столбец срока или статуса за пределами таблицы");
  }
}

void ValidateChart(const BarChart& chart) {
  if (chart.labels.size() != chart.values.size()) {
    throw XlsxError("Диаграмма «" + chart.caption + "»: подписей " +
                    std::to_string(chart.labels.size()) + ", а значений " +
                    std::to_string(chart.values.size()));
  }
}

// Charts before the first table have no sheet and are skipped, so they are not checked.
void Validate(const Document& doc, const fs::path& path) {
  std::size_t tables = 0;
  for (const Block& block : doc.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) ValidateTable(*table, ++tables);
    const auto* chart = std::get_if<BarChart>(&block);
    if (chart && tables > 0) ValidateChart(*chart);
  }
  if (tables == 0) {
    throw XlsxError("В документе «" + doc.title + "» нет таблиц: файл «" + path.string() +
                    "» не создан");
  }
}

fs::path Directory(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

bool NeedsLists(const Document& doc) {
  for (const Block& block : doc.blocks) {
    const auto* table = std::get_if<Table>(&block);
    if (!table) continue;
    for (const TableColumn& column : table->columns) {
      if (!column.choices.empty()) return true;
    }
  }
  return false;
}

// A plan's section heading among its items: a form to fill (a column of choices) whose row has
// its number and text and nothing else («1.», «Мониторинговые и оценочные мероприятия»).
bool IsSectionRow(const Table& table, std::size_t i) {
  if (table.columns.size() < 3) return false;
  const bool form = std::any_of(table.columns.begin(), table.columns.end(),
                                [](const TableColumn& c) { return !c.choices.empty(); });
  const auto& row = table.rows[i];
  if (!form || row[0].empty() || row[1].empty()) return false;
  return std::all_of(row.begin() + 2, row.end(), [](const std::string& c) { return c.empty(); });
}

// --- Formats.

enum class Style { Title, Header, Text, Date, ChartLabel, ChartValue, Stamp, Section };

uint8_t Alignment(Align align) {
  switch (align) {
    case Align::Justify:
      return LXW_ALIGN_JUSTIFY;
    case Align::Center:
      return LXW_ALIGN_CENTER;
    case Align::Right:
      return LXW_ALIGN_RIGHT;
    case Align::Left:
      break;
  }
  return LXW_ALIGN_LEFT;
}

// Every cell names its font: the workbook default is Calibri 11.
class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {}

  lxw_format* Get(Style style, Align align = Align::Left) {
    lxw_format*& format = cache_[{style, align}];
    if (!format) format = Make(style, align);
    return format;
  }

  lxw_format* Overdue() {
    if (!overdue_) {
      overdue_ = workbook_add_format(book_);
      format_set_bg_color(overdue_, kOverdueFill);
    }
    return overdue_;
  }

 private:
  lxw_format* Make(Style style, Align align) {
    lxw_format* format = workbook_add_format(book_);
    format_set_font_name(format, kFont);
    format_set_font_size(format, style == Style::Title ? kTitleFontSize : kFontSize);
    if (style == Style::Title || style == Style::Header) {
      format_set_bold(format);
      format_set_align(format, LXW_ALIGN_CENTER);
      format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
      format_set_text_wrap(format);
    }
    if (style == Style::Title) return format;
    if (style == Style::Stamp) {  // a stamp's line: plain text, no grid
      format_set_align(format, LXW_ALIGN_LEFT);
      format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
      format_set_text_wrap(format);
      return format;
    }
    format_set_border(format, LXW_BORDER_THIN);
    if (style == Style::Section) format_set_bold(format);
    if (style == Style::Header) {
      format_set_bg_color(format, kHeaderFill);
      return format;
    }
    format_set_align(format, Alignment(align));
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    if (style == Style::Text || style == Style::Section) format_set_text_wrap(format);
    if (style == Style::Date) format_set_num_format(format, "dd.mm.yyyy");
    return format;
  }

  lxw_workbook* book_;
  std::map<std::pair<Style, Align>, lxw_format*> cache_;
  lxw_format* overdue_ = nullptr;
};

// The values of every drop-down, one column each of the hidden «Списки» sheet: an inline list
// over 255 bytes crashes libxlsxwriter 1.1.4, a range reference has no such limit.
class Lists {
 public:
  std::string Formula(const std::vector<std::string>& values) {
    auto [it, added] = index_.try_emplace(values, static_cast<lxw_col_t>(columns_.size()));
    if (added) columns_.push_back(&it->first);
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(range, 0, it->second, static_cast<lxw_row_t>(values.size() - 1),
                            it->second);
    return std::string("='") + kListsSheet + "'!" + range;
  }
  const std::vector<const std::vector<std::string>*>& columns() const { return columns_; }

 private:
  std::map<std::vector<std::string>, lxw_col_t> index_;
  std::vector<const std::vector<std::string>*> columns_;
};

lxw_chart_font ChartFont(double size, bool bold) {
  lxw_chart_font font = {};
  font.name = const_cast<char*>(kFont);
  font.size = size;
  font.bold = bold ? LXW_TRUE : LXW_FALSE;
  return font;
}

void StyleChart(lxw_chart* chart, const std::string& caption) {
  if (caption.empty()) {
    chart_title_off(chart);
  } else {
    lxw_chart_font title = ChartFont(kTitleFontSize, true);
    chart_title_set_name(chart, caption.c_str());
    chart_title_set_name_font(chart, &title);
  }
  lxw_chart_font axis = ChartFont(kFontSize, false);
  chart_axis_set_num_font(chart->x_axis, &axis);
  chart_axis_set_num_font(chart->y_axis, &axis);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);  // one series explains itself
}

// A sheet being filled: its table and how far down its charts reach.
struct Sheet {
  const Table* table = nullptr;
  std::string name;
  lxw_worksheet* worksheet = nullptr;
  Rows rows{};
  lxw_row_t last_row = 0;
  lxw_col_t charts = 0;
  std::vector<double> heights{};  // of the data rows, in points, as set
  double stamps_height = 0;       // the stamps above the caption, with the empty row after them
  double title_height = 0;
  double header_height = 0;
  lxw_row_t last_data_row() const { return LastDataRow(*table, rows); }
};

// What stands above a table: lines at the left (СОГЛАСОВАНО) and at the right (УТВЕРЖДАЮ, the
// addressee), an empty line between two blocks on one side.
struct SheetHead {
  std::vector<std::string> left;
  std::vector<std::string> right;
  void Add(const std::vector<std::string>& at_left, const std::vector<std::string>& at_right) {
    Append(left, at_left);
    Append(right, at_right);
  }
  bool empty() const { return left.empty() && right.empty(); }

 private:
  static void Append(std::vector<std::string>& side, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    if (!side.empty()) side.emplace_back();
    side.insert(side.end(), lines.begin(), lines.end());
  }
};

// Where a chart's categories and values are: the table's own cells when the chart shows two of
// its columns (editing the table moves the bars), else a copy two columns right of the table.
struct ChartSource {
  lxw_col_t labels = 0;
  lxw_col_t values = 0;
};

class Workbook {
 public:
  Workbook(const fs::path& path, const IsoDate& today)
      : path_(path), tmpdir_(Directory(path).string()), today_(today) {
    lxw_workbook_options options = {};
    // libxlsxwriter's temporary files go next to the output, not to a possibly small /tmp.
    options.tmpdir = tmpdir_.data();
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) Fail("не удалось создать книгу");
    formats_ = std::make_unique<Formats>(book_);
  }
  ~Workbook() {
    if (book_) lxw_workbook_free(book_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  void Render(const Document& doc);
  void Close();

 private:
  [[noreturn]] void Fail(const std::string& reason) const {
    throw XlsxError("Не удалось записать XLSX-файл «" + path_.string() + "»: " + reason);
  }
  void Check(lxw_error error, const std::string& where) const;
  void SetProperties(const Document& doc);
  Sheet AddTable(const Table& table, std::size_t number, const SheetHead& head);
  lxw_row_t WriteStamps(const Sheet& sheet, const SheetHead& head);
  void AddFoot(Sheet& sheet, const std::vector<std::string>& left,
               const std::vector<std::string>& right);
  lxw_row_t WriteStampLines(const Sheet& sheet, const std::vector<std::string>& lines,
                            lxw_col_t first, lxw_col_t last, lxw_row_t top);
  double WriteSectionRow(const Sheet& sheet, lxw_row_t row, const std::vector<std::string>& cells);
  void SetPageBreaks(const Sheet& sheet);
  void SetColumns(const Sheet& sheet);
  void WriteTitle(Sheet& sheet);
  void WriteHeader(Sheet& sheet);
  void WriteRows(Sheet& sheet);
  std::size_t WriteCell(const Sheet& sheet, lxw_row_t row, lxw_col_t col, const std::string& value);
  void AddDropDowns(const Sheet& sheet);
  void AddOverdueRule(const Sheet& sheet);
  std::string WriteReportDay(const Sheet& sheet);
  void AddChart(Sheet& sheet, const BarChart& chart);
  ChartSource SourceOf(Sheet& sheet, const BarChart& chart);
  void WriteChartData(const Sheet& sheet, const BarChart& chart, lxw_col_t col);
  void SetPrinting(const Sheet& sheet);
  void AddListsSheet();

  fs::path path_;
  std::string tmpdir_;
  IsoDate today_;
  lxw_workbook* book_ = nullptr;
  std::unique_ptr<Formats> formats_;
  SheetNames names_;
  Lists lists_;
  std::vector<Sheet> sheets_;
  std::map<std::pair<lxw_worksheet*, lxw_row_t>, double> stamp_heights_;
};

void Workbook::Check(lxw_error error, const std::string& where) const {
  if (error == LXW_NO_ERROR) return;
  if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) Fail(where + ": текст длиннее 32 767 знаков");
  Fail(where + ": ошибка libxlsxwriter: " + lxw_strerror(error));
}

void Workbook::Render(const Document& doc) {
  SetProperties(doc);
  if (NeedsLists(doc)) names_.Reserve(kListsSheet);
  std::size_t number = 0;
  SheetHead head;  // drawn above the next table
  for (const Block& block : doc.blocks) {
    if (const auto* stamp = std::get_if<ApprovalStamp>(&block)) {
      head.Add(stamp->agreed, stamp->lines);
    } else if (const auto* addressee = std::get_if<Addressee>(&block)) {
      head.Add({}, addressee->lines);
    } else if (const auto* table = std::get_if<Table>(&block)) {
      sheets_.push_back(AddTable(*table, ++number, std::exchange(head, {})));
    } else if (const auto* signature = std::get_if<Signature>(&block);
               signature && !sheets_.empty()) {
      AddFoot(sheets_.back(), {signature->position}, {signature->name});
    } else if (const auto* executor = std::get_if<ExecutorMark>(&block);
               executor && !sheets_.empty()) {
      AddFoot(sheets_.back(), executor->lines, {});
    } else if (const auto* chart = std::get_if<BarChart>(&block); chart && !sheets_.empty()) {
      AddChart(sheets_.back(), *chart);
    }
  }
  // Print areas are set last: they reach down to the charts.
  for (const Sheet& sheet : sheets_) SetPrinting(sheet);
  if (!lists_.columns().empty()) AddListsSheet();
}

void Workbook::Close() {
  const lxw_error error = workbook_close(std::exchange(book_, nullptr));
  if (error == LXW_NO_ERROR) return;
  if (error == LXW_ERROR_CREATING_XLSX_FILE) {
    Fail("не удалось создать файл (нет прав на запись, или это каталог)");
  }
  if (error == LXW_ERROR_CREATING_TMPFILE) {
    Fail("не удалось создать временный файл в каталоге «" + tmpdir_ + "»");
  }
  Fail(std::string("ошибка libxlsxwriter: ") + lxw_strerror(error));
}

// The creation time is the document's own date, so the same data gives the same bytes.
void Workbook::SetProperties(const Document& doc) {
  auto text = [](const std::string& value) {
    return value.empty() ? nullptr : const_cast<char*>(value.c_str());
  };
  lxw_doc_properties properties = {};
  properties.title = text(doc.title);
  properties.author = text(doc.author);
  properties.subject = text(doc.subject);
  // The organisation that issues the document, not the library's default.
  properties.company = text(doc.author);
  properties.manager = text(doc.author);
  properties.created = MidnightUtc(ParseIsoDate(doc.date).value_or(today_));
  Check(workbook_set_properties(book_, &properties), "свойства документа");
}

Sheet Workbook::AddTable(const Table& table, std::size_t number, const SheetHead& head) {
  Sheet sheet{&table, names_.Take(table.sheet.empty() ? table.caption : table.sheet, number)};
  sheet.worksheet = workbook_add_worksheet(book_, sheet.name.c_str());
  if (!sheet.worksheet) Fail("не удалось добавить лист «" + sheet.name + "»");
  SetColumns(sheet);
  sheet.rows.title = WriteStamps(sheet, head);
  for (lxw_row_t row = 0; row < sheet.rows.title; ++row) {
    auto height = stamp_heights_.find({sheet.worksheet, row});
    sheet.stamps_height += height == stamp_heights_.end() ? kLineHeight : height->second;
  }
  sheet.last_row = sheet.last_data_row();
  WriteTitle(sheet);
  WriteHeader(sheet);
  WriteRows(sheet);
  AddDropDowns(sheet);
  AddOverdueRule(sheet);
  SetPageBreaks(sheet);
  worksheet_freeze_panes(sheet.worksheet, sheet.rows.first_data(), 0);
  Check(worksheet_autofilter(sheet.worksheet, sheet.rows.header(), 0, sheet.last_data_row(),
                             LastColumn(table)),
        "лист «" + sheet.name + "», автофильтр");
  return sheet;
}

void Workbook::SetColumns(const Sheet& sheet) {
  for (lxw_col_t col = 0; col < sheet.table->columns.size(); ++col) {
    Check(worksheet_set_column(sheet.worksheet, col, col, ExcelWidth(sheet.table->columns[col]),
                               nullptr),
          "лист «" + sheet.name + "», ширина столбцов");
  }
}

// The first column of a table's right half: a stamp at the right takes the columns from there.
lxw_col_t RightHalf(const Table& table) {
  const double half = TotalWidth(table) / 2;
  double sum = 0;
  for (lxw_col_t col = 0; col < table.columns.size(); ++col) {
    sum += ExcelWidth(table.columns[col]);
    if (sum >= half) return std::min<lxw_col_t>(col + 1, LastColumn(table));
  }
  return LastColumn(table);
}

double WidthOf(const Table& table, lxw_col_t first, lxw_col_t last) {
  double sum = 0;
  for (lxw_col_t col = first; col <= last; ++col) sum += ExcelWidth(table.columns[col]);
  return sum;
}

// ГОСТ Р 7.0.97: «УТВЕРЖДАЮ …» and the addressee at the top right, «СОГЛАСОВАНО …» at the top
// left, a line to a row, then an empty row before the caption. Returns the caption's row.
lxw_row_t Workbook::WriteStamps(const Sheet& sheet, const SheetHead& head) {
  if (head.empty() || sheet.table->columns.size() < 2) return 0;
  const lxw_col_t right = RightHalf(*sheet.table);
  const lxw_row_t rows =
      std::max(WriteStampLines(sheet, head.left, 0, right - 1, 0),
               WriteStampLines(sheet, head.right, right, LastColumn(*sheet.table), 0));
  return rows == 0 ? 0 : rows + 1;
}

// After the table (and its charts), an empty row, then the signature (position left, name
// right) or the executor's mark (left).
void Workbook::AddFoot(Sheet& sheet, const std::vector<std::string>& left,
                       const std::vector<std::string>& right) {
  if (sheet.table->columns.size() < 2) return;
  const lxw_row_t from = sheet.last_row + 2;
  const lxw_col_t split = RightHalf(*sheet.table);
  const lxw_row_t rows =
      std::max(WriteStampLines(sheet, left, 0, split - 1, from),
               WriteStampLines(sheet, right, split, LastColumn(*sheet.table), from));
  if (rows > 0) sheet.last_row = from + rows - 1;
}

// One line a row over the columns first..last; returns the rows written. Rows already holding
// the other stamp's lines keep the taller height.
lxw_row_t Workbook::WriteStampLines(const Sheet& sheet, const std::vector<std::string>& lines,
                                    lxw_col_t first, lxw_col_t last, lxw_row_t top) {
  const std::string where = "лист «" + sheet.name + "», гриф";
  const double chars = WidthOf(*sheet.table, first, last) * kCharsPerUnit;
  for (lxw_row_t i = 0; i < lines.size(); ++i) {
    const lxw_row_t row = top + i;
    const std::string kept = KeepTogether(lines[i]);
    const char* text = kept.c_str();
    lxw_format* format = formats_->Get(Style::Stamp);
    Check(first == last
              ? worksheet_write_string(sheet.worksheet, row, first, text, format)
              : worksheet_merge_range(sheet.worksheet, row, first, row, last, text, format),
          where);
    const double height = RowHeight(WrappedLines(kept, chars), kLineHeight);
    double& tallest = stamp_heights_[{sheet.worksheet, row}];
    tallest = std::max(tallest, height);
    Check(worksheet_set_row(sheet.worksheet, row, tallest, nullptr), where);
  }
  return static_cast<lxw_row_t>(lines.size());
}

void Workbook::WriteTitle(Sheet& sheet) {
  const Table& table = *sheet.table;
  lxw_format* format = formats_->Get(Style::Title);
  const std::string kept = KeepTogether(table.caption);
  const char* caption = kept.c_str();
  const lxw_error error =
      table.columns.size() == 1
          ? worksheet_write_string(sheet.worksheet, sheet.rows.title, 0, caption, format)
          : worksheet_merge_range(sheet.worksheet, sheet.rows.title, 0, sheet.rows.title,
                                  LastColumn(table), caption, format);
  Check(error, "лист «" + sheet.name + "», заголовок");
  const double chars = TotalWidth(table) * kBoldCharsPerUnit * kFontSize / kTitleFontSize;
  const std::size_t lines = WrappedLines(table.caption, chars);
  sheet.title_height = RowHeight(lines, kTitleLineHeight);
  Check(worksheet_set_row(sheet.worksheet, sheet.rows.title, sheet.title_height, nullptr),
        "лист «" + sheet.name + "», заголовок");
}

void Workbook::WriteHeader(Sheet& sheet) {
  std::size_t lines = 1;
  for (lxw_col_t col = 0; col < sheet.table->columns.size(); ++col) {
    const TableColumn& column = sheet.table->columns[col];
    Check(worksheet_write_string(sheet.worksheet, sheet.rows.header(), col, column.header.c_str(),
                                 formats_->Get(Style::Header)),
          "лист «" + sheet.name + "», ячейка " + CellName(sheet.rows.header(), col));
    lines = std::max(lines, WrappedLines(column.header, ExcelWidth(column) * kBoldCharsPerUnit));
  }
  sheet.header_height = RowHeight(lines, kLineHeight);
  Check(worksheet_set_row(sheet.worksheet, sheet.rows.header(), sheet.header_height, nullptr),
        "лист «" + sheet.name + "», шапка");
}

// A whole number as people write it: "0", "42", "-7"; not "007" (a code), "1.1" (a list).
bool IsCount(const std::string& text) {
  std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (start == text.size() || text.size() - start > 15) return false;
  if (text[start] == '0' && text.size() - start > 1) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// A column whose every filled cell is a count is written as numbers, so Excel can sum and
// chart it instead of flagging "number stored as text".
std::vector<bool> CountColumns(const Table& table) {
  std::vector<bool> counts(table.columns.size(), !table.rows.empty());
  for (std::size_t col = 0; col < table.columns.size(); ++col) {
    const TableColumn& column = table.columns[col];
    if (column.date || !column.choices.empty()) counts[col] = false;
    for (const auto& row : table.rows) {
      if (col < row.size() && !row[col].empty() && !IsCount(row[col])) counts[col] = false;
    }
  }
  return counts;
}

void Workbook::WriteRows(Sheet& sheet) {
  const auto& rows = sheet.table->rows;
  const std::vector<bool> counts = CountColumns(*sheet.table);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto row = sheet.rows.first_data() + static_cast<lxw_row_t>(i);
    if (IsSectionRow(*sheet.table, i)) {
      sheet.heights.push_back(WriteSectionRow(sheet, row, rows[i]));
      continue;
    }
    std::size_t lines = 1;
    for (lxw_col_t col = 0; col < rows[i].size(); ++col) {
      if (counts[col] && !rows[i][col].empty()) {
        Check(worksheet_write_number(sheet.worksheet, row, col, std::stod(rows[i][col]),
                                     formats_->Get(Style::Text, sheet.table->columns[col].align)),
              "лист «" + sheet.name + "», ячейка " + CellName(row, col));
        continue;
      }
      lines = std::max(lines, WriteCell(sheet, row, col, rows[i][col]));
    }
    sheet.heights.push_back(RowHeight(lines, kLineHeight));
    Check(worksheet_set_row(sheet.worksheet, row, sheet.heights.back(), nullptr),
          "лист «" + sheet.name + "», строка " + std::to_string(row + 1));
  }
}

// A section heading of a plan («3. Функционирование методических объединений …»): bold, its
// text across the columns right of the number, no drop-down. Returns the row's height.
double Workbook::WriteSectionRow(const Sheet& sheet, lxw_row_t row,
                                 const std::vector<std::string>& cells) {
  const std::string where = "лист «" + sheet.name + "», раздел в строке " + std::to_string(row + 1);
  const Table& table = *sheet.table;
  Check(worksheet_write_string(sheet.worksheet, row, 0, cells[0].c_str(),
                               formats_->Get(Style::Section, table.columns[0].align)),
        where);
  const std::string text = KeepTogether(cells[1]);
  Check(worksheet_merge_range(sheet.worksheet, row, 1, row, LastColumn(table), text.c_str(),
                              formats_->Get(Style::Section, Align::Left)),
        where);
  const double chars = WidthOf(table, 1, LastColumn(table)) * kBoldCharsPerUnit;
  const double height = RowHeight(WrappedLines(cells[1], chars), kLineHeight);
  Check(worksheet_set_row(sheet.worksheet, row, height, nullptr), where);
  return height;
}

// Writes one data cell and returns the lines it needs.
std::size_t Workbook::WriteCell(const Sheet& sheet, lxw_row_t row, lxw_col_t col,
                                const std::string& value) {
  const TableColumn& column = sheet.table->columns[col];
  const std::string where = "лист «" + sheet.name + "», ячейка " + CellName(row, col);
  if (const auto date = column.date ? ParseIsoDate(value) : std::nullopt) {
    lxw_datetime datetime = {date->year, date->month, date->day, 0, 0, 0};
    Check(worksheet_write_datetime(sheet.worksheet, row, col, &datetime,
                                   formats_->Get(Style::Date, column.align)),
          where);
    return 1;
  }
  const std::string text = KeepTogether(value);
  Check(worksheet_write_string(sheet.worksheet, row, col, text.c_str(),
                               formats_->Get(Style::Text, column.align)),
        where);
  return WrappedLines(text, ExcelWidth(column) * kCharsPerUnit);
}

void Workbook::AddDropDowns(const Sheet& sheet) {
  static char error_title[] = "Недопустимое значение";
  static char error_message[] = "Выберите значение из списка.";
  for (lxw_col_t col = 0; col < sheet.table->columns.size(); ++col) {
    const auto& choices = sheet.table->columns[col].choices;
    if (choices.empty()) continue;
    std::string formula = lists_.Formula(choices);
    lxw_data_validation validation = {};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    validation.error_title = error_title;
    validation.error_message = error_message;
    // One range per run of items: a section heading has nothing to mark.
    const std::size_t count = std::max<std::size_t>(sheet.table->rows.size(), 1);
    for (std::size_t from = 0; from < count;) {
      while (from < sheet.table->rows.size() && IsSectionRow(*sheet.table, from)) ++from;
      if (from >= count) break;
      std::size_t to = from;
      while (to + 1 < sheet.table->rows.size() && !IsSectionRow(*sheet.table, to + 1)) ++to;
      const lxw_row_t first = sheet.rows.first_data();
      Check(worksheet_data_validation_range(sheet.worksheet, first + static_cast<lxw_row_t>(from),
                                            col, first + static_cast<lxw_row_t>(to), col,
                                            &validation),
            "лист «" + sheet.name + "», список значений");
      from = to + 1;
    }
  }
}

void Workbook::AddOverdueRule(const Sheet& sheet) {
  const Table& table = *sheet.table;
  if (table.overdue_date_column < 0 || table.status_column < 0) return;
  std::string formula = OverdueFormula(table, sheet.rows.first_data(), WriteReportDay(sheet));
  lxw_conditional_format rule = {};
  rule.type = LXW_CONDITIONAL_TYPE_FORMULA;
  rule.value_string = formula.data();
  rule.format = formats_->Overdue();
  Check(worksheet_conditional_format_range(sheet.worksheet, sheet.rows.first_data(), 0,
                                           sheet.last_data_row(), LastColumn(table), &rule),
        "лист «" + sheet.name + "», выделение просроченных");
}

// The report's date beside the caption, right of the printed table: the overdue rule reads it.
// Returns its absolute reference, "$I$1".
std::string Workbook::WriteReportDay(const Sheet& sheet) {
  const std::string where = "лист «" + sheet.name + "», дата отчёта";
  const lxw_col_t col = LastColumn(*sheet.table) + 2;
  const lxw_row_t row = sheet.rows.title;
  Check(worksheet_write_string(sheet.worksheet, row, col, "Дата отчёта",
                               formats_->Get(Style::Header)),
        where);
  lxw_datetime day = {today_.year, today_.month, today_.day, 0, 0, 0};
  Check(worksheet_write_datetime(sheet.worksheet, row, col + 1, &day,
                                 formats_->Get(Style::Date, Align::Center)),
        where);
  char cell[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell_abs(cell, row, col + 1, 1, 1);
  return cell;
}

// The table's column holding exactly `labels` (as text) or `values` (as numbers), row by row;
// nullopt when none does.
std::optional<lxw_col_t> ColumnOf(const Table& table, const BarChart& chart, bool values) {
  if (table.rows.size() != chart.labels.size()) return std::nullopt;
  for (lxw_col_t col = 0; col < table.columns.size(); ++col) {
    bool all = true;
    for (std::size_t i = 0; all && i < table.rows.size(); ++i) {
      const std::string& cell = table.rows[i][col];
      all = values ? IsCount(cell) && std::stod(cell) == chart.values[i] : cell == chart.labels[i];
    }
    if (all) return col;
  }
  return std::nullopt;
}

ChartSource Workbook::SourceOf(Sheet& sheet, const BarChart& chart) {
  const auto labels = ColumnOf(*sheet.table, chart, false);
  const auto values = ColumnOf(*sheet.table, chart, true);
  if (labels && values) return {*labels, *values};
  const lxw_col_t col = LastColumn(*sheet.table) + 2 + 3 * sheet.charts;
  WriteChartData(sheet, chart, col);
  return {col, static_cast<lxw_col_t>(col + 1)};
}

// Horizontal bars: the categories (municipalities) read level at the left, never rotated over
// the plot; the value axis starts at 0 so the bars compare truly. The chart goes under the
// table, as wide as the table, as tall as its bars need.
void Workbook::AddChart(Sheet& sheet, const BarChart& chart) {
  if (chart.labels.empty()) return;  // nothing to draw
  const ChartSource source = SourceOf(sheet, chart);
  lxw_chart* native = workbook_add_chart(book_, LXW_CHART_BAR);
  if (!native) Fail("не удалось создать диаграмму «" + chart.caption + "»");
  lxw_chart_series* series = chart_add_series(native, nullptr, nullptr);
  const lxw_row_t first = sheet.rows.first_data();
  const lxw_row_t last = first + static_cast<lxw_row_t>(chart.labels.size()) - 1;
  chart_series_set_categories(series, sheet.name.c_str(), first, source.labels, last,
                              source.labels);
  chart_series_set_values(series, sheet.name.c_str(), first, source.values, last, source.values);
  StyleChart(native, chart.caption);
  // In libxlsxwriter's bar chart the x axis is the (horizontal) value axis.
  chart_axis_set_min(native->x_axis, 0);
  chart_axis_set_reverse(native->y_axis);  // the first category on top, as in the table
  double width_px = 0;
  for (const TableColumn& column : sheet.table->columns) width_px += WidthPx(ExcelWidth(column));
  const double height_px = kChartPaddingPx + kBarPx * static_cast<double>(chart.labels.size());
  lxw_chart_options options = {};
  options.x_scale = std::clamp(width_px / kChartWidthPx, 0.5, 4.0);
  options.y_scale = std::max(1.0, height_px / kChartHeightPx);
  const lxw_row_t row = sheet.last_row + 2;
  Check(worksheet_insert_chart_opt(sheet.worksheet, row, 0, native, &options),
        "лист «" + sheet.name + "», диаграмма «" + chart.caption + "»");
  const auto rows =
      static_cast<lxw_row_t>(std::ceil(kChartHeightPx * options.y_scale / kDefaultRowPx));
  sheet.last_row = row + rows - 1;
  ++sheet.charts;
}

void Workbook::WriteChartData(const Sheet& sheet, const BarChart& chart, lxw_col_t col) {
  const std::string where = "лист «" + sheet.name + "», данные диаграммы";
  lxw_worksheet* ws = sheet.worksheet;
  Check(worksheet_set_column(ws, col, col, 30, nullptr), where);
  Check(worksheet_set_column(ws, col + 1, col + 1, 12, nullptr), where);
  Check(worksheet_write_string(ws, sheet.rows.header(), col, "Категория",
                               formats_->Get(Style::Header)),
        where);
  Check(worksheet_write_string(ws, sheet.rows.header(), col + 1, "Значение",
                               formats_->Get(Style::Header)),
        where);
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const auto row = sheet.rows.first_data() + static_cast<lxw_row_t>(i);
    Check(worksheet_write_string(ws, row, col, chart.labels[i].c_str(),
                                 formats_->Get(Style::ChartLabel)),
          where);
    lxw_format* number = formats_->Get(Style::ChartValue, Align::Right);
    // NaN or infinity would make the sheet XML unreadable: such a bar is left empty.
    Check(std::isfinite(chart.values[i])
              ? worksheet_write_number(ws, row, col + 1, chart.values[i], number)
              : worksheet_write_blank(ws, row, col + 1, number),
          where);
  }
}

// The page's printable height and width in points, and the scale that fits the table's width.
struct Paper {
  double height = 0;
  double scale = 1;
};

Paper PaperFor(const Table& table) {
  const bool landscape = TotalMm(table) > kLandscapeFromMm;
  const double long_mm = 297, short_mm = 210;
  const double width_mm =
      (landscape ? long_mm : short_mm) - (kLeftMarginIn + kRightMarginIn) * kMmPerInch;
  const double height_mm =
      (landscape ? short_mm : long_mm) - (kTopMarginIn + kBottomMarginIn) * kMmPerInch;
  double table_pt = 0;
  for (const TableColumn& column : table.columns)
    table_pt += WidthPx(ExcelWidth(column)) * kPtPerPx;
  const double width_pt = width_mm * kPtPerMm;
  // fitToWidth scales by whole percents, down only.
  const double scale = table_pt > width_pt ? std::floor(100 * width_pt / table_pt) / 100 : 1.0;
  return {height_mm * kPtPerMm * kPageFill, scale};
}

// Manual page breaks where the rows fill a page (the heights are ours, so the pages are known),
// and a section heading never last on its page: it goes over with its first item. The caption
// and the header repeat on every page; page 1 also holds the stamps.
void Workbook::SetPageBreaks(const Sheet& sheet) {
  const Paper paper = PaperFor(*sheet.table);
  const double repeated = (sheet.title_height + sheet.header_height) * paper.scale;
  double used = sheet.stamps_height * paper.scale + repeated;
  std::vector<lxw_row_t> breaks;
  const auto& heights = sheet.heights;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    double needed = heights[i] * paper.scale;
    const bool section = IsSectionRow(*sheet.table, i);
    if (section && i + 1 < heights.size()) needed += heights[i + 1] * paper.scale;
    if (used + needed > paper.height && used > repeated) {
      breaks.push_back(sheet.rows.first_data() + static_cast<lxw_row_t>(i));
      used = repeated;
    }
    used += heights[i] * paper.scale;
  }
  if (breaks.empty()) return;
  if (breaks.size() > kMaxPageBreaks) breaks.resize(kMaxPageBreaks);
  breaks.push_back(0);  // the list's end
  Check(worksheet_set_h_pagebreaks(sheet.worksheet, breaks.data()),
        "лист «" + sheet.name + "», разрывы страниц");
}

void Workbook::SetPrinting(const Sheet& sheet) {
  const Table& table = *sheet.table;
  const std::string where = "лист «" + sheet.name + "», параметры печати";
  worksheet_set_paper(sheet.worksheet, kPaperA4);
  if (TotalMm(table) > kLandscapeFromMm) worksheet_set_landscape(sheet.worksheet);
  worksheet_fit_to_pages(sheet.worksheet, 1, 0);
  // ГОСТ Р 7.0.97 margins (30/15/20/20 mm, the PDFs' own); the page number centred at the top.
  worksheet_set_margins(sheet.worksheet, kLeftMarginIn, kRightMarginIn, kTopMarginIn,
                        kBottomMarginIn);
  lxw_header_footer_options header = {};
  header.margin = kHeaderMarginIn;
  Check(worksheet_set_header_opt(sheet.worksheet, "&C&\"Times New Roman,Regular\"&12&P", &header),
        where);
  Check(worksheet_repeat_rows(sheet.worksheet, sheet.rows.title, sheet.rows.header()), where);
  // The chart data right of the table stays off paper; the charts under it do not.
  Check(worksheet_print_area(sheet.worksheet, 0, 0, sheet.last_row, LastColumn(table)), where);
}

void Workbook::AddListsSheet() {
  lxw_worksheet* ws = workbook_add_worksheet(book_, kListsSheet);
  if (!ws) Fail(std::string("не удалось добавить лист «") + kListsSheet + "»");
  const auto& columns = lists_.columns();
  for (lxw_col_t col = 0; col < columns.size(); ++col) {
    for (std::size_t i = 0; i < columns[col]->size(); ++i) {
      Check(worksheet_write_string(ws, static_cast<lxw_row_t>(i), col, (*columns[col])[i].c_str(),
                                   nullptr),
            std::string("лист «") + kListsSheet + "»");
    }
  }
  worksheet_hide(ws);
}

}  // namespace

void WriteXlsx(const Document& doc, const std::filesystem::path& path, const std::string& today) {
  const std::optional<IsoDate> day = ParseIsoDate(today);
  if (!day) throw XlsxError("Неверная дата отчёта «" + today + "»: ожидается ГГГГ-ММ-ДД");
  Validate(doc, path);
  std::error_code error;
  const fs::path directory = Directory(path);
  if (!fs::is_directory(directory, error)) {
    throw XlsxError("Не удалось записать XLSX-файл «" + path.string() + "»: нет каталога «" +
                    directory.string() + "»");
  }
  Workbook book(path, *day);
  book.Render(doc);
  book.Close();
  SetApplicationName(path, kApplication);
}

}  // namespace shnor::output
