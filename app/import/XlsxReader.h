#pragma once
#include <filesystem>

#include "app/import/Table.h"

namespace shnor::import {

// The first sheet of an .xlsx workbook, in the order of the book's tabs, skipping hidden sheets
// (templates keep their drop-down lists there). Cells: shared and inline strings (rich text runs
// joined), formula results, booleans as ИСТИНА/ЛОЖЬ, numbers as Excel stores them with whole
// numbers printed without a fraction (5, not 5.0). Dates stay the serial numbers Excel stores
// (45292 for 2024-01-01): only the cell style makes them dates, and the import has no date
// columns. Cells skipped in a row are "", rows keep their Excel row numbers. Throws TableError
// naming the file when it is not a readable workbook.
Table ReadXlsx(const std::filesystem::path& path);

}  // namespace shnor::import
