#include "engine/letters/MailMessage.h"

namespace shnor::mail {
namespace {

bool IsPrintableAscii(char c) {
  return c >= 0x21 && c <= 0x7E;
}

}  // namespace

bool IsValidEmail(std::string_view email) {
  if (email.size() > 254) return false;
  std::size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : email) {
    if (!IsPrintableAscii(c) ||
        std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) {
      return false;
    }
  }
  std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  auto dotted_well = [](std::string_view part) {
    return !part.empty() && part.front() != '.' && part.back() != '.' &&
           part.find("..") == std::string_view::npos;
  };
  return dotted_well(local) && dotted_well(domain) && domain.find('.') != std::string_view::npos;
}

}  // namespace shnor::mail
