#pragma once
// Where a word may be broken at the end of a line, after Russian rules: syllables by libhyphen
// with Debian's hyphen-ru patterns (the ones LibreOffice uses), broken with a drawn hyphen; after
// a hyphen a compound already has; and, for a token wider than a whole line (an e-mail address,
// a code, a link), after its own punctuation. Never inside an abbreviation («МАОУ»).
#include <cstddef>
#include <string_view>
#include <vector>

namespace shnor::output {

struct BreakPoint {
  std::size_t at = 0;   // byte offset into the word: the break comes before this byte
  bool hyphen = false;  // a hyphen is drawn at the end of the line
};

// Breaks inside `word` (UTF-8, no spaces) for filling a line: syllable breaks of its Cyrillic
// letter runs (at least 2 letters each side) and breaks after a '-' between letters. None in a
// word that holds a no-break space. In order.
std::vector<BreakPoint> WordBreaks(std::string_view word);

// Breaks for a token wider than a whole line: syllable breaks, and after each '.', '@', '-', '/',
// '_' and no-break space that has more of the token after it. In order.
std::vector<BreakPoint> TokenBreaks(std::string_view word);

// Whether the Russian patterns could be loaded (/usr/share/hyphen/hyph_ru_RU.dic); without them
// only the breaks after hyphens and punctuation remain.
bool RussianPatternsLoaded();

}  // namespace shnor::output
