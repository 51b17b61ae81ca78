#include "output/Hyphenator.h"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

#include "output/FontCoverage.h"

namespace shnor::output {
namespace {

constexpr const char* kRussianPatterns = "/usr/share/hyphen/hyph_ru_RU.dic";
constexpr std::string_view kNoBreak = "\u00A0";
constexpr int kLeftMin = 2;   // letters kept before a break
constexpr int kRightMin = 2;  // letters carried over
// KOI8-R of а…я, in the order of the alphabet (U+0430…U+044F).
constexpr unsigned char kKoi8Lower[32] = {
    0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0,
    0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8, 0xC3, 0xDE, 0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1};

struct DictFree {
  void operator()(HyphenDict* dict) const { hnj_hyphen_free(dict); }
};

// Loaded once per process; libhyphen only reads the dictionary afterwards, so threads share it.
const HyphenDict* RussianDict() {
  static const std::unique_ptr<HyphenDict, DictFree> dict(hnj_hyphen_load(kRussianPatterns));
  return dict.get();
}

bool IsUpper(char32_t cp) {
  return (cp >= 0x410 && cp <= 0x42F) || cp == 0x401;
}

bool IsCyrillic(char32_t cp) {
  return (cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451;
}

// Lower case, ё as е: the patterns have no ё.
char ToKoi8(char32_t cp) {
  if (cp == 0x401 || cp == 0x451) cp = 0x435;
  if (IsUpper(cp)) cp += 0x20;
  return static_cast<char>(kKoi8Lower[cp - 0x430]);
}

struct Letter {
  std::size_t begin = 0;  // byte offset in the word
  char32_t cp = 0;
};

// Syllable breaks of one run of Cyrillic letters.
void HyphenateRun(const std::vector<Letter>& run, std::vector<BreakPoint>& out) {
  const int size = static_cast<int>(run.size());
  const auto capitals =
      std::count_if(run.begin(), run.end(), [](const Letter& l) { return IsUpper(l.cp); });
  const HyphenDict* dict = RussianDict();
  if (!dict || size < kLeftMin + kRightMin || capitals > 1) return;  // an abbreviation stays whole
  std::string koi8;
  for (const Letter& letter : run) koi8.push_back(ToKoi8(letter.cp));
  std::string hyphens(koi8.size() + 5, '\0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  hnj_hyphen_hyphenate3(const_cast<HyphenDict*>(dict), koi8.c_str(), size, hyphens.data(), nullptr,
                        &rep, &pos, &cut, kLeftMin, kRightMin, kLeftMin, kRightMin);
  for (int i = kLeftMin - 1; i < size - kRightMin; ++i) {
    if (hyphens[i] & 1) out.push_back({run[i + 1].begin, true});
  }
  if (rep) {
    for (int i = 0; i < size; ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
}

std::vector<Letter> Decode(std::string_view word) {
  std::vector<Letter> letters;
  for (std::size_t pos = 0; pos < word.size();) {
    const std::size_t at = pos;
    letters.push_back({at, NextCodePoint(word, pos)});
  }
  return letters;
}

bool IsTokenPunctuation(char32_t cp) {
  return cp == '.' || cp == '@' || cp == '-' || cp == '/' || cp == '_' || cp == 0xA0;
}

// Syllable breaks of every run of Cyrillic letters.
std::vector<BreakPoint> SyllableBreaks(const std::vector<Letter>& letters) {
  std::vector<BreakPoint> out;
  std::vector<Letter> run;
  for (std::size_t i = 0; i <= letters.size(); ++i) {
    if (i < letters.size() && IsCyrillic(letters[i].cp)) {
      run.push_back(letters[i]);
      continue;
    }
    HyphenateRun(run, out);
    run.clear();
  }
  return out;
}

// In order; a break after punctuation wins over a syllable break at the same place.
void SortUnique(std::vector<BreakPoint>& points) {
  std::stable_sort(points.begin(), points.end(),
                   [](const BreakPoint& a, const BreakPoint& b) { return a.at < b.at; });
  std::vector<BreakPoint> out;
  for (const BreakPoint& p : points) {
    if (!out.empty() && out.back().at == p.at) {
      out.back().hyphen = out.back().hyphen && p.hyphen;
    } else {
      out.push_back(p);
    }
  }
  points = std::move(out);
}

}  // namespace

std::vector<BreakPoint> WordBreaks(std::string_view word) {
  // What Typeset tied with a no-break space (a name with its initials, «г. Тюмень») is not
  // hyphenated to fill a line; it moves to the next one whole.
  if (word.find(kNoBreak) != std::string_view::npos) return {};
  const std::vector<Letter> letters = Decode(word);
  std::vector<BreakPoint> out = SyllableBreaks(letters);
  for (std::size_t i = 1; i + 1 < letters.size(); ++i) {
    const bool compound =
        letters[i].cp == '-' && IsCyrillic(letters[i - 1].cp) && IsCyrillic(letters[i + 1].cp);
    if (compound) out.push_back({letters[i + 1].begin, false});
  }
  SortUnique(out);
  return out;
}

std::vector<BreakPoint> TokenBreaks(std::string_view word) {
  const std::vector<Letter> letters = Decode(word);
  std::vector<BreakPoint> out = SyllableBreaks(letters);
  for (std::size_t i = 0; i + 1 < letters.size(); ++i) {
    // A dash tied to the word before never starts a line, even in the narrowest cell.
    const bool before_dash = letters[i + 1].cp == U'—' || letters[i + 1].cp == U'–';
    if (IsTokenPunctuation(letters[i].cp) && !before_dash)
      out.push_back({letters[i + 1].begin, false});
  }
  SortUnique(out);
  return out;
}

bool RussianPatternsLoaded() {
  return RussianDict() != nullptr;
}

}  // namespace shnor::output
