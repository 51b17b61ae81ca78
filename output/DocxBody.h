#pragma once
// word/document.xml: every block of the Document as Word paragraphs and tables in the styles of
// styles.xml, and the section (A4, ГОСТ margins, page-number header from page 2).
#include <string>

#include "output/Document.h"

namespace shnor::output::docx {

// Throws DocxError when a string is not UTF-8 or a table row's cell count differs from its
// columns.
std::string DocumentXml(const Document& doc);

}  // namespace shnor::output::docx
