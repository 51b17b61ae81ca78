#pragma once
// Russian typography of drawn text, so that imported names and template strings read as a clerk
// would type them: straight quotes become «ёлочки» („лапки“ inside), and a no-break space
// (U+00A0) ties what must not part at a line end: initials and the surname, «№» and its number,
// a dash and the word before it, «г.», «ул.» and similar abbreviations and what they name, a year
// and «г.». The line breaker never breaks at U+00A0; the PDF draws it as a space.
#include <string>
#include <string_view>

#include "output/Document.h"

namespace shnor::output {

inline constexpr std::string_view kNoBreakSpace = "\u00A0";

// `text` with Russian quotes and no-break spaces. Idempotent: Typeset(Typeset(x)) == Typeset(x).
std::string Typeset(std::string_view text);

// Every string of `doc` that a renderer draws, typeset (metadata and XLSX-only fields stay).
void TypesetDocument(Document& doc);

}  // namespace shnor::output
