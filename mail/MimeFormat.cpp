#include "mail/MimeFormat.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace shnor::mail {
namespace {

// RFC 2047 limits a line that holds encoded words to 76 characters.
constexpr std::size_t kHeaderLineLimit = 76;
constexpr std::size_t kBase64LineLength = 76;
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";
constexpr std::size_t kWordOverhead = kWordPrefix.size() + kWordSuffix.size();
// Longest plain word we leave unencoded, so a folded line always has room for it.
constexpr std::size_t kMaxPlainWord = 60;

bool IsPrintableAscii(char c) {
  return c >= 0x21 && c <= 0x7E;
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The longest prefix of `text` no longer than `max_bytes` that does not cut a UTF-8 character.
std::size_t Utf8PrefixLength(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && IsContinuationByte(text[cut])) --cut;
  // Invalid input (a run of continuation bytes) must still make progress.
  return cut == 0 ? max_bytes : cut;
}

// Builds one header field, folding before a token that would overflow the line.
class HeaderBuilder {
 public:
  explicit HeaderBuilder(std::string_view name) : out_(name), column_(name.size() + 1) {
    out_ += ':';
  }

  void Token(std::string_view token) {
    Separate(token.size());
    out_ += token;
    column_ += token.size();
  }

  // Text of any content as a run of encoded words, each sized to the room left on its line.
  // Words are split after a space where possible: RFC 2047 decoders drop the whitespace between
  // encoded words, but some (Python's address parser, some mail clients) show a space there, and
  // a doubled space reads better than a word cut in two.
  void Encoded(std::string_view utf8) {
    while (!utf8.empty()) {
      std::size_t length = ChunkLength(utf8);
      if (length == 0) {
        Fold();
        continue;
      }
      Token(EncodeHeaderWord(utf8.substr(0, length)));
      utf8.remove_prefix(length);
    }
  }

  std::string Finish() && { return std::move(out_) + "\r\n"; }

 private:
  // Bytes of `utf8` for the next encoded word on this line; 0 asks for a fold first.
  std::size_t ChunkLength(std::string_view utf8) const {
    std::size_t room = RoomAfterSpace();
    bool fresh_line = column_ == 0;
    if (room < kWordOverhead + 8) return 0;  // under two quanta cannot hold a 4-byte character
    std::size_t length = Utf8PrefixLength(utf8, (room - kWordOverhead) / 4 * 3);
    if (length == utf8.size()) return length;
    std::size_t space = utf8.substr(0, length).rfind(' ');
    if (space != std::string_view::npos && space > 0) return space + 1;
    return fresh_line ? length : 0;  // a word too long for any line is cut at a character
  }

  std::size_t RoomAfterSpace() const {
    return column_ + 1 >= kHeaderLineLimit ? 0 : kHeaderLineLimit - column_ - 1;
  }

  void Fold() {
    out_ += "\r\n";
    column_ = 0;
  }

  // Folding replaces the separating space, so unfolding restores the text exactly.
  void Separate(std::size_t next_length) {
    bool fresh_line = column_ == 0;
    if (!fresh_line && column_ + 1 + next_length > kHeaderLineLimit) Fold();
    out_ += ' ';
    ++column_;
  }

  std::string out_;
  std::size_t column_;
};

// Plain words are kept only when unfolding and decoding could not change or misread them.
bool CanStayPlain(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  if (text.find("=?") != std::string_view::npos || text.find("  ") != std::string_view::npos) {
    return false;
  }
  std::size_t word = 0;
  for (char c : text) {
    if (c == ' ') {
      word = 0;
    } else if (!IsPrintableAscii(c) || ++word > kMaxPlainWord) {
      return false;
    }
  }
  return true;
}

void AppendUnstructured(HeaderBuilder& header, std::string_view text) {
  if (!CanStayPlain(text)) return header.Encoded(text);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    header.Token(text.substr(start, space - start));
    start = space + 1;
  }
}

