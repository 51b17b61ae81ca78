#pragma once
// The PDF renderer: lays a Document out as an official document after ГОСТ Р 7.0.97 (A4,
// margins 30/15/20/20 mm, Liberation Serif 14 pt embedded, justified text with a 1.25 cm indent,
// page numbers from page 2, tables that repeat their header, the 2025 profile's QR code).
// The same Document always gives the same bytes: the creation date is the document's date and
// nothing random goes in.
#include <stdexcept>
#include <string>

#include "output/Document.h"

namespace shnor::output {

// The message is Russian: it names the character a font lacks, the file that cannot be written,
// or the libharu error.
struct PdfError : std::runtime_error {
  using runtime_error::runtime_error;
};

// Renders `doc` to PDF bytes in memory, so the caller decides where the file goes.
// Throws PdfError when a string is not UTF-8 or has a character Liberation Serif lacks (checked
// before anything is drawn), when a table row's cell count differs from its columns, when
// doc.date is neither empty nor an ISO date, or when profile 2025 has no qr_text.
std::string RenderPdf(const Document& doc);

// Whether the documents' fonts, regular and bold, both draw `cp`: what an imported name may hold
// so that every document can print it.
bool DocumentFontsDraw(char32_t cp);

}  // namespace shnor::output
