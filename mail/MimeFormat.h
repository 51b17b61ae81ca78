#pragma once
// A letter's RFC 5322 / MIME bytes. Formatting is deterministic (no clock, no random boundary),
// so the same letter always gives the same bytes and a resent reminder can be recognised by its
// Message-ID.
#include <string>
#include <string_view>

#include "engine/letters/MailChannel.h"
#include "engine/letters/MailMessage.h"

namespace shnor::mail {

// The whole letter: CRLF line ends, no line over 998 octets, header lines with encoded words
// within 76 characters, bodies in base64. Throws std::invalid_argument (Russian message) for an
// invalid sender or recipient address, no recipients, or a malformed Message-ID.
std::string FormatRfc5322(const MailMessage& message);

// One RFC 2047 encoded word "=?UTF-8?B?...?=" for the whole input (no splitting).
std::string EncodeHeaderWord(std::string_view utf8);

// RFC 4648 base64 with padding, on one line.
std::string Base64(std::string_view bytes);

// FormatRfc5322 for a channel: a letter that cannot be composed will never be deliverable.
std::string FormatForDelivery(const MailMessage& message);

}  // namespace shnor::mail
