#pragma once
// The DOCX renderer: the same Document the PDF renderer draws, as a Word document a clerk can
// edit and sign: the ГОСТ Р 7.0.97 layout done the Word way (reusable styles with Russian names,
// ru-RU language and automatic hyphenation, page numbers in the header from page 2, table header
// rows repeated and rows kept whole, a right tab stop for the signature line). Written with
// libzip and pugixml; the same Document always gives the same bytes (the zip entries carry the
// document's date, docProps too, entries in a fixed order).
#include <stdexcept>
#include <string>

#include "output/Document.h"

namespace shnor::output {

// The message is Russian and names what is wrong.
struct DocxError : std::runtime_error {
  using runtime_error::runtime_error;
};

// Renders `doc` to DOCX bytes in memory. Throws DocxError when a string is not UTF-8, a table
// row's cell count differs from its columns, doc.date is neither empty nor an ISO date, or
// profile 2025 has no qr_text.
std::string RenderDocx(const Document& doc);

}  // namespace shnor::output
