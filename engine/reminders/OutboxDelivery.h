#pragma once
// Hands the outbox's due letters to a channel and records each outcome at once. Letters are
// claimed in small batches under a lease first, so senders in several processes (`shnor serve`'s
// scheduler, `shnor remind`) never send the same letter; one held by another live sender is
// skipped, not waited for. A crash leaves its letters leased until the lease runs out; then any
// sender takes them again, and the one letter the dead sender had handed over (perhaps
// delivered, its mark lost) is sent once more with the same Message-ID and recorded as a
// possible duplicate. A temporary failure is retried later with a growing pause; a permanent
// one, or one that keeps failing, is marked failed and stays visible in `shnor outbox`.
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

// How long a sender holds the letters it claimed; renewed for each letter as it is handed over,
// so it must be longer than one send takes (the SMTP timeout is 30 s).
struct LeasePolicy {
  std::chrono::seconds length{std::chrono::minutes{5}};
  int batch = 20;  // letters claimed at once
};

struct DeliveryReport {
  int sent = 0;
  int resent = 0;    // handed over again after a sender died holding them: perhaps delivered twice
  int retrying = 0;  // failed this time, planned again
  int failed = 0;    // failed for good
  std::vector<std::string> errors;  // Russian, one per failed attempt
};

DeliveryReport DeliverDue(Workspace& workspace, const storage::CampaignRecord& campaign,
                          mail::Channel& channel, const mail::MailAddress& from,
                          const RetryPolicy& policy = {}, const LeasePolicy& lease = {});

// The pause before attempt `attempt + 1` after `attempt` failures (1-based).
std::chrono::seconds RetryPause(const RetryPolicy& policy, int attempt);

}  // namespace shnor
