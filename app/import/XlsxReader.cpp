#include "app/import/XlsxReader.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <pugixml.hpp>

namespace shnor::import {
namespace {

using Archive = std::unique_ptr<zip_t, decltype(&zip_discard)>;
using ZipFile = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

// Bounds checked before a part is unpacked, so a small file that unpacks to gigabytes (a "zip
// bomb") is refused instead of taking the server's memory: the region's list of 40,000 schools is
// about 15 MB of sheet XML, and real sheets compress 5–50 times.
constexpr zip_uint64_t kMaxPartBytes = 32ull << 20;
constexpr zip_uint64_t kMaxRatio = 200;
constexpr zip_uint64_t kRatioFrom = 1ull << 20;  // small parts may be as repetitive as they like
constexpr int kMaxColumns = 16384;               // XFD, Excel's last column

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& path)
      : source_(path.string()), archive_(Open(path)) {}

  // Parses a part of the package. A missing optional part gives false; a missing required one
  // or any damage is a TableError.
  bool Load(const std::string& name, pugi::xml_document& doc, bool required) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.get(), name.c_str(), 0, &stat) != 0) {
      if (required) Fail("в книге нет части " + name + " — файл повреждён или это не книга Excel");
      return false;
    }
    CheckBounds(name, stat);
    std::string bytes = Read(name, stat.size);
    // Whitespace-only text must survive: a rich-text run may be just the space between words.
    if (!doc.load_buffer(bytes.data(), bytes.size(),
                         pugi::parse_default | pugi::parse_ws_pcdata_single)) {
      Fail("повреждена часть " + name + " (неверный XML)");
    }
    return true;
  }

  void CheckBounds(const std::string& name, const zip_stat_t& stat) const {
    if (stat.size > kMaxPartBytes) {
      Fail("часть " + name + " распаковывается в " + std::to_string(stat.size >> 20) +
           " МБ, больше допустимых " + std::to_string(kMaxPartBytes >> 20) + " МБ");
    }
    zip_uint64_t ratio = stat.size / std::max<zip_uint64_t>(stat.comp_size, 1);
    if (stat.size > kRatioFrom && ratio > kMaxRatio) {
      Fail("часть " + name + " сжата в " + std::to_string(ratio) +
           " раз — так сжимаются только подделанные файлы; сохраните книгу заново в Excel");
    }
  }

  [[noreturn]] void Fail(const std::string& reason) const {
    throw TableError(source_ + ": " + reason);
  }

  const std::string& source() const { return source_; }

 private:
  Archive Open(const std::filesystem::path& path) const {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (archive) return Archive(archive, &zip_discard);
    if (error == ZIP_ER_NOENT || error == ZIP_ER_OPEN) Fail("файл не найден или не читается");
    Fail("файл не является книгой Excel (.xlsx) или повреждён");
  }

  std::string Read(const std::string& name, zip_uint64_t size) const {
    ZipFile file(zip_fopen(archive_.get(), name.c_str(), 0), &zip_fclose);
    if (!file) Fail("не удалось распаковать часть " + name);
    std::string bytes(size, '\0');
    zip_int64_t read = zip_fread(file.get(), bytes.data(), bytes.size());
    if (read != static_cast<zip_int64_t>(bytes.size())) Fail("повреждена часть " + name);
    return bytes;
  }

  std::string source_;
  Archive archive_;
};

// The relationship id of a <sheet>, whatever prefix the writer bound to the relationships
// namespace (usually "r:id").
std::string RelationshipId(pugi::xml_node sheet) {
  for (pugi::xml_attribute attribute : sheet.attributes()) {
    std::string_view name = attribute.name();
    if (name.ends_with(":id")) return attribute.value();
  }
  return "";
}

pugi::xml_node FirstVisibleSheet(pugi::xml_node sheets) {
  for (pugi::xml_node sheet : sheets.children("sheet")) {
    std::string_view state = sheet.attribute("state").value();
    if (state != "hidden" && state != "veryHidden") return sheet;
  }
  return sheets.child("sheet");
}

// Targets are relative to xl/ unless absolute within the package.
std::string PartName(const std::string& target) {
  if (target.starts_with('/')) return target.substr(1);
  return "xl/" + target;
}

