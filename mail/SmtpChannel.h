#pragma once
// Delivery through an SMTP relay with libcurl. Settings come from the environment only, so the
// password never appears on a command line, in the process list or in shell history.
#include <optional>
#include <string>

#include "engine/letters/MailChannel.h"

namespace shnor::mail {

struct SmtpSettings {
  std::string host;
  int port = 25;
  enum class Security { None, StartTls, Tls } security = Security::None;
  std::string username;  // empty: no AUTH
  std::string password;
  std::string from_email;  // envelope sender (MAIL FROM); empty: the letter's From address
  long timeout_seconds = 30;
};

// Reads SHNOR_SMTP_HOST, SHNOR_SMTP_PORT, SHNOR_SMTP_SECURITY (none|starttls|tls), SHNOR_SMTP_USER,
// SHNOR_SMTP_PASSWORD and SHNOR_SMTP_FROM. nullopt when SHNOR_SMTP_HOST is unset or empty. The port
// defaults to 25, 587 or 465 by security. Throws std::invalid_argument (Russian message) for a
// malformed host, port, security or sender address.
std::optional<SmtpSettings> SmtpSettingsFromEnvironment();

class SmtpChannel : public Channel {
 public:
  explicit SmtpChannel(SmtpSettings settings);

  // One connection per letter. All recipients must be accepted: one refused recipient fails the
  // whole letter (permanently for 5xx), so send one letter per person when that matters.
  void Send(const MailMessage& message) override;
  std::string Describe() const override;

 private:
  SmtpSettings settings_;
};

}  // namespace shnor::mail
