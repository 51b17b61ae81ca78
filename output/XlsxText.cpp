#include "output/XlsxText.h"

#include <cctype>
#include <cstdint>

namespace shnor::output {
namespace {

constexpr std::string_view kNoBreakSpace = "\u00A0";

// The code point starting at `at` and its length in bytes; malformed bytes count as one.
std::pair<char32_t, std::size_t> CodeAt(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80 || at + 1 >= text.size()) return {lead, 1};
  if ((lead & 0xE0) == 0xC0) {
    return {static_cast<char32_t>(((lead & 0x1F) << 6) | (text[at + 1] & 0x3F)), 2};
  }
  return {lead, 1};  // three-byte letters are not initials here
}

bool IsCapital(char32_t c) {
  return (c >= U'A' && c <= U'Z') || (c >= 0x410 && c <= 0x42F) || c == 0x401;
}

// «А.» or «А.С.» ends at `end` (exclusive) and starts a word.
bool InitialsEndAt(std::string_view text, std::size_t end) {
  std::size_t at = end;
  int letters = 0;
  while (at >= 2 && text[at - 1] == '.') {
    // The capital before the dot: one or two bytes.
    std::size_t start = at - 2;
    if (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    auto [code, length] = CodeAt(text, start);
    if (start + length != at - 1 || !IsCapital(code)) break;
    at = start;
    ++letters;
  }
  if (letters == 0 || letters > 2) return false;
  return at == 0 || text[at - 1] == ' ' || text[at - 1] == '(' || text[at - 1] == ',';
}

// «А.С.» or «А.» starts at `at`, followed by the end, a space, a comma or a bracket.
bool InitialsStartAt(std::string_view text, std::size_t at) {
  int letters = 0;
  while (at < text.size()) {
    auto [code, length] = CodeAt(text, at);
    if (!IsCapital(code) || at + length >= text.size() || text[at + length] != '.') break;
    at += length + 1;
    ++letters;
  }
  if (letters == 0 || letters > 2) return false;
  return at == text.size() || text[at] == ' ' || text[at] == ',' || text[at] == ')' ||
         text[at] == ';';
}

}  // namespace

std::string KeepTogether(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ' ') {
      out += text[i];
      continue;
    }
    // «Берестова А.С.»: the initials after a surname, not after a comma that ends a list item.
    const auto before = i > 0 ? static_cast<unsigned char>(text[i - 1]) : 0;
    const bool after_word = before >= 0x80 || std::isalpha(before);
    const bool joined = InitialsEndAt(text, i) || (after_word && InitialsStartAt(text, i + 1));
    out += joined ? kNoBreakSpace : std::string_view(" ");
  }
  return out;
}

}  // namespace shnor::output