std::string FirstSheetPart(const Workbook& book) {
  pugi::xml_document workbook, rels;
  book.Load("xl/workbook.xml", workbook, true);
  book.Load("xl/_rels/workbook.xml.rels", rels, true);
  pugi::xml_node sheet = FirstVisibleSheet(workbook.child("workbook").child("sheets"));
  if (!sheet) book.Fail("в книге нет ни одного листа");
  std::string id = RelationshipId(sheet);
  for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
    if (id == rel.attribute("Id").value()) return PartName(rel.attribute("Target").value());
  }
  book.Fail("не найден лист «" + std::string(sheet.attribute("name").value()) + "»");
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// A `_xHHHH_` escape at `i` (how OOXML writes characters XML cannot hold, such as a carriage
// return), or -1.
long EscapedCodeUnit(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text.compare(i, 2, "_x") != 0 || text[i + 6] != '_') return -1;
  long value = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int digit = HexDigit(text[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

void AppendUtf8(std::string& out, long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Unescape(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    long unit = EscapedCodeUnit(text, i);
    bool plain = unit < 0 || (unit >= 0xD800 && unit <= 0xDFFF);
    if (plain) {
      out += text[i];
    } else {
      AppendUtf8(out, unit);
      i += 6;
    }
  }
  return out;
}

// <t> directly, or rich-text runs <r><t> to join; phonetic runs <rPh> are not part of the text.
std::string TextOf(pugi::xml_node node) {
  std::string text = node.child_value("t");
  for (pugi::xml_node run : node.children("r")) text += run.child_value("t");
  return Unescape(text);
}

std::vector<std::string> SharedStrings(const Workbook& book) {
  pugi::xml_document doc;
  std::vector<std::string> strings;
  if (!book.Load("xl/sharedStrings.xml", doc, false)) return strings;
  for (pugi::xml_node si : doc.child("sst").children("si")) strings.push_back(TextOf(si));
  return strings;
}

// "C7" -> 2; -1 when the reference has no column letters.
int ColumnIndex(std::string_view ref) {
  int column = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z' || column > kMaxColumns) break;
    column = column * 26 + (c - 'A' + 1);
  }
  return column - 1;
}

// Excel writes 5 as "5" but other writers give "5.0" or "5E0"; whole numbers print plainly, the
// rest as written, so no digits are invented or lost. from_chars, unlike stod, ignores the locale.
std::string Number(const std::string& value) {
  double number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  bool whole = error == std::errc() && end == value.data() + value.size() && number > -1e15 &&
               number < 1e15 && number == static_cast<double>(static_cast<std::int64_t>(number));
  return whole ? std::to_string(static_cast<std::int64_t>(number)) : value;
}

class SheetReader {
 public:
  SheetReader(const Workbook& book, const std::vector<std::string>& shared)
      : book_(book), shared_(shared) {}

  std::vector<TableRow> Rows(const pugi::xml_document& sheet) const {
    std::vector<TableRow> rows;
    int line = 0;
    for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
      line = row.attribute("r").as_int(line + 1);  // `r` may be left out: then the next row
      rows.push_back(Row(row, line));
    }
    return rows;
  }

 private:
  TableRow Row(pugi::xml_node row, int line) const {
    TableRow out;
    out.line = line;
    for (pugi::xml_node cell : row.children("c")) {
      int column = ColumnIndex(cell.attribute("r").value());
      if (column < 0) column = static_cast<int>(out.cells.size());  // no `r`: the next column
      if (column >= kMaxColumns)
        book_.Fail("повреждён лист: неверная ячейка в строке " + std::to_string(line));
      if (static_cast<int>(out.cells.size()) <= column) out.cells.resize(column + 1);
      out.cells[column] = Value(cell);
    }
    return out;
  }

  std::string Value(pugi::xml_node cell) const {
    std::string_view type = cell.attribute("t").value();
    std::string value = cell.child_value("v");
    if (type == "s") return Shared(value);
    if (type == "inlineStr") return TextOf(cell.child("is"));
    if (type == "b") return value == "1" ? "ИСТИНА" : "ЛОЖЬ";
    if (type == "str") return Unescape(value);
    if (type == "e" || type == "d") return value;  // "#N/A"; an ISO date from other writers
    return Number(value);
  }

  std::string Shared(const std::string& index_text) const {
    std::size_t index = 0;
    auto [end, error] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (error != std::errc() || index >= shared_.size()) {
      book_.Fail("повреждена книга: нет общей строки №" + index_text);
    }
    return shared_[index];
  }

  const Workbook& book_;
  const std::vector<std::string>& shared_;
};

}  // namespace

Table ReadXlsx(const std::filesystem::path& path) {
  Workbook book(path);
  std::vector<std::string> shared = SharedStrings(book);
  pugi::xml_document sheet;
  book.Load(FirstSheetPart(book), sheet, true);
  Table table = MakeTable(book.source(), SheetReader(book, shared).Rows(sheet));
  // Short rows are padded as CSV rows are; cells past the header are kept for the importer.
  for (TableRow& row : table.rows)
    row.cells.resize(std::max(row.cells.size(), table.header.size()));
  return table;
}

}  // namespace shnor::import
