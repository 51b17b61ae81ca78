#include "output/PdfLayout.h"

#include <cstdio>

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

// Cuts words[i] after the characters that fit `limit` (at least one) and inserts the rest as
// the next word: a word wider than a line (a long URL in a narrow cell) must still be drawn.
void SplitWord(LaidText& laid, const FontFace& face, std::size_t i, double limit) {
  const Word word = laid.words[i];
  const double scale = laid.size / 1000;
  double width = 0;
  std::size_t cut = word.begin;
  for (std::size_t pos = word.begin; pos < word.end;) {
    const double next = width + CheckedAdvance(laid.text, pos, face) * scale;
    if (next > limit + kSlack && cut > word.begin) break;
    width = next, cut = pos;
  }
  if (cut == word.end) return;
  laid.words[i].end = cut;
  laid.words[i].width = width;
  laid.words.insert(laid.words.begin() + i + 1, Word{cut, word.end, word.width - width, 0});
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
    if (first < i && used + laid.space + words[i].width > limit + kSlack) close(i, false);
    if (first < i) {
      used += laid.space + words[i].width;
      continue;
    }
    const bool too_wide = words[i].width > limit + kSlack;
    if (too_wide) SplitWord(laid, face, i, limit);
    used = words[i].width;
    if (too_wide && i + 1 < words.size()) close(i + 1, false);
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

void JoinLine(const LaidText& laid, const Line& line, std::string& out) {
  out.clear();
  for (std::size_t w = line.first; w < line.last; ++w) {
    if (w > line.first) out.push_back(' ');
    out.append(laid.text.substr(laid.words[w].begin, laid.words[w].end - laid.words[w].begin));
  }
}

}  // namespace shnor::output
