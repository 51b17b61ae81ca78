#pragma once
#include <string>

#include "app/import/Table.h"

namespace shnor::import {

// CSV as Excel and regional offices write it: UTF-8 or Windows-1251, a separator of `;`, `,` or
// tab (whichever the header line uses most), quoted fields with "" escapes, separators and line
// breaks inside quotes, CRLF or LF. Throws TableError naming the line of an unterminated quote or
// of a row with more filled cells than the header.
Table ReadCsv(const std::string& bytes, const std::string& source_name);

}  // namespace shnor::import
