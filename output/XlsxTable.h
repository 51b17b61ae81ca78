#pragma once
// A plain table as an XLSX file: one sheet, a bold header row that stays in view and filters,
// then the rows, written one by one in libxlsxwriter's constant-memory mode — a list of 40,000
// rows costs the memory of one row, not of the sheet. Rows must come in order, top to bottom.
#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace shnor::output {

struct XlsxColumn {
  std::string header;
  double width = 12;  // in characters
};

class XlsxTableWriter {
 public:
  using Cell = std::variant<std::string, long long>;

  // Throws XlsxError (XlsxRenderer.h) when the workbook cannot be made. Temporary files go next
  // to `path`.
  XlsxTableWriter(const std::filesystem::path& path, const std::string& sheet_name,
                  const std::vector<XlsxColumn>& columns);
  ~XlsxTableWriter();  // without Close, the file is left incomplete
  XlsxTableWriter(const XlsxTableWriter&) = delete;
  XlsxTableWriter& operator=(const XlsxTableWriter&) = delete;

  // REQUIRES: as many cells as columns. Throws XlsxError (e.g. a text over 32,767 characters).
  void AddRow(const std::vector<Cell>& cells);
  // Writes the file; throws XlsxError when it cannot.
  void Close();

 private:
  [[noreturn]] void Fail(const std::string& reason) const;
  void WriteHeader(const std::vector<XlsxColumn>& columns);

  std::filesystem::path path_;
  std::string tmpdir_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::size_t columns_ = 0;
  unsigned rows_ = 0;  // written so far, the header included
};

}  // namespace shnor::output
