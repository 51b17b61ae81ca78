#pragma once
// What the DOCX parts share: the page geometry in Word's units (twips, half-points), matching
// the PDF renderer's ГОСТ Р 7.0.97 layout, and pugixml documents serialised the same way every
// time (UTF-8, standalone declaration, no indentation) so the same data gives the same bytes.
#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace shnor::output::docx {

// Word namespaces.
inline constexpr const char* kMainNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Twips: 1/20 pt, 1440 an inch.
constexpr int Twips(double mm) {
  return static_cast<int>(mm * 1440.0 / 25.4 + 0.5);
}

// A4 portrait, margins 30 (left) / 15 (right) / 20 (top, bottom) mm, as the PDF.
inline constexpr int kPageWidth = 11906;
inline constexpr int kPageHeight = 16838;
inline constexpr int kMarginLeft = Twips(30);
inline constexpr int kMarginRight = Twips(15);
inline constexpr int kMarginTop = Twips(20);
inline constexpr int kMarginBottom = Twips(20);
inline constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
inline constexpr int kIndent = Twips(12.5);            // first line, of paragraphs and list items
inline constexpr int kListStep = Twips(7.5);           // each list level beyond the first
inline constexpr int kStampLeft = kTextWidth * 3 / 5;  // stamps and appendix headings
inline constexpr int kAddresseeLeft = kTextWidth / 2;

// Font sizes in half-points.
inline constexpr int kBodySize = 28;
inline constexpr int kTableSize = 24;
inline constexpr int kSmallSize = 20;
// Line spacing 1.15 in 240ths of a line, as the PDF's leading.
inline constexpr int kLineSpacing = 276;

// Appends <name w:val="value"/> to `parent` and returns it.
pugi::xml_node AddVal(pugi::xml_node parent, const char* name, const char* value);
pugi::xml_node AddVal(pugi::xml_node parent, const char* name, int value);

// Starts an empty part with the declaration Word writes.
void AddDeclaration(pugi::xml_document& part);

// The part as bytes: UTF-8, no indentation, no BOM.
std::string Serialise(const pugi::xml_document& part);

// `text` without the characters XML 1.0 cannot hold (C0 controls other than tab and LF), which
// would make Word refuse the file, and without CR (a line break is LF alone).
std::string XmlSafe(std::string_view text);
bool HasXmlForbidden(std::string_view text);

// The byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
// code points past U+10FFFF included), or npos when it is valid.
std::size_t InvalidUtf8At(std::string_view text);

}  // namespace shnor::output::docx
