#include "engine/base/Text.h"

#include <array>

namespace shnor {
namespace {

bool IsSpaceAt(std::string_view s, std::size_t i, std::size_t& width) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    width = 1;
    return true;
  }
  // U+00A0 no-break space, common in text pasted from Word.
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    width = 2;
    return true;
  }
  return false;
}

}  // namespace

std::string Trim(std::string_view text) {
  std::size_t begin = 0, width = 0;
  while (begin < text.size() && IsSpaceAt(text, begin, width)) begin += width;
  std::size_t end = text.size();
  while (end > begin) {
    if (IsSpaceAt(text, end - 1, width)) {
      --end;
    } else if (end >= 2 && IsSpaceAt(text, end - 2, width) && width == 2) {
      end -= 2;
    } else {
      break;
    }
  }
  return std::string(text.substr(begin, end - begin));
}

std::string LowerRu(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xD0 && i + 1 < out.size()) {
      auto n = static_cast<unsigned char>(out[i + 1]);
      if (n >= 0x90 && n <= 0x9F) {  // А-П
        out[i + 1] = static_cast<char>(n + 0x20);
      } else if (n >= 0xA0 && n <= 0xAF) {  // Р-Я
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(n - 0x20);
      } else if (n == 0x81) {  // Ё
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(0x91);
      }
      ++i;
    }
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    std::string part = Trim(text.substr(start, end - start));
    if (!part.empty()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

std::string CountOf(int n, const char* one, const char* few, const char* many) {
  const int tens = (n < 0 ? -n : n) % 100, units = tens % 10;
  const char* noun = many;
  if (units == 1 && tens != 11) {
    noun = one;
  } else if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) {
    noun = few;
  }
  return std::to_string(n) + " " + noun;
}

// "за май 2024" for a monthly task's period "2024-05".
std::string PeriodText(const std::string& period) {
  static constexpr std::array<const char*, 12> kMonths = {
      "январь", "февраль", "март",     "апрель",  "май",    "июнь",
      "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
  if (period.size() != 7) return period;
  int month = std::stoi(period.substr(5, 2));
  if (month < 1 || month > 12) return period;
  return std::string("за ") + kMonths[month - 1] + " " + period.substr(0, 4);
}

}  // namespace shnor
