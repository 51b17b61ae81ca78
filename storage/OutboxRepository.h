#pragma once
// The reminders' outbox: one row per letter, planned once per unique key and kept until it is
// sent or a person has seen that it failed. A sender claims a letter before sending it: a lease
// with the sender's name and an expiry, so that senders in several processes never hold the same
// letter, and a letter whose sender died is taken again once its lease has run out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

// Sending is a planned letter that a sender holds (stored as planned with a claimant).
enum class LetterStatus { Planned, Sending, Sent, Failed };

const char* ToString(LetterStatus status);
std::optional<LetterStatus> ParseLetterStatus(const std::string& text);

struct OutboxLetter {
  Id id = 0;
  Id campaign_id = 0;
  std::string key;  // recipient, day and items, hashed: the same letter is never planned twice
  std::string day;  // the local ISO day it was planned for
  std::string recipient_email;
  std::string recipient_name;
  std::string recipient_role;  // PersonRole code
  std::string subject;
  std::string items_json;  // the letter's items; it is worded when sent
  std::string message_id;
  int items = 0;
  int escalations = 0;  // items that reached this recipient by escalation
  LetterStatus status = LetterStatus::Planned;
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t planned_at = 0;
  std::int64_t sent_at = 0;
  std::string claimant;  // the sender holding the letter; empty when none does
  std::int64_t lease_until = 0;
  std::int64_t handed_at = 0;  // when its holder handed it to the mail channel; 0: not yet
  // Times it was taken again from a sender that died after handing it over: each may have
  // delivered it once more.
  int resends = 0;
};

struct OutboxCounts {
  int planned = 0;
  int sending = 0;
  int sent = 0;
  int failed = 0;
};

struct ClaimedLetter {
  OutboxLetter letter;
  // Its previous holder's lease ran out after it had handed the letter to the mail channel: the
  // letter may have arrived already.
  bool held_by_dead_sender = false;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(Database& db) : db_(db) {}

  // False when a letter with the same key is already there (planned, sent or failed).
  bool Insert(const OutboxLetter& letter);
  // Takes up to `limit` letters due at `now` that no sender holds, or whose holder's lease has
  // run out, for `claimant` until `lease_until`, oldest first, in one short write transaction.
  std::vector<ClaimedLetter> Claim(Id campaign_id, const std::string& claimant, std::int64_t now,
                                   std::int64_t lease_until, int limit);
  // The holder hands the letter to the mail channel now: one more attempt, and a lease renewed
  // to `lease_until`. False when `claimant` no longer holds it (its lease ran out and another
  // sender took it): then it must not be sent.
  bool BeginSend(Id id, const std::string& claimant, std::int64_t now, std::int64_t lease_until);
  // Gives back what `claimant` holds and has not handed over; returns how many.
  int Release(const std::string& claimant);

  std::vector<OutboxLetter> List(Id campaign_id, std::optional<LetterStatus> status,
                                 const std::string& day);
  OutboxCounts Counts(Id campaign_id);
  // The earliest moment a planned letter is due or a held one's lease runs out, if any.
  std::optional<std::int64_t> NextAttempt(Id campaign_id);

  // The marks end the lease and do nothing (false) unless `claimant` holds the letter.
  bool MarkSent(Id id, const std::string& claimant, std::int64_t at);
  // One failed attempt: planned again for `retry_at`, or failed for good when nullopt.
  bool MarkAttemptFailed(Id id, const std::string& claimant, const std::string& error,
                         std::optional<std::int64_t> retry_at);
  // Failed letters go back to planned with their attempts reset; returns how many.
  int RetryFailed(Id campaign_id, std::int64_t now);

 private:
  std::vector<OutboxLetter> Claimable(Id campaign_id, std::int64_t now, int limit);
  void TakeLease(ClaimedLetter& claimed, const std::string& claimant, std::int64_t lease_until);

  Database& db_;
};

}  // namespace shnor::storage
