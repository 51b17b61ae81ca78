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
  // AUTH without TLS sends the password in clear text: allowed only when the relay is named
  // local (on this machine or a network the office trusts).
  enum class PlainAuth { Refused, LocalRelay } plain_auth = PlainAuth::Refused;
  std::string from_email;  // envelope sender (MAIL FROM); empty: the letter's From address
  long timeout_seconds = 30;
};

// Reads SHNOR_SMTP_HOST, SHNOR_SMTP_PORT, SHNOR_SMTP_SECURITY (none|starttls|tls), SHNOR_SMTP_USER,
// SHNOR_SMTP_PASSWORD, SHNOR_SMTP_FROM and SHNOR_SMTP_ALLOW_PLAIN_AUTH (only "local-relay").
// nullopt when SHNOR_SMTP_HOST is unset or empty. The port defaults to 25, 587 or 465 by
// security. Throws std::invalid_argument (Russian message) for a malformed host, port, security,
// sender address or opt-in.
std::optional<SmtpSettings> SmtpSettingsFromEnvironment();

class SmtpChannel : public Channel {
 public:
  // Throws std::invalid_argument (Russian message) for malformed settings, and for a user with
  // security None unless plain_auth is LocalRelay: refused here, before any letter is sent.
  explicit SmtpChannel(SmtpSettings settings);

  // One connection per letter. All recipients must be accepted: one refused recipient fails the
  // whole letter (permanently for 5xx), so send one letter per person when that matters.
  void Send(const MailMessage& message) override;
  std::string Describe() const override;

 private:
  SmtpSettings settings_;
};

}  // namespace shnor::mail
