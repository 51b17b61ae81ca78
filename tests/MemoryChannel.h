#pragma once
// A channel that keeps letters in memory, for tests of whatever sends them (retries included).
#include <map>
#include <string>
#include <vector>

#include "engine/letters/MailChannel.h"
#include "mail/MimeFormat.h"

namespace shnor::mail {

class MemoryChannel : public Channel {
 public:
  // Makes the `attempt`-th call of Send (counting from 1, failed calls included) throw.
  void FailAttempt(int attempt, bool permanent = false) { failures_[attempt] = permanent; }

  void Send(const MailMessage& message) override {
    ++attempts_;
    // Compose anyway, so a letter the real channels would refuse is refused here too.
    FormatForDelivery(message);
    if (auto failure = failures_.find(attempts_); failure != failures_.end()) {
      throw DeliveryError("тестовый сбой доставки письма " + message.message_id + " (попытка " +
                              std::to_string(attempts_) + ")",
                          failure->second);
    }
    sent_.push_back(message);
  }

  std::string Describe() const override { return "память (тестовый канал)"; }

  const std::vector<MailMessage>& sent() const { return sent_; }
  int attempts() const { return attempts_; }

 private:
  std::vector<MailMessage> sent_;
  std::map<int, bool> failures_;
  int attempts_ = 0;
};

}  // namespace shnor::mail
