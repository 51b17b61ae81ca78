#pragma once
// libxlsxwriter 1.1.4 names every workbook's application «Microsoft Excel» (docProps/app.xml)
// and offers no way to change it: a document shnor made would say Excel made it. This rewrites
// that one part of a closed workbook, keeping the archive's fixed 1980 timestamps, so the same
// data still gives the same bytes.
#include <filesystem>
#include <string>

namespace shnor::output {

// Replaces the application name in `xlsx`'s docProps/app.xml. Throws XlsxError when the file
// cannot be opened or written back.
void SetApplicationName(const std::filesystem::path& xlsx, const std::string& application);

}  // namespace shnor::output
