#include "app/import/Table.h"

#include <fstream>
#include <sstream>

#include "app/import/CsvReader.h"
#include "app/import/XlsxReader.h"
#include "engine/Text.h"

namespace shnor::import {
namespace {

std::string Extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool Empty(const TableRow& row) {
  for (const auto& cell : row.cells) {
    if (!cell.empty()) return false;
  }
  return true;
}

}  // namespace

Table MakeTable(std::string source, std::vector<TableRow> rows) {
  Table table;
  table.source = std::move(source);
  for (TableRow& row : rows) {
    for (std::string& cell : row.cells) cell = Trim(cell);
    if (Empty(row)) continue;
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
  std::string ext = Extension(path);
  if (ext == ".xlsx") return ReadXlsx(path);
  if (ext != ".csv" && ext != ".txt") {
    throw TableError(path.string() + ": неизвестный формат «" + ext +
                     "» — нужен CSV (.csv) или книга Excel (.xlsx); старый формат .xls сохраните как .xlsx");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TableError(path.string() + ": файл не найден или не читается");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return ReadCsv(bytes.str(), path.string());
}

}  // namespace shnor::import
