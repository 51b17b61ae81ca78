#pragma once
// Line breaking for the PDF renderer, kept free of libharu so it costs no library calls: words
// are measured with the font's own widths (FontFace) and lines are filled greedily. A word that
// does not fit the rest of a line is hyphenated after Russian rules when a part of it fits
// (Hyphenator); a token wider than a whole line breaks after its own punctuation, and only a run
// of letters with no break at all is cut (with a hyphen). Every string is checked here too, so a
// character the font lacks or broken UTF-8 is refused before anything is drawn.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "output/FontCoverage.h"

namespace shnor::output {

// A word: bytes [begin, end) of the laid text, its width in points, and how many hard line
// breaks ('\n') come before it. `hyphen`: the word was broken after this part, and a hyphen is
// drawn after it (its width is in `width`).
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  double width = 0;
  int breaks_before = 0;
  bool hyphen = false;
};

// Words [first, last) of a laid text; `width` is their natural width with single spaces;
// `hard_end` when the paragraph or a '\n' ends the line (it is then not justified).
struct Line {
  std::size_t first = 0;
  std::size_t last = 0;
  double width = 0;
  bool hard_end = false;
};

struct LaidText {
  std::string_view text;  // not owned: the caller keeps the string alive
  std::vector<Word> words;
  std::vector<Line> lines;  // never empty: an empty text is one empty line
  double space = 0;         // width of a space, points
  double size = 0;          // font size, points
};

// Checks every character of `text` against `face` and breaks it into lines: the first
// `first_width` points wide, the others `width`. Spaces, tabs and '\r' separate words; '\n'
// forces a line break. Throws PdfError naming a missing character (with its U+XXXX code and the
// start of the text) or the place of invalid UTF-8.
LaidText BreakLines(std::string_view text, const FontFace& face, double size, double first_width,
                    double width);

// Throws PdfError when `text` is not valid UTF-8 (for strings that are not drawn: metadata).
void CheckUtf8(std::string_view text);

// The width of `text` in points, after the same checks.
double MeasureText(std::string_view text, const FontFace& face, double size);

// `text` cut at a character boundary and ended with «…» so that it fits `width`; `text` itself
// when it fits already.
std::string Shorten(std::string_view text, const FontFace& face, double size, double width);

// The text of `word` as drawn (with its hyphen), into `out`.
void WordText(const LaidText& laid, const Word& word, std::string& out);

// The words of `line` joined by single spaces, into `out`: how a line that is not justified is
// drawn (one string, so one libharu call).
void JoinLine(const LaidText& laid, const Line& line, std::string& out);

}  // namespace shnor::output