std::string QuotedString(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

bool CanBeQuoted(std::string_view name) {
  if (name.size() > kMaxPlainWord) return false;
  for (char c : name) {
    if (c != ' ' && !IsPrintableAscii(c)) return false;
  }
  return name.find("=?") == std::string_view::npos;
}

void AppendMailbox(HeaderBuilder& header, const MailAddress& address, bool last) {
  std::string separator = last ? "" : ",";
  if (address.name.empty()) return header.Token(address.email + separator);
  if (CanBeQuoted(address.name)) {
    header.Token(QuotedString(address.name));
  } else {
    header.Encoded(address.name);
  }
  header.Token("<" + address.email + ">" + separator);
}

void RequireValidAddress(const MailAddress& address, std::string_view role) {
  if (!IsValidEmail(address.email)) {
    throw std::invalid_argument("некорректный адрес " + std::string(role) + ": «" + address.email +
                                "»");
  }
}

std::string NormalisedMessageId(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  bool valid = !id.empty() && id.size() <= 900 && id.find('@') != std::string_view::npos;
  for (char c : id) valid = valid && IsPrintableAscii(c) && c != '<' && c != '>';
  if (!valid) {
    throw std::invalid_argument("некорректный Message-ID письма: «" + std::string(id) + "»");
  }
  return "<" + std::string(id) + ">";
}

std::string FormatDate(std::int64_t seconds) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  sys_seconds moment{seconds * 1s};
  auto day = floor<days>(moment);
  year_month_day date{day};
  hh_mm_ss time{moment - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %d %02d:%02d:%02d +0000",
                kDays[weekday{day}.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

// A stable boundary: "=_" never occurs in base64, so it cannot collide with a body.
std::string BoundaryFor(std::string_view message_id) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : message_id) hash = (hash ^ c) * 1099511628211ULL;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "=_shnor_%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

// MIME wants text in canonical form (CRLF line breaks) before it is base64-encoded.
std::string CanonicalLineBreaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      out += "\r\n";
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  std::string encoded = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += kBase64LineLength) {
    out.append(encoded, i, kBase64LineLength);
    out += "\r\n";
  }
  return out;
}

std::string TextPart(std::string_view subtype, std::string_view body) {
  return "Content-Type: text/" + std::string(subtype) +
         "; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         Base64Lines(CanonicalLineBreaks(body));
}

std::string Headers(const MailMessage& message) {
  std::string out = "Date: " + FormatDate(message.date_utc) + "\r\n";
  HeaderBuilder from("From");
  AppendMailbox(from, message.from, true);
  out += std::move(from).Finish();
  HeaderBuilder to("To");
  for (std::size_t i = 0; i < message.to.size(); ++i) {
    AppendMailbox(to, message.to[i], i + 1 == message.to.size());
  }
  out += std::move(to).Finish();
  HeaderBuilder subject("Subject");
  AppendUnstructured(subject, message.subject);
  out += std::move(subject).Finish();
  out += "Message-ID: " + NormalisedMessageId(message.message_id) + "\r\n";
  return out + "MIME-Version: 1.0\r\n";
}

std::string Body(const MailMessage& message) {
  if (message.html.empty()) return TextPart("plain", message.text);
  std::string boundary = BoundaryFor(NormalisedMessageId(message.message_id));
  return "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary +
         "\r\n" + TextPart("plain", message.text) + "\r\n--" + boundary + "\r\n" +
         TextPart("html", message.html) + "\r\n--" + boundary + "--\r\n";
}

}  // namespace

std::string FormatRfc5322(const MailMessage& message) {
  RequireValidAddress(message.from, "отправителя");
  if (message.to.empty()) throw std::invalid_argument("у письма нет получателей");
  for (const auto& recipient : message.to) RequireValidAddress(recipient, "получателя");
  return Headers(message) + Body(message);
}

std::string EncodeHeaderWord(std::string_view utf8) {
  return std::string(kWordPrefix) + Base64(utf8) + std::string(kWordSuffix);
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

std::string FormatForDelivery(const MailMessage& message) {
  try {
    return FormatRfc5322(message);
  } catch (const std::invalid_argument& error) {
    throw DeliveryError(std::string("письмо не отправлено: ") + error.what(), true);
  }
}

}  // namespace shnor::mail
