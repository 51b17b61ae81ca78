#include "output/XlsxTable.h"

#include <xlsxwriter.h>

#include <utility>

#include "output/XlsxRenderer.h"

namespace shnor::output {

XlsxTableWriter::XlsxTableWriter(const std::filesystem::path& path, const std::string& sheet_name,
                                 const std::vector<XlsxColumn>& columns)
    : path_(path), tmpdir_(path.parent_path().empty() ? "." : path.parent_path().string()) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir_.data();
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (!book_) Fail("не удалось создать книгу");
  sheet_ = workbook_add_worksheet(book_, sheet_name.c_str());
  if (!sheet_) Fail("не удалось создать лист «" + sheet_name + "»");
  bold_ = workbook_add_format(book_);
  format_set_bold(bold_);
  WriteHeader(columns);
}

XlsxTableWriter::~XlsxTableWriter() {
  if (book_) lxw_workbook_free(book_);
}

void XlsxTableWriter::Fail(const std::string& reason) const {
  throw XlsxError("Не удалось записать XLSX-файл «" + path_.string() + "»: " + reason);
}

void XlsxTableWriter::WriteHeader(const std::vector<XlsxColumn>& columns) {
  columns_ = columns.size();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto column = static_cast<lxw_col_t>(i);
    worksheet_set_column(sheet_, column, column, columns[i].width, nullptr);
    worksheet_write_string(sheet_, 0, column, columns[i].header.c_str(), bold_);
  }
  worksheet_freeze_panes(sheet_, 1, 0);
  rows_ = 1;
}

void XlsxTableWriter::AddRow(const std::vector<Cell>& cells) {
  for (std::size_t i = 0; i < cells.size() && i < columns_; ++i) {
    auto column = static_cast<lxw_col_t>(i);
    lxw_error error = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&cells[i])) {
      error = worksheet_write_string(sheet_, rows_, column, text->c_str(), nullptr);
    } else {
      auto number = static_cast<double>(std::get<long long>(cells[i]));
      error = worksheet_write_number(sheet_, rows_, column, number, nullptr);
    }
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
      Fail("строка " + std::to_string(rows_ + 1) + ": текст длиннее 32 767 знаков");
    }
    if (error != LXW_NO_ERROR) Fail(std::string("ошибка libxlsxwriter: ") + lxw_strerror(error));
  }
  ++rows_;
}

void XlsxTableWriter::Close() {
  if (columns_ > 0) {
    worksheet_autofilter(sheet_, 0, 0, rows_ - 1, static_cast<lxw_col_t>(columns_ - 1));
  }
  lxw_error error = workbook_close(std::exchange(book_, nullptr));
  if (error == LXW_ERROR_CREATING_XLSX_FILE) Fail("не удалось создать файл");
  if (error == LXW_ERROR_CREATING_TMPFILE) {
    Fail("не удалось создать временный файл в каталоге «" + tmpdir_ + "»");
  }
  if (error != LXW_NO_ERROR) Fail(std::string("ошибка libxlsxwriter: ") + lxw_strerror(error));
}

}  // namespace shnor::output
