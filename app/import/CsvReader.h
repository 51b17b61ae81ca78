#pragma once
#include <string>

#include "app/import/Table.h"

namespace shnor::import {

// CSV as Excel and regional offices write it: UTF-8 (BOM or not), UTF-16 with a BOM or
// Windows-1251; a separator of `;`, `,` or tab, whichever the header line uses most outside
// quotes (or the one Excel's `sep=` first line names); quoted fields with "" escapes, separators
// and line breaks inside quotes; CRLF, LF or CR. Rows shorter than the header are padded with "".
// Throws TableError naming the line where an unterminated quoted field starts, or the line of a
// row with more filled cells than the header has.
Table ReadCsv(const std::string& bytes, const std::string& source_name);

}  // namespace shnor::import
