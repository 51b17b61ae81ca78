#include "output/FontCoverage.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include "output/PdfRenderer.h"

namespace shnor::output {
namespace {

constexpr char32_t kBmpSize = 0x10000;

// Big-endian reads with bounds checks: a truncated or hostile file must not read past the end.
class Bytes {
 public:
  explicit Bytes(std::string data) : data_(std::move(data)) {}

  bool Has(std::size_t offset, std::size_t length) const {
    return offset <= data_.size() && length <= data_.size() - offset;
  }
  uint16_t U16(std::size_t offset) const {
    if (!Has(offset, 2)) throw std::out_of_range("ttf");
    return static_cast<uint16_t>(Byte(offset) << 8 | Byte(offset + 1));
  }
  int16_t S16(std::size_t offset) const { return static_cast<int16_t>(U16(offset)); }
  uint32_t U32(std::size_t offset) const {
    return static_cast<uint32_t>(U16(offset)) << 16 | U16(offset + 2);
  }
  std::string_view Tag(std::size_t offset) const {
    if (!Has(offset, 4)) throw std::out_of_range("ttf");
    return std::string_view(data_).substr(offset, 4);
  }

 private:
  unsigned Byte(std::size_t offset) const { return static_cast<unsigned char>(data_[offset]); }
  std::string data_;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PdfError("Не удалось открыть файл шрифта «" + path.string() + "»");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<std::size_t> FindTable(const Bytes& font, std::string_view tag) {
  const uint16_t count = font.U16(4);
  for (uint16_t i = 0; i < count; ++i) {
    const std::size_t record = 12 + 16 * std::size_t{i};
    if (font.Tag(record) == tag) return font.U32(record + 8);
  }
  return std::nullopt;
}

std::size_t RequireTable(const Bytes& font, std::string_view tag) {
  auto offset = FindTable(font, tag);
  if (!offset) throw std::out_of_range("ttf");
  return *offset;
}

// Glyph ids by code point from a format 4 subtable (segments of the BMP).
void ReadFormat4(const Bytes& font, std::size_t table, std::vector<uint16_t>& glyphs) {
  const std::size_t segments = font.U16(table + 6) / 2;
  const std::size_t ends = table + 14;
  const std::size_t starts = ends + 2 * segments + 2;
  const std::size_t deltas = starts + 2 * segments;
  const std::size_t range_offsets = deltas + 2 * segments;
  for (std::size_t s = 0; s < segments; ++s) {
    const uint32_t end = font.U16(ends + 2 * s);
    const uint16_t delta = font.U16(deltas + 2 * s);
    const std::size_t range_at = range_offsets + 2 * s;
    const uint16_t range = font.U16(range_at);
    for (uint32_t c = font.U16(starts + 2 * s); c <= end && c < 0xFFFF; ++c) {
      uint16_t glyph = 0;
      if (range == 0) {
        glyph = static_cast<uint16_t>(c + delta);
      } else {
        const std::size_t at = range_at + range + 2 * (c - font.U16(starts + 2 * s));
        glyph = font.Has(at, 2) ? font.U16(at) : 0;
        if (glyph != 0) glyph = static_cast<uint16_t>(glyph + delta);
      }
      glyphs[c] = glyph;
    }
  }
}

// Glyph ids from a format 12 subtable (groups over all planes; only the BMP is kept).
void ReadFormat12(const Bytes& font, std::size_t table, std::vector<uint16_t>& glyphs) {
  const uint32_t groups = font.U32(table + 12);
  for (uint32_t g = 0; g < groups; ++g) {
    const std::size_t group = table + 16 + 12 * std::size_t{g};
    const uint32_t first = font.U32(group);
    const uint32_t last = font.U32(group + 4);
    const uint32_t glyph = font.U32(group + 8);
    for (uint32_t c = first; c <= last && c < kBmpSize - 1; ++c) {
      glyphs[c] = static_cast<uint16_t>(glyph + (c - first));
    }
  }
}

// libharu draws through the Windows Unicode BMP subtable (format 4), so that is what counts;
// format 12 is read only for a font that has no format 4 at all.
std::vector<uint16_t> ReadCmap(const Bytes& font) {
  const std::size_t cmap = RequireTable(font, "cmap");
  std::optional<std::size_t> format4, format12;
  const uint16_t count = font.U16(cmap + 2);
  for (uint16_t i = 0; i < count; ++i) {
    const std::size_t record = cmap + 4 + 8 * std::size_t{i};
    const uint16_t platform = font.U16(record);
    const std::size_t table = cmap + font.U32(record + 4);
    if (platform != 3 && platform != 0) continue;
    const uint16_t format = font.U16(table);
    if (format == 4 && !format4) format4 = table;
    if (format == 12 && !format12) format12 = table;
  }
  std::vector<uint16_t> glyphs(kBmpSize, 0);
  if (format4) {
    ReadFormat4(font, *format4, glyphs);
  } else if (format12) {
    ReadFormat12(font, *format12, glyphs);
  } else {
    throw std::out_of_range("ttf");
  }
  return glyphs;
}

}  // namespace

char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto invalid = [&] {
    ++pos;
    return kInvalidUtf8;
  };
  const unsigned lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || pos + length > text.size()) return invalid();
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return invalid();
    cp = cp << 6 | (byte(pos + i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid();
  pos += length;
  return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
  const auto put = [&](unsigned value) { out.push_back(static_cast<char>(value)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | cp >> 6), put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | cp >> 12), put(0x80 | (cp >> 6 & 0x3F)), put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | cp >> 18), put(0x80 | (cp >> 12 & 0x3F));
    put(0x80 | (cp >> 6 & 0x3F)), put(0x80 | (cp & 0x3F));
  }
}

FontFace::FontFace(const std::filesystem::path& path, std::string family)
    : path_(path), family_(std::move(family)) {
  const Bytes font(ReadFile(path));
  try {
    const std::size_t head = RequireTable(font, "head");
    const std::size_t hhea = RequireTable(font, "hhea");
    const std::size_t hmtx = RequireTable(font, "hmtx");
    const uint32_t units = font.U16(head + 18);
    const uint16_t metrics = font.U16(hhea + 34);
    if (units == 0 || metrics == 0) throw std::out_of_range("ttf");
    ascent_ = font.S16(hhea + 4) / double(units);
    descent_ = -font.S16(hhea + 6) / double(units);
    const std::vector<uint16_t> glyphs = ReadCmap(font);
    widths_.assign(kBmpSize, -1);
    for (char32_t c = 0; c < kBmpSize; ++c) {
      if (glyphs[c] == 0) continue;
      const std::size_t metric = hmtx + 4 * std::size_t{std::min<uint16_t>(glyphs[c], metrics - 1)};
      widths_[c] = static_cast<int16_t>(uint32_t{font.U16(metric)} * 1000 / units);
    }
  } catch (const std::out_of_range&) {
    throw PdfError("Файл шрифта «" + path.string() + "» повреждён или не является TrueType");
  }
}

}  // namespace shnor::output
