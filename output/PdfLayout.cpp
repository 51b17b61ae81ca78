#include "output/PdfLayout.h"

#include <cstdio>

#include "output/Hyphenator.h"
#include "output/PdfRenderer.h"

namespace shnor::output {
namespace {

constexpr std::size_t kExcerptChars = 40;
constexpr std::size_t kNoWord = std::string_view::npos;
// Widths are sums of exact multiples, but the limits come from millimetres: allow rounding.
constexpr double kSlack = 1e-6;

// The start of `text` (up to `end`) for a message: at most kExcerptChars characters.
std::string Excerpt(std::string_view text, std::size_t end) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t count = 0; pos < end; ++count) {
    if (count == kExcerptChars) return out + "…";
    const std::size_t at = pos;
    const char32_t cp = NextCodePoint(text, pos);
    if (cp == kInvalidUtf8) break;
    out.append(text.substr(at, pos - at));
  }
  return out;
}

std::string CodeName(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return std::string("(") + code + ")";
  std::string glyph;
  AppendUtf8(cp, glyph);
  return "«" + glyph + "» (" + code + ")";
}

[[noreturn]] void ThrowMissing(std::string_view text, char32_t cp, const FontFace& face) {
  throw PdfError("Символ " + CodeName(cp) + " отсутствует в шрифте " + face.family() + ": «" +
                 Excerpt(text, text.size()) + "»");
}

[[noreturn]] void ThrowInvalid(std::string_view text, std::size_t at) {
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
  throw PdfError("Текст не в кодировке UTF-8 (неверный байт " + std::string(byte) + " на позиции " +
                 std::to_string(at) + "): «" + Excerpt(text, at) + "»");
}

// The advance of the character at `pos` (moved past it), in thousandths of an em, checked.
int CheckedAdvance(std::string_view text, std::size_t& pos, const FontFace& face) {
  const std::size_t at = pos;
  const char32_t cp = NextCodePoint(text, pos);
  if (cp == kInvalidUtf8) ThrowInvalid(text, at);
  const int advance = face.Advance(cp);
  if (advance < 0) ThrowMissing(text, cp, face);
  return advance;
}

bool IsSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Splits the text into measured words; separators are ASCII, so they can be tested bytewise.
std::vector<Word> Tokenize(std::string_view text, const FontFace& face, double scale) {
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 1);
  std::size_t start = kNoWord;
  int units = 0;
  int breaks = 0;
  const auto flush = [&](std::size_t end) {
    if (start == kNoWord) return;
    words.push_back({start, end, units * scale, breaks});
    start = kNoWord, units = 0, breaks = 0;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    if (IsSeparator(text[pos])) {
      flush(pos);
      breaks += text[pos++] == '\n';
      continue;
    }
    if (start == kNoWord) start = pos;
    units += CheckedAdvance(text, pos, face);
  }
  flush(text.size());
  return words;
}

// The width of bytes [begin, end) of the text, the characters already checked.
double Measure(std::string_view text, std::size_t begin, std::size_t end, const FontFace& face,
               double scale) {
  int units = 0;
  for (std::size_t pos = begin; pos < end;) units += CheckedAdvance(text, pos, face);
  return units * scale;
}

// The last of `points` whose part of the word (with its hyphen) fits `room`; npos if none.
std::size_t LastFitting(const LaidText& laid, const FontFace& face, const Word& word,
                        const std::vector<BreakPoint>& points, double room) {
  const double scale = laid.size / 1000;
  const double hyphen = face.Advance('-') * scale;
  std::size_t best = kNoWord;
  double width = 0;
  std::size_t measured = word.begin;
  for (std::size_t p = 0; p < points.size(); ++p) {
    width += Measure(laid.text, measured, word.begin + points[p].at, face, scale);
    measured = word.begin + points[p].at;
    if (width + (points[p].hyphen ? hyphen : 0) > room + kSlack) break;
    best = p;
  }
  return best;
}

// Splits words[i] before byte `at` of the text, the first part ending the line.
void SplitAt(LaidText& laid, const FontFace& face, std::size_t i, std::size_t at, bool hyphen) {
  const Word word = laid.words[i];
  const double scale = laid.size / 1000;
  const double first = Measure(laid.text, word.begin, at, face, scale);
  laid.words[i].end = at;
  laid.words[i].width = first + (hyphen ? face.Advance('-') * scale : 0);
  laid.words[i].hyphen = hyphen;
  laid.words.insert(laid.words.begin() + i + 1,
                    Word{at, word.end, word.width - first, 0, word.hyphen});
}

