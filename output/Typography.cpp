#include "output/Typography.h"

#include <array>
#include <variant>
#include <vector>

#include "output/FontCoverage.h"

namespace shnor::output {
namespace {

constexpr char32_t kOpenOuter = U'«';
constexpr char32_t kCloseOuter = U'»';
constexpr char32_t kOpenInner = U'„';
constexpr char32_t kCloseInner = U'“';

// Abbreviations that stay with the word or number after them.
constexpr std::array<std::string_view, 20> kBeforeName = {
    "г.",    "гг.",  "п.",  "пос.", "с.",   "д.",   "ул.", "пр.", "пер.", "пл.",
    "корп.", "стр.", "рп.", "пгт",  "мкр.", "тел.", "им.", "ст.", "каб.", "оф."};
// Words that stay with the number before them.
constexpr std::array<std::string_view, 4> kAfterNumber = {"г.", "гг.", "г", "гг"};

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0;
}

// A straight quote opens at the start, after a space or an opening bracket or quote.
bool Opens(char32_t before) {
  return before == 0 || IsSpace(before) || before == '(' || before == '[' || before == kOpenOuter ||
         before == kOpenInner || before == '/';
}

std::string Quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  int depth = 0;
  char32_t before = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const char32_t cp = NextCodePoint(text, pos);
    if (cp == kOpenOuter || cp == kOpenInner) ++depth;
    if ((cp == kCloseOuter || cp == kCloseInner) && depth > 0) --depth;
    if (cp != '"') {
      out.append(text.substr(at, pos - at));
      before = cp;
      continue;
    }
    // `before` is the quote as converted, so a quote right after an opening one opens too.
    if (Opens(before) || depth == 0) {
      before = depth++ == 0 ? kOpenOuter : kOpenInner;
    } else {
      before = --depth == 0 ? kCloseOuter : kCloseInner;
    }
    AppendUtf8(before, out);
  }
  return out;
}

bool IsCapital(char32_t cp) {
  return (cp >= 0x410 && cp <= 0x42F) || cp == 0x401 || (cp >= 'A' && cp <= 'Z');
}

char32_t First(std::string_view word) {
  std::size_t pos = 0;
  return word.empty() ? 0 : NextCodePoint(word, pos);
}

// «А.», «А.С.», «А.-С.»: one or two capitals each followed by a dot (a comma or bracket may
// follow: «Иванову И.И.,»).
bool IsInitials(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == ';' || word.back() == ')'))
    word.remove_suffix(1);
  std::size_t pos = 0;
  int letters = 0;
  while (pos < word.size()) {
    if (!IsCapital(NextCodePoint(word, pos))) return false;
    if (pos >= word.size() || word[pos] != '.') return false;
    ++pos, ++letters;
    if (pos < word.size() && word[pos] == '-') ++pos;
  }
  return letters >= 1 && letters <= 2;
}

// A word of a name: a capital and then at least one more letter («Берестова», «Берестовой,»).
bool IsNameWord(std::string_view word) {
  return word.size() > 2 && IsCapital(First(word)) && !IsInitials(word);
}

bool IsNumber(std::string_view word) {
  return !word.empty() && word.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsDash(std::string_view word) {
  return word == "—" || word == "–" || word == "-";
}

template <std::size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& list) {
  for (std::string_view item : list) {
    if (word == item) return true;
  }
  return false;
}

// Whether the space after words[i] must not break. Initials bind to one side only, the
// surname's: «Директор А.С. Берестова» may still break after «Директор».
bool Binds(const std::vector<std::string_view>& words, std::size_t i) {
  const std::string_view left = words[i];
  const std::string_view right = words[i + 1];
  if (IsDash(right)) return true;
  // «2024 г. и …»: the year's «г.» goes with the number before, not the word after.
  const bool year = i > 0 && IsNumber(words[i - 1]) && OneOf(left, kAfterNumber);
  if (!year && OneOf(left, kBeforeName)) return true;
  // «№ 83/ОД», «№№ 5, 6»; not «№ п/п».
  if ((left == "№" || left == "№№") && !right.empty() && right[0] >= '0' && right[0] <= '9')
    return true;
  if (IsNumber(left) && OneOf(right, kAfterNumber)) return true;
  if (IsInitials(left) && (IsNameWord(right) || IsInitials(right))) return true;
  const bool name_follows = i + 2 < words.size() && IsNameWord(words[i + 2]);
  return IsNameWord(left) && IsInitials(right) && !name_follows;
}

// Words between single ASCII spaces; other whitespace stays inside the words untouched.
std::vector<std::string_view> SplitAtSpaces(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t at = text.find(' '); at != std::string_view::npos; at = text.find(' ', start)) {
    words.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  words.push_back(text.substr(start));
  return words;
}

}  // namespace

std::string Typeset(std::string_view text) {
  const bool plain = text.find('"') == std::string_view::npos;
  const std::string quoted = plain ? std::string(text) : Quotes(text);
  const std::vector<std::string_view> words = SplitAtSpaces(quoted);
  std::string out;
  out.reserve(quoted.size() + 8);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.append(Binds(words, i - 1) ? kNoBreakSpace : std::string_view(" "));
    // A hyphen standing alone between words is a dash.
    const bool dash = words[i] == "-" && i > 0 && i + 1 < words.size();
    out.append(dash ? std::string_view("—") : words[i]);
  }
  return out;
}

namespace {

void Set(std::string& text) {
  if (!text.empty()) text = Typeset(text);
}

void SetAll(std::vector<std::string>& lines) {
  for (std::string& line : lines) Set(line);
}

struct DocumentTypesetter {
  void operator()(Letterhead& b) const {
    SetAll(b.authority), SetAll(b.requisites), Set(b.reference), Set(b.place);
  }
  void operator()(Title& b) const { Set(b.text); }
  void operator()(Paragraph& b) const { Set(b.text); }
  void operator()(NumberedList& b) const {
    for (ListItem& item : b.items) Set(item.text);
  }
  void operator()(Table& b) const {
    Set(b.caption);
    for (TableColumn& column : b.columns) Set(column.header);
    for (std::vector<std::string>& row : b.rows) SetAll(row);
  }
  void operator()(Signature& b) const { Set(b.position), Set(b.name); }
  void operator()(ApprovalStamp& b) const { SetAll(b.lines), SetAll(b.agreed); }
  void operator()(AppendixHeading& b) const { SetAll(b.lines); }
  void operator()(Addressee& b) const { SetAll(b.lines); }
  void operator()(ExecutorMark& b) const { SetAll(b.lines); }
  void operator()(BarChart& b) const { Set(b.caption), SetAll(b.labels); }
  void operator()(PageBreak&) const {}
  void operator()(Spacer&) const {}
};

}  // namespace

void TypesetDocument(Document& doc) {
  for (Block& block : doc.blocks) std::visit(DocumentTypesetter{}, block);
}

}  // namespace shnor::output
