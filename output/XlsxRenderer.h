#pragma once
// The XLSX renderer: one worksheet per Table block of a document, laid out for printing and for
// work (real dates, drop-down lists, overdue rows in red), with a native column chart for a
// BarChart block that follows a table. Other blocks belong to the PDF and are skipped.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "output/Document.h"

namespace shnor::output {

// The message is Russian and names the file or the table at fault.
struct XlsxError : std::runtime_error {
  using runtime_error::runtime_error;
};

// Writes `doc` to `path`. `today` (ISO, "2024-05-10") is the date overdue rows are judged against;
// it goes into the file as a literal so the same data gives the same bytes on any day.
// Throws XlsxError when the document has no table, a row's cell count differs from its table's
// column count, a date is malformed, or the file cannot be written.
void WriteXlsx(const Document& doc, const std::filesystem::path& path, const std::string& today);

}  // namespace shnor::output
