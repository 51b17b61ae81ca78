#pragma once
// Composing e-mail: a letter as data and its RFC 5322 / MIME bytes. Formatting is deterministic
// (no clock, no random boundary), so the same letter always gives the same bytes and a resent
// reminder can be recognised by its Message-ID.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shnor::mail {

struct MailAddress {
  std::string name;   // display name, may be Cyrillic; empty for a bare address
  std::string email;  // ASCII addr-spec (Cyrillic domains must be given in punycode, xn--)
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;
  std::string subject;        // UTF-8
  std::string text;           // plain text body, UTF-8
  std::string html;           // HTML body, UTF-8; empty gives a text/plain-only letter
  std::string message_id;     // "<digest-2024-03-01-ab12cd@shnor.local>", chosen by the caller
  std::int64_t date_utc = 0;  // seconds since the epoch, written as a "+0000" Date header
};

// The whole letter: CRLF line ends, no line over 998 octets, header lines with encoded words
// within 76 characters, bodies in base64. Throws std::invalid_argument (Russian message) for an
// invalid sender or recipient address, no recipients, or a malformed Message-ID.
std::string FormatRfc5322(const MailMessage& message);

// Pragmatic check: one @, non-empty local part, a dotted domain, printable ASCII only, no
// spaces and none of the characters that would break an address header.
bool IsValidEmail(std::string_view email);

// One RFC 2047 encoded word "=?UTF-8?B?...?=" for the whole input (no splitting).
std::string EncodeHeaderWord(std::string_view utf8);

// RFC 4648 base64 with padding, on one line.
std::string Base64(std::string_view bytes);

}  // namespace shnor::mail
