#pragma once
// The ZIP container of a DOCX, built in a libzip memory buffer: entries in the order given, each
// with the same MS-DOS date (the document's) and mode, so the same parts give the same bytes on
// any machine, in any time zone.
#include <string>
#include <vector>

namespace shnor::output::docx {

struct ZipPart {
  std::string name;  // "word/document.xml"
  std::string bytes;
};

// `iso_date` is "2024-01-23" or "" (then 1980-01-01, the earliest MS-DOS date).
// Throws DocxError when libzip fails or the date is malformed.
std::string Zip(const std::vector<ZipPart>& parts, const std::string& iso_date);

}  // namespace shnor::output::docx
