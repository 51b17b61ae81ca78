#include "app/import/CsvReader.h"

#include <algorithm>
#include <string_view>

#include "app/import/TextEncoding.h"

namespace shnor::import {
namespace {

bool IsLineBreak(char c) {
  return c == '\n' || c == '\r';
}

// Where the records start and how they are separated.
struct Dialect {
  char separator = ';';
  std::size_t start = 0;
  int first_line = 1;
};

// Counts separators on the first line with content (the header), skipping quoted text. Ties go to
// `;`, which Russian Excel writes.
char DetectSeparator(std::string_view text) {
  int semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false, content = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (IsLineBreak(c)) {
      if (content) break;
      continue;
    }
    content = content || (c != ' ' && c != '\t');
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

// Excel writes and honours a first line `sep=;` that names the separator.
Dialect DetectDialect(std::string_view text) {
  Dialect dialect;
  bool hint = text.size() >= 5 && text.starts_with("sep=") && !IsLineBreak(text[4]) &&
              text[4] != '"' && (text.size() == 5 || IsLineBreak(text[5]));
  if (hint) {
    dialect.separator = text[4];
    dialect.start = text.substr(5, 2) == "\r\n" ? 7 : std::min<std::size_t>(text.size(), 6);
    dialect.first_line = 2;
    return dialect;
  }
  dialect.separator = DetectSeparator(text);
  return dialect;
}

class CsvParser {
 public:
  CsvParser(std::string_view text, const Dialect& dialect, const std::string& source)
      : text_(text),
        separator_(dialect.separator),
        source_(source),
        pos_(dialect.start),
        line_(dialect.first_line) {}

  std::vector<TableRow> Parse() {
    while (pos_ < text_.size()) ReadRecord();
    return std::move(rows_);
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  // Takes one CRLF, LF or lone CR, so every style counts as one line.
  void ConsumeLineBreak() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void ReadRecord() {
    TableRow row;
    row.line = line_;
    while (true) {
      row.cells.push_back(ReadField());
      if (AtEnd()) break;
      if (text_[pos_] == separator_) {
        ++pos_;
        continue;
      }
      ConsumeLineBreak();
      break;
    }
    rows_.push_back(std::move(row));
  }

  std::string ReadField() {
    // Some writers put a space after the separator and then quote the field.
    std::size_t quote = pos_;
    while (quote < text_.size() && text_[quote] == ' ') ++quote;
    if (quote < text_.size() && text_[quote] == '"') {
      pos_ = quote;
      return ReadQuoted();
    }
    return ReadUnquoted();
  }

  std::string ReadUnquoted() {
    std::size_t start = pos_;
    while (!AtEnd() && text_[pos_] != separator_ && !IsLineBreak(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string ReadQuoted() {
    int start_line = line_;
    std::string field;
    ++pos_;  // the opening quote
    while (true) {
      if (AtEnd()) {
        throw TableError(source_ + ", строка " + std::to_string(start_line) +
                         ": незакрытая кавычка — поле, начатое в этой строке, не закрыто до "
                         "конца файла");
      }
      char c = text_[pos_];
      if (IsLineBreak(c)) {
        ConsumeLineBreak();
        field += '\n';  // as Excel keeps a line break inside a cell
        continue;
      }
      ++pos_;
      if (c != '"') {
        field += c;
      } else if (!AtEnd() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
      } else {
        break;
      }
    }
    // Text after the closing quote (`"a"b`) is kept, as Excel does, rather than lost.
    return field + ReadUnquoted();
  }

  std::string_view text_;
  char separator_;
  const std::string& source_;
  std::size_t pos_;
  int line_;
  std::vector<TableRow> rows_;
};

std::size_t FilledWidth(const TableRow& row) {
  std::size_t width = row.cells.size();
  while (width > 0 && row.cells[width - 1].empty()) --width;
  return width;
}

// More filled cells than header columns almost always means an unquoted separator inside a value,
// which shifts every later column; importing such a row would put data in the wrong fields.
void CheckWidths(const Table& table) {
  for (const TableRow& row : table.rows) {
    std::size_t filled = FilledWidth(row);
    if (filled <= table.header.size()) continue;
    throw TableError(table.source + ", строка " + std::to_string(row.line) + ": полей " +
                     std::to_string(filled) + ", а в заголовке столбцов " +
                     std::to_string(table.header.size()) +
                     " — лишний разделитель или значение с разделителем не заключено в кавычки");
  }
}

}  // namespace

Table ReadCsv(const std::string& bytes, const std::string& source_name) {
  std::string text = ToUtf8(bytes);
  CsvParser parser(text, DetectDialect(text), source_name);
  Table table = MakeTable(source_name, parser.Parse());
  CheckWidths(table);
  for (TableRow& row : table.rows) row.cells.resize(table.header.size());
  return table;
}

}  // namespace shnor::import
