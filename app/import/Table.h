#pragma once
// A table read from a file regions send: the header row and the data rows with their line
// numbers in the file, every cell as trimmed UTF-8.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace shnor::import {

struct TableRow {
  int line = 0;  // 1-based: the CSV line where the record starts, or the XLSX row number
  std::vector<std::string> cells;
};

struct Table {
  std::string source;
  std::vector<std::string> header;
  int header_line = 0;
  std::vector<TableRow> rows;  // fully empty rows are skipped
};

// The file cannot be read as a table; the message, in Russian, names the file and line.
class TableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// By extension: .csv and .txt as CSV, .xlsx as an Excel workbook (its first sheet).
Table ReadTable(const std::filesystem::path& path);

// Shared by the readers: trims cells, drops empty rows, takes the first row as the header.
Table MakeTable(std::string source, std::vector<TableRow> rows);

}  // namespace shnor::import
