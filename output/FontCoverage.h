#pragma once
// What a TrueType font can draw and how wide: its Unicode cmap and advance widths, read from the
// file once. libharu draws a character the font lacks as an empty box without a word, so the PDF
// renderer asks here first; and measuring words here instead of through libharu keeps line
// breaking free of library calls.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace shnor::output {

// Returned by NextCodePoint for a malformed sequence (overlong, surrogate, truncated, too big).
inline constexpr char32_t kInvalidUtf8 = 0xFFFFFFFF;

// Decodes the UTF-8 character starting at text[pos] and moves `pos` past it (by one byte when
// the sequence is malformed, so a caller can report the offending byte).
char32_t NextCodePoint(std::string_view text, std::size_t& pos);

// Appends `cp` to `out` as UTF-8.
void AppendUtf8(char32_t cp, std::string& out);

class FontFace {
 public:
  // Reads the font at `path`; `family` names it in messages («Liberation Serif»). Throws PdfError
  // when the file cannot be read or has no Unicode cmap (format 4, or 12 when 4 is absent).
  FontFace(const std::filesystem::path& path, std::string family);

  const std::filesystem::path& path() const { return path_; }
  const std::string& family() const { return family_; }

  // The advance of `cp` in thousandths of an em, truncated the way libharu writes it into the
  // PDF's width array (so our line widths match what viewers draw); -1 when there is no glyph.
  // Only the Basic Multilingual Plane counts: libharu 2.3.0 encodes nothing beyond it.
  int Advance(char32_t cp) const { return cp < widths_.size() ? widths_[cp] : -1; }

  // Ascender and descender (positive, below the baseline) as fractions of the font size.
  double ascent() const { return ascent_; }
  double descent() const { return descent_; }

 private:
  std::filesystem::path path_;
  std::string family_;
  std::vector<int16_t> widths_;  // by code point, -1 = no glyph
  double ascent_ = 0.9;
  double descent_ = 0.2;
};

}  // namespace shnor::output
