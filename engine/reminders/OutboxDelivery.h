#pragma once
// Hands the outbox's due letters to a channel and records each outcome at once, so a crash
// loses at most the mark of one letter; that letter is sent again with the same Message-ID and
// the receiver recognises it. A temporary failure is retried later with a growing pause; a
// permanent one, or one that keeps failing, is marked failed and stays visible in `shnor outbox`.
#include <chrono>
#include <string>
#include <vector>

#include "engine/letters/MailChannel.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

struct RetryPolicy {
  int max_attempts = 6;
  std::chrono::seconds first_pause{std::chrono::minutes{5}};  // doubled after each failure
  std::chrono::seconds max_pause{std::chrono::hours{6}};
};

struct DeliveryReport {
  int sent = 0;
  int retrying = 0;                 // failed this time, planned again
  int failed = 0;                   // failed for good
  std::vector<std::string> errors;  // Russian, one per failed attempt
};

DeliveryReport DeliverDue(Workspace& workspace, const storage::CampaignRecord& campaign,
                          mail::Channel& channel, const mail::MailAddress& from,
                          const RetryPolicy& policy = {});

// The pause before attempt `attempt + 1` after `attempt` failures (1-based).
std::chrono::seconds RetryPause(const RetryPolicy& policy, int attempt);

}  // namespace shnor
