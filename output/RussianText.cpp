#include "output/RussianText.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>
#include <string_view>
#include <vector>

namespace shnor::output {
namespace {

struct IsoDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool LeapYear(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

std::optional<IsoDate> ParseIso(const std::string& iso) {
  IsoDate d;
  char tail = 0;
  if (iso.size() != 10 ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3) {
    return std::nullopt;
  }
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) return std::nullopt;
  if (d.month == 2 && d.day == 29 && !LeapYear(d.year)) return std::nullopt;
  return d;
}

// The first UTF-8 character of a word, whatever its byte length.
std::string FirstCharacter(const std::string& word) {
  if (word.empty()) return "";
  auto lead = static_cast<unsigned char>(word[0]);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return word.substr(0, std::min(length, word.size()));
}

// Cyrillic capitals in UTF-8 are D0 90..D0 AF (plus Ё, D0 81); Latin ones are A..Z.
bool EndsInCapital(const std::string& word) {
  if (word.size() >= 2) {
    auto a = static_cast<unsigned char>(word[word.size() - 2]);
    auto b = static_cast<unsigned char>(word[word.size() - 1]);
    if (a == 0xD0 && ((b >= 0x90 && b <= 0xAF) || b == 0x81)) return true;
  }
  return !word.empty() && word.back() >= 'A' && word.back() <= 'Z';
}

}  // namespace

std::optional<Gender> ParseGender(const std::string& text) {
  if (text == "masculine" || text == "m") return Gender::Masculine;
  if (text == "feminine" || text == "f") return Gender::Feminine;
  if (text == "neuter" || text == "n") return Gender::Neuter;
  if (text == "plural" || text == "pl") return Gender::Plural;
  return std::nullopt;
}

std::optional<std::string> NumericDate(const std::string& iso) {
  auto d = ParseIso(iso);
  if (!d) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d->day, d->month, d->year);
  return std::string(buf);
}

std::optional<std::string> LongDate(const std::string& iso) {
  static constexpr std::array<const char*, 12> kGenitive{
      "января", "февраля", "марта",    "апреля",  "мая",    "июня",
      "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  auto d = ParseIso(iso);
  if (!d) return std::nullopt;
  return std::to_string(d->day) + " " + kGenitive[d->month - 1] + " " + std::to_string(d->year) +
         " г.";
}

std::string Initials(const std::string& full_name) {
  std::istringstream in(full_name);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() < 2) return words.empty() ? "" : words[0];
  std::string out;
  for (std::size_t i = 1; i < words.size() && i < 3; ++i) out += FirstCharacter(words[i]) + ".";
  return out + " " + words[0];
}

std::string Agree(const std::string& masculine, Gender gender) {
  if (gender == Gender::Masculine) return masculine;
  bool capitals = EndsInCapital(masculine);
  switch (gender) {
    case Gender::Feminine:
      return masculine + (capitals ? "А" : "а");
    case Gender::Neuter:
      return masculine + (capitals ? "О" : "о");
    default:
      return masculine + (capitals ? "Ы" : "ы");
  }
}

std::string AuthorityGenitive(const std::string& authority) {
  struct Head {
    const char* nominative;
    const char* genitive;
  };
  static constexpr Head kHeads[] = {{"Департамент ", "Департамента "},
                                    {"Министерство ", "Министерства "},
                                    {"Комитет ", "Комитета "},
                                    {"Главное управление ", "Главного управления "},
                                    {"Управление ", "Управления "},
                                    {"Агентство ", "Агентства "},
                                    {"Отдел ", "Отдела "},
                                    {"Администрация ", "Администрации "}};
  for (const Head& head : kHeads) {
    const std::string_view from = head.nominative;
    if (authority.compare(0, from.size(), from) == 0) {
      return head.genitive + authority.substr(from.size());
    }
  }
  return authority;
}

std::string DecimalComma(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  if (out == "-0") out = "0";
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

}  // namespace shnor::output
