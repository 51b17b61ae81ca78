#include "app/JsonWriter.h"

#include <array>
#include <charconv>

namespace shnor::app {
namespace {

// The bytes copied as they are without a look: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The UTF-8 sequence at s[i] (a byte >= 0x80): its length when well-formed (Unicode's table 3-7:
// no overlongs, surrogates or code points past U+10FFFF), else how many bytes one U+FFFD stands
// for — the longest start of a well-formed sequence, at least one byte. That "maximal subpart"
// is what nlohmann's replace does too, so the answers keep their bytes.
struct Utf8Step {
  std::size_t size;
  bool valid;
};

Utf8Step Utf8At(std::string_view s, std::size_t i) {
  auto lead = static_cast<unsigned char>(s[i]);
  std::size_t tail = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the byte after the lead
  if (lead >= 0xC2 && lead <= 0xDF) {
    tail = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    tail = 2;
    if (lead == 0xE0) low = 0xA0;   // overlong below U+0800
    if (lead == 0xED) high = 0x9F;  // the surrogates U+D800..U+DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    tail = 3;
    if (lead == 0xF0) low = 0x90;   // overlong below U+10000
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  for (std::size_t k = 1; k <= tail; ++k) {
    if (i + k >= s.size()) return {k, false};  // cut off at the end
    auto c = static_cast<unsigned char>(s[i + k]);
    if (c < low || c > high) return {k, false};
    low = 0x80, high = 0xBF;
  }
  return {tail + 1, true};
}

// A quote, a backslash or a control character: the short forms JSON has, else \u00XX (lowercase,
// as nlohmann writes it).
void AppendEscape(std::string& out, unsigned char c) {
  constexpr std::string_view kShort = "\"\"\\\\\bb\ff\nn\rr\tt";  // pairs: the byte, its letter
  out += '\\';
  for (std::size_t k = 0; k < kShort.size(); k += 2) {
    if (static_cast<unsigned char>(kShort[k]) == c) {
      out += kShort[k + 1];
      return;
    }
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += "u00";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// The length of the plain ASCII and valid 2-byte letters (Cyrillic) from s[i] on: most of the
// text here, so it is skipped in a tight loop before anything is looked at closely.
std::size_t PlainRun(std::string_view s, std::size_t i) {
  const std::size_t from = i, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
               (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      i += 2;
    } else {
      break;
    }
  }
  return i - from;
}

}  // namespace

// Runs of bytes that need nothing are appended in one go.
void JsonWriter::AppendEscaped(std::string_view s) {
  std::size_t run = 0;  // the first byte not yet appended
  std::size_t i = PlainRun(s, 0);
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    // Past a plain run: a 3- or 4-byte letter, a byte to escape or invalid UTF-8 to replace.
    Utf8Step step = c < 0x80 ? Utf8Step{1, false} : Utf8At(s, i);
    if (!step.valid) {
      out_.append(s.data() + run, i - run);
      if (c < 0x80) {
        AppendEscape(out_, c);
      } else {
        out_ += kReplacement;
      }
      run = i + step.size;
    }
    i += step.size;
    i += PlainRun(s, i);
  }
  out_.append(s.data() + run, i - run);
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  out_ += '"';
  AppendEscaped(key);
  out_ += "\":";
  need_comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  out_ += '"';
  AppendEscaped(value);
  out_ += '"';
}

void JsonWriter::Int(std::int64_t value) {
  Separate();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  out_ += json;
}

}  // namespace shnor::app
