#pragma once
// The delivery seam: reminders are composed once and handed to a Channel (SMTP, a folder of .eml
// files, or memory in tests). A failed delivery says whether retrying can help.
#include <stdexcept>
#include <string>

#include "engine/letters/MailMessage.h"

namespace shnor::mail {

// A letter that was not delivered. The message is in Russian and names the server or path and
// the recipient. permanent(): the server refused the letter (5xx, a bad address), so retrying the
// same letter is pointless; otherwise (no connection, timeout, 4xx, disk) a later retry may work.
class DeliveryError : public std::runtime_error {
 public:
  DeliveryError(const std::string& message, bool permanent)
      : std::runtime_error(message), permanent_(permanent) {}
  bool permanent() const noexcept { return permanent_; }

 private:
  bool permanent_;
};

class Channel {
 public:
  virtual ~Channel() = default;
  // Delivers one letter or throws DeliveryError.
  virtual void Send(const MailMessage& message) = 0;
  // Where letters go, for logs and the CLI; never includes a password.
  virtual std::string Describe() const = 0;
};

}  // namespace shnor::mail
