#pragma once
// A channel that drops each letter into a folder as an .eml file: for a region without an SMTP
// relay (an operator sends them from a mail client) and for inspecting reminders before sending.
#include <filesystem>
#include <string>

#include "engine/letters/MailChannel.h"

namespace shnor::mail {

class FileChannel : public Channel {
 public:
  explicit FileChannel(std::filesystem::path dir);

  // Writes <dir>/<file name of the Message-ID>.eml atomically; the same Message-ID overwrites the
  // same file, so resending is idempotent. Creates the folder. Failures are temporary.
  void Send(const MailMessage& message) override;
  std::string Describe() const override;

  std::filesystem::path PathFor(const MailMessage& message) const;

 private:
  std::filesystem::path dir_;
};

// A file name for a Message-ID: brackets dropped, characters outside [A-Za-z0-9._@+-] replaced,
// and a hash appended whenever anything was replaced, so distinct IDs never share a file.
std::string FileNameForMessageId(std::string_view message_id);

}  // namespace shnor::mail
