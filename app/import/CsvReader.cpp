#include "app/import/CsvReader.h"

#include "app/import/TextEncoding.h"

namespace shnor::import {
namespace {

char DetectSeparator(const std::string& text) {
  int semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

class CsvParser {
 public:
  CsvParser(const std::string& text, char separator, const std::string& source)
      : text_(text), separator_(separator), source_(source) {}

  std::vector<TableRow> Parse() {
    while (pos_ < text_.size()) ReadRecord();
    return std::move(rows_);
  }

 private:
  void ReadRecord() {
    TableRow row;
    row.line = line_;
    while (true) {
      row.cells.push_back(ReadField());
      if (pos_ >= text_.size()) break;
      char c = text_[pos_++];
      if (c == separator_) continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      break;
    }
    rows_.push_back(std::move(row));
  }

  std::string ReadField() {
    if (pos_ < text_.size() && text_[pos_] == '"') return ReadQuoted();
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' &&
           text_[pos_] != '\r') {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  std::string ReadQuoted() {
    int start_line = line_;
    std::string field;
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        throw TableError(source_ + ", строка " + std::to_string(start_line) +
                         ": незакрытая кавычка в поле, начатом в этой строке");
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') continue;  // CRLF → LF
      field += c == '\r' ? '\n' : c;
    }
    // Text after a closing quote (`"a"b`) is kept rather than lost.
    return field + ReadField();
  }

  const std::string& text_;
  char separator_;
  const std::string& source_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::vector<TableRow> rows_;
};

void CheckWidths(const Table& table) {
  for (const TableRow& row : table.rows) {
    for (std::size_t i = table.header.size(); i < row.cells.size(); ++i) {
      if (!row.cells[i].empty()) {
        throw TableError(table.source + ", строка " + std::to_string(row.line) + ": заполнено " +
                         std::to_string(row.cells.size()) + " полей, а в заголовке их " +
                         std::to_string(table.header.size()) +
                         " (лишний разделитель или незаключённое в кавычки поле)");
      }
    }
  }
}

}  // namespace

Table ReadCsv(const std::string& bytes, const std::string& source_name) {
  std::string text = ToUtf8(bytes);
  CsvParser parser(text, DetectSeparator(text), source_name);
  Table table = MakeTable(source_name, parser.Parse());
  CheckWidths(table);
  for (TableRow& row : table.rows) row.cells.resize(table.header.size());
  return table;
}

}  // namespace shnor::import
