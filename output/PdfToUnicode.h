#pragma once
// libharu 2.3.0 writes, where a UTF-8 font's /ToUnicode belongs, its encoding CMap
// (`begincidrange <0000> <FFFF> 0`), which poppler rejects with a warning on every PDF. Text
// still extracts only because libharu's UTF-8 encoder makes each code the character's Unicode
// value. This pass rewrites the file with qpdf, giving each font a real ToUnicode CMap of the
// codes it draws.
#include <string>
#include <vector>

namespace shnor::output {

// The codes one font of the PDF draws (Unicode values, BMP), by the font's /BaseFont without the
// slash and the subset tag («LiberationSerif» for /HPDFAA+LiberationSerif).
struct FontCodes {
  std::string base_font;
  std::vector<char32_t> codes;  // any order, repeats allowed
};

// The ToUnicode CMap mapping each of `codes` to itself: bfrange runs within a 256-code row,
// bfchar for the rest, at most 100 entries per section as the CMap format requires.
std::string IdentityToUnicodeCMap(std::vector<char32_t> codes);

// `pdf` rewritten by qpdf with a new /ToUnicode for every Type0 font named in `fonts`; other
// objects are kept. Deterministic: the same input gives the same bytes. Throws PdfError when qpdf
// cannot read or write the file.
std::string RepairToUnicode(const std::string& pdf, const std::vector<FontCodes>& fonts);

}  // namespace shnor::output
