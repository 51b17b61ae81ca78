#include "engine/cases/ImportText.h"

#include <cstdio>

#include "output/FontCoverage.h"
#include "output/PdfRenderer.h"

namespace shnor {
namespace {

constexpr std::size_t kMaxCode = 64;

std::string CodePoint(char32_t cp) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(cp));
  return text;
}

bool IsControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// Marks that turn the direction of writing: a name with them reads differently from its bytes.
bool IsBidi(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool IsZeroWidth(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

// What the character is, when it may not stand in an imported text.
std::optional<std::string> Kind(char32_t cp) {
  if (IsControl(cp)) return "управляющий символ";
  if (IsBidi(cp)) return "символ смены направления письма";
  if (IsZeroWidth(cp)) return "невидимый символ нулевой ширины";
  if (!output::DocumentFontsDraw(cp)) {
    return "символ, которого нет в шрифте документов (например, эмодзи)";
  }
  return std::nullopt;
}

std::string At(std::string_view field, std::size_t position) {
  return "поле «" + std::string(field) + "», символ " + std::to_string(position);
}

}  // namespace

namespace {

std::optional<std::string> ProblemUpTo(std::string_view field, std::string_view value,
                                       std::size_t max_length) {
  std::size_t pos = 0, count = 0;
  while (pos < value.size()) {
    char32_t cp = output::NextCodePoint(value, pos);
    ++count;
    if (cp == output::kInvalidUtf8) {
      return At(field, count) + ": испорченный текст (не UTF-8 и не Windows-1251)";
    }
    if (auto kind = Kind(cp)) {
      return At(field, count) + ": " + CodePoint(cp) + " — " + *kind +
             "; документы и страницы не смогут показать его как есть";
    }
  }
  if (count > max_length) {
    return "поле «" + std::string(field) + "» длиннее " + std::to_string(max_length) +
           " символов (" + std::to_string(count) + ")";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> TextProblem(std::string_view field, std::string_view value) {
  return ProblemUpTo(field, value, kMaxImportedText);
}

std::optional<std::string> FreeTextProblem(std::string_view field, std::string_view value) {
  std::string flat(value);
  // One byte for one character: the places TextProblem names stay right.
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return ProblemUpTo(field, flat, kMaxFreeText);
}

std::optional<std::string> CodeProblem(std::string_view field, std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(code[i]);
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-';
    if (!allowed) {
      return At(field, i + 1) + ": в коде допустимы только латинские буквы, цифры, «.», «_» и " +
             "«-» (код попадает в имена файлов и адреса страниц)";
    }
  }
  if (!code.empty() && code.front() == '.') {
    return "поле «" + std::string(field) + "»: код не может начинаться с точки";
  }
  if (code.size() > kMaxCode) {
    return "поле «" + std::string(field) + "» длиннее " + std::to_string(kMaxCode) + " символов";
  }
  return std::nullopt;
}

}  // namespace shnor
