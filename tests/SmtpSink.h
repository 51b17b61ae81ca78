#pragma once
// A small SMTP server for tests: listens on 127.0.0.1 on an ephemeral port, speaks enough SMTP for
// libcurl and keeps what it receives. Each read has a timeout, so a misbehaving client (or a bug
// in the code under test) cannot hang a test. Asio stays in SmtpSink.cpp: it compiles slowly.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shnor::test {

struct ReceivedMail {
  std::string mail_from;                // envelope sender, without angle brackets
  std::vector<std::string> recipients;  // accepted RCPT TO addresses
  std::string data;                     // the message as sent after DATA, dot-stuffing undone
};

struct SmtpSinkOptions {
  std::vector<std::string> rejected;  // RCPT TO answered "550" (permanent)
  std::vector<std::string> deferred;  // RCPT TO answered "451" (temporary)
  bool silent = false;                // accept connections but never greet: for client timeouts
  std::chrono::milliseconds read_timeout{5000};
  // A slow relay: the pause after a message is stored and before its "250", so that senders in
  // several processes overlap.
  std::chrono::milliseconds reply_delay{0};
  // Runs on the sink's thread once a message is stored, before its "250": the sender has handed
  // the letter over and cannot know yet that it arrived (a test kills it here).
  std::function<void(const ReceivedMail&)> on_stored;
};

class SmtpSink {
 public:
  explicit SmtpSink(SmtpSinkOptions options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  unsigned short port() const;
  // Messages completed so far; a message is stored before its "250" is sent.
  std::vector<ReceivedMail> Received() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A loopback port that was free a moment ago and has nothing listening on it now.
unsigned short ClosedLoopbackPort();

}  // namespace shnor::test
