#include "app/import/TextEncoding.h"

#include <cstdint>

namespace shnor::import {
namespace {

// Code points of bytes 0x80–0xBF in Windows-1251 (0x98 is unassigned); 0xC0–0xFF are А–я in
// order, so they need no table.
constexpr std::uint16_t kCp1251High[64] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
    0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
    0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
    0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
    0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

unsigned char Byte(std::string_view bytes, std::size_t i) {
  return static_cast<unsigned char>(bytes[i]);
}

// Length of the sequence a lead byte starts (0: cannot start one) and the range its second byte
// must fall in, which is what rules out overlong forms, surrogates and values past U+10FFFF.
struct Lead {
  int length;
  unsigned char low = 0x80, high = 0xBF;
};

Lead LeadOf(unsigned char c) {
  if (c < 0x80) return {1};
  if (c >= 0xC2 && c <= 0xDF) return {2};
  if (c == 0xE0) return {3, 0xA0, 0xBF};
  if (c == 0xED) return {3, 0x80, 0x9F};
  if (c >= 0xE1 && c <= 0xEF) return {3};
  if (c == 0xF0) return {4, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4};
  if (c == 0xF4) return {4, 0x80, 0x8F};
  return {0};
}

bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

std::string Utf16ToUtf8(std::string_view bytes, bool little_endian) {
  auto unit = [&](std::size_t i) -> std::uint32_t {
    std::uint32_t a = Byte(bytes, i), b = Byte(bytes, i + 1);
    return little_endian ? (b << 8 | a) : (a << 8 | b);
  };
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    bool high = cp >= 0xD800 && cp <= 0xDBFF;
    std::uint32_t next = i + 3 < bytes.size() ? unit(i + 2) : 0;
    if (high && next >= 0xDC00 && next <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (next - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // an unpaired surrogate cannot be written as UTF-8
    }
    AppendUtf8(out, cp);
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    Lead lead = LeadOf(Byte(bytes, i));
    if (lead.length == 0 || i + lead.length > bytes.size()) return false;
    if (lead.length > 1 && (Byte(bytes, i + 1) < lead.low || Byte(bytes, i + 1) > lead.high)) {
      return false;
    }
    for (int k = 2; k < lead.length; ++k) {
      if (!IsContinuation(Byte(bytes, i + k))) return false;
    }
    i += lead.length;
  }
  return true;
}

std::string Cp1251ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xC0) {
      AppendUtf8(out, kCp1251High[c - 0x80]);
    } else {
      AppendUtf8(out, 0x0410 + (c - 0xC0));
    }
  }
  return out;
}

std::string ToUtf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (bytes.starts_with(kUtf16LeBom)) return Utf16ToUtf8(bytes.substr(2), true);
  if (bytes.starts_with(kUtf16BeBom)) return Utf16ToUtf8(bytes.substr(2), false);
  if (IsValidUtf8(bytes)) return std::string(bytes);
  return Cp1251ToUtf8(bytes);
}

}  // namespace shnor::import