// A run of letters with no break wider than a whole line (a long name in a narrow cell): cut
// after the characters that fit with a hyphen, at least one, so that it is still drawn.
void CutLetters(LaidText& laid, const FontFace& face, std::size_t i, double limit) {
  const Word& word = laid.words[i];
  const double scale = laid.size / 1000;
  const double room = limit - face.Advance('-') * scale;
  double width = 0;
  std::size_t cut = kNoWord;
  for (std::size_t pos = word.begin; pos < word.end;) {
    width += CheckedAdvance(laid.text, pos, face) * scale;
    if (pos == word.end || (width > room + kSlack && cut != kNoWord)) break;
    cut = pos;
  }
  if (cut != kNoWord && cut < word.end) SplitAt(laid, face, i, cut, true);
}

// Breaks words[i] so that its first part fits `room`: at a hyphenation point, or, for a token
// wider than the whole line (`whole_line`), after its punctuation, and only then anywhere.
// Whether it was broken.
bool BreakToFit(LaidText& laid, const FontFace& face, std::size_t i, double room, bool whole_line) {
  const Word& word = laid.words[i];
  const std::string_view text = laid.text.substr(word.begin, word.end - word.begin);
  const std::vector<BreakPoint> points = whole_line ? TokenBreaks(text) : WordBreaks(text);
  const std::size_t best = LastFitting(laid, face, word, points, room);
  if (best != kNoWord) {
    SplitAt(laid, face, i, word.begin + points[best].at, points[best].hyphen);
    return true;
  }
  if (!whole_line) return false;
  const std::size_t before = laid.words.size();
  CutLetters(laid, face, i, room);
  return laid.words.size() > before;
}

void FillLines(LaidText& laid, const FontFace& face, double first_width, double width) {
  std::vector<Word>& words = laid.words;
  std::size_t first = 0;
  double used = 0;
  double limit = first_width;
  const auto close = [&](std::size_t last, bool hard) {
    laid.lines.push_back({first, last, used, hard});
    first = last, used = 0, limit = width;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (int b = 0; b < words[i].breaks_before; ++b) close(i, true);
    if (first < i) {
      if (used + laid.space + words[i].width <= limit + kSlack) {
        used += laid.space + words[i].width;
        continue;
      }
      // Hyphenate rather than leave the line short (and its spaces stretched).
      if (BreakToFit(laid, face, i, limit - used - laid.space, false)) {
        used += laid.space + words[i].width;
        close(i + 1, false);
        continue;
      }
      close(i, false);
    }
    const bool broken = words[i].width > limit + kSlack && BreakToFit(laid, face, i, limit, true);
    used = words[i].width;
    if (broken) close(i + 1, false);
  }
  close(words.size(), true);
}

}  // namespace

LaidText BreakLines(std::string_view text, const FontFace& face, double size, double first_width,
                    double width) {
  LaidText laid;
  laid.text = text;
  laid.size = size;
  laid.space = face.Advance(' ') * size / 1000;
  laid.words = Tokenize(text, face, size / 1000);
  laid.lines.reserve(laid.words.size() / 8 + 1);
  FillLines(laid, face, first_width, width);
  return laid;
}

void CheckUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    if (NextCodePoint(text, pos) == kInvalidUtf8) ThrowInvalid(text, at);
  }
}

double MeasureText(std::string_view text, const FontFace& face, double size) {
  int units = 0;
  for (std::size_t pos = 0; pos < text.size();) units += CheckedAdvance(text, pos, face);
  return units * size / 1000;
}

std::string Shorten(std::string_view text, const FontFace& face, double size, double width) {
  if (MeasureText(text, face, size) <= width + kSlack) return std::string(text);
  const double room = width - MeasureText("…", face, size);
  double used = 0;
  std::size_t cut = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    used += CheckedAdvance(text, pos, face) * size / 1000;
    if (used > room + kSlack) break;
    cut = pos;
  }
  while (cut > 0 && IsSeparator(text[cut - 1])) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

void WordText(const LaidText& laid, const Word& word, std::string& out) {
  out.assign(laid.text.substr(word.begin, word.end - word.begin));
  if (word.hyphen) out.push_back('-');
}

void JoinLine(const LaidText& laid, const Line& line, std::string& out) {
  out.clear();
  for (std::size_t w = line.first; w < line.last; ++w) {
    const Word& word = laid.words[w];
    if (w > line.first) out.push_back(' ');
    out.append(laid.text.substr(word.begin, word.end - word.begin));
    if (word.hyphen) out.push_back('-');
  }
}

}  // namespace shnor::output
