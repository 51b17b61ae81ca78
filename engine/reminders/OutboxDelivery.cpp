#include "engine/reminders/OutboxDelivery.h"

#include <algorithm>

#include "engine/reminders/DigestItems.h"
#include "engine/reminders/ItemLabels.h"
#include "engine/reminders/ReminderDigest.h"
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

}  // namespace

std::chrono::seconds RetryPause(const RetryPolicy& policy, int attempt) {
  std::chrono::seconds pause = policy.first_pause;
  for (int i = 1; i < attempt && pause < policy.max_pause; ++i) pause *= 2;
  return std::min(pause, policy.max_pause);
}

DeliveryReport DeliverDue(Workspace& ws, const storage::CampaignRecord& campaign,
                          mail::Channel& channel, const mail::MailAddress& from,
                          const RetryPolicy& policy) {
  DeliveryReport report;
  storage::OutboxRepository outbox(ws.db());
  const std::int64_t now = ws.clock().Now().time_since_epoch().count();
  ItemLabels labels(ws);
  constexpr int kBatch = 200;
  for (;;) {
    auto due = outbox.Due(campaign.id, now, kBatch);
    if (due.empty()) break;
    for (const storage::OutboxLetter& letter : due) {
      try {
        channel.Send(MessageOf(letter, campaign, from, now, labels));
        outbox.MarkSent(letter.id, now);
        ++report.sent;
      } catch (const mail::DeliveryError& error) {
        int attempt = letter.attempts + 1;
        bool give_up = error.permanent() || attempt >= policy.max_attempts;
        std::optional<std::int64_t> retry_at;
        if (!give_up) retry_at = now + RetryPause(policy, attempt).count();
        outbox.MarkAttemptFailed(letter.id, error.what(), retry_at);
        ++(give_up ? report.failed : report.retrying);
        report.errors.push_back(letter.recipient_email + ": " + error.what());
      }
    }
  }
  return report;
}

}  // namespace shnor
