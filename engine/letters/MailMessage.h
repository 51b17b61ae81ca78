#pragma once
// A letter as data: what the reminders compose and hand to a mail Channel. Its bytes on the wire
// (RFC 5322 / MIME) are the mail adapter's business (mail/MimeFormat.h).
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

// Pragmatic check: one @, non-empty local part, a dotted domain, printable ASCII only, no
// spaces and none of the characters that would break an address header.
bool IsValidEmail(std::string_view email);

}  // namespace shnor::mail
