#include "engine/reminders/OutboxDelivery.h"

#include <algorithm>

#include "engine/reminders/DigestItems.h"
#include "engine/reminders/ItemLabels.h"
#include "engine/reminders/ReminderDigest.h"
#include "engine/reminders/SenderName.h"
#include "storage/OutboxRepository.h"

namespace shnor {
namespace {

// The letter worded from its stored items; throws DeliveryError (permanent) when they are
// damaged, so that the letter is marked failed and seen rather than retried forever.
mail::MailMessage MessageOf(const storage::OutboxLetter& letter,
                            const storage::CampaignRecord& campaign, const mail::MailAddress& from,
                            std::int64_t now, ItemLabels& labels) {
  DigestLetter digest;
  digest.to = {letter.recipient_email, letter.recipient_name,
               ParsePersonRole(letter.recipient_role).value_or(PersonRole::SchoolContact)};
  digest.day = letter.day;
  try {
    digest.items = ItemsFromJson(letter.items_json);
  } catch (const std::runtime_error& error) {
    throw mail::DeliveryError(error.what(), true);
  }
  labels.Fill(digest.items);
  digest.escalations = letter.escalations;
  DigestText text = ComposeDigest(digest, campaign);
  mail::MailMessage m;
  m.from = from;
  m.to = {{letter.recipient_name, letter.recipient_email}};
  m.subject = letter.subject;
  m.text = std::move(text.text);
  m.html = std::move(text.html);
  m.message_id = letter.message_id;
  m.date_utc = now;
  return m;
}

std::int64_t NowOf(const Workspace& ws) {
  return ws.clock().Now().time_since_epoch().count();
}

// One delivery run under one sender name: claims batches until none is left, and gives back what
// it holds and has not handed over when something unexpected stops it.
class DeliveryRun {
 public:
  DeliveryRun(Workspace& ws, const storage::CampaignRecord& campaign, mail::Channel& channel,
              const mail::MailAddress& from, const RetryPolicy& retry, const LeasePolicy& lease)
      : ws_(ws),
        campaign_(campaign),
        channel_(channel),
        from_(from),
        retry_(retry),
        lease_(lease),
        outbox_(ws.db()),
        labels_(ws) {}

  DeliveryReport Run() {
    for (;;) {
      std::int64_t now = NowOf(ws_);
      auto batch = outbox_.Claim(campaign_.id, sender_, now, LeaseEnd(now), lease_.batch);
      if (batch.empty()) return report_;
      try {
        for (const storage::ClaimedLetter& claimed : batch) Deliver(claimed);
      } catch (...) {
        GiveBack();
        throw;
      }
    }
  }

 private:
  std::int64_t LeaseEnd(std::int64_t now) const { return now + lease_.length.count(); }

  void Deliver(const storage::ClaimedLetter& claimed) {
    const storage::OutboxLetter& letter = claimed.letter;
    std::int64_t now = NowOf(ws_);
    // False: our lease ran out before this letter's turn and another sender has it now.
    if (!outbox_.BeginSend(letter.id, sender_, now, LeaseEnd(now))) return;
    if (claimed.held_by_dead_sender) ++report_.resent;
    try {
      channel_.Send(MessageOf(letter, campaign_, from_, now, labels_));
      if (outbox_.MarkSent(letter.id, sender_, now)) ++report_.sent;
    } catch (const mail::DeliveryError& error) {
      Failed(letter, error, now);
    }
  }

  void Failed(const storage::OutboxLetter& letter, const mail::DeliveryError& error,
              std::int64_t now) {
    int attempt = letter.attempts + 1;
    bool give_up = error.permanent() || attempt >= retry_.max_attempts;
    std::optional<std::int64_t> retry_at;
    if (!give_up) retry_at = now + RetryPause(retry_, attempt).count();
    if (!outbox_.MarkAttemptFailed(letter.id, sender_, error.what(), retry_at)) return;
    ++(give_up ? report_.failed : report_.retrying);
    report_.errors.push_back(letter.recipient_email + ": " + error.what());
  }

  // The letter being sent when an exception came may have gone: it keeps its lease. A failure
  // here only leaves the others leased until their lease runs out.
  void GiveBack() noexcept {
    try {
      outbox_.Release(sender_);
    } catch (...) {
    }
  }

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
  mail::Channel& channel_;
  const mail::MailAddress& from_;
  const RetryPolicy& retry_;
  const LeasePolicy& lease_;
  storage::OutboxRepository outbox_;
  ItemLabels labels_;
  const std::string sender_ = NewSenderName();
  DeliveryReport report_;
};

}  // namespace

std::chrono::seconds RetryPause(const RetryPolicy& policy, int attempt) {
  std::chrono::seconds pause = policy.first_pause;
  for (int i = 1; i < attempt && pause < policy.max_pause; ++i) pause *= 2;
  return std::min(pause, policy.max_pause);
}

DeliveryReport DeliverDue(Workspace& ws, const storage::CampaignRecord& campaign,
                          mail::Channel& channel, const mail::MailAddress& from,
                          const RetryPolicy& policy, const LeasePolicy& lease) {
  return DeliveryRun(ws, campaign, channel, from, policy, lease).Run();
}

}  // namespace shnor
