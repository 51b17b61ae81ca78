#include "app/import/Table.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "app/import/CsvReader.h"
#include "app/import/XlsxReader.h"
#include "engine/base/Text.h"

namespace shnor::import {
namespace {

std::string LowerExtension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool IsEmpty(const TableRow& row) {
  for (const auto& cell : row.cells) {
    if (!cell.empty()) return false;
  }
  return true;
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TableError(path.string() + ": файл не найден или не читается");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

Table MakeTable(std::string source, std::vector<TableRow> rows) {
  Table table;
  table.source = std::move(source);
  for (TableRow& row : rows) {
    for (std::string& cell : row.cells) cell = Trim(cell);  // also drops no-break spaces
    if (IsEmpty(row)) continue;
    if (table.header.empty()) {
      table.header = std::move(row.cells);
      table.header_line = row.line;
    } else {
      table.rows.push_back(std::move(row));
    }
  }
  if (table.header.empty()) throw TableError(table.source + ": файл пуст — нет строки заголовков");
  return table;
}

Table ReadTable(const std::filesystem::path& path) {
  std::string ext = LowerExtension(path);
  if (ext == ".xlsx") return ReadXlsx(path);
  if (ext == ".csv" || ext == ".txt") return ReadCsv(ReadBytes(path), path.string());
  if (ext == ".xls") {
    throw TableError(path.string() +
                     ": старый формат Excel (.xls) не читается — сохраните файл как книгу Excel "
                     "(.xlsx) или CSV");
  }
  if (ext.empty()) {
    throw TableError(path.string() + ": у файла нет расширения — нужен .csv, .txt или .xlsx");
  }
  throw TableError(path.string() + ": неизвестный формат «" + ext +
                   "» — нужен CSV (.csv, .txt) или книга Excel (.xlsx)");
}

}  // namespace shnor::import
