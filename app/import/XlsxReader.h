#pragma once
#include <filesystem>

#include "app/import/Table.h"

namespace shnor::import {

// The first sheet of an .xlsx workbook as Excel saves it (shared strings, inline strings, numbers,
// booleans, formula results). Dates stored as numbers stay numbers. Throws TableError naming the
// file when it is not a workbook.
Table ReadXlsx(const std::filesystem::path& path);

}  // namespace shnor::import
