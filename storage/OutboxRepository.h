#pragma once
// The reminders' outbox: one row per letter, planned once per unique key and kept until it is
// sent or a person has seen that it failed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

enum class LetterStatus { Planned, Sent, Failed };

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
};

struct OutboxCounts {
  int planned = 0;
  int sent = 0;
  int failed = 0;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(Database& db) : db_(db) {}

  // False when a letter with the same key is already there (planned, sent or failed).
  bool Insert(const OutboxLetter& letter);
  // Planned letters whose next attempt is due at `now`, oldest first.
  std::vector<OutboxLetter> Due(Id campaign_id, std::int64_t now, int limit);
  std::vector<OutboxLetter> List(Id campaign_id, std::optional<LetterStatus> status,
                                 const std::string& day);
  OutboxCounts Counts(Id campaign_id);
  // The earliest next attempt of a planned letter, if any.
  std::optional<std::int64_t> NextAttempt(Id campaign_id);

  void MarkSent(Id id, std::int64_t at);
  // One more failed attempt: planned again for `retry_at`, or failed for good when nullopt.
  void MarkAttemptFailed(Id id, const std::string& error, std::optional<std::int64_t> retry_at);
  // Failed letters go back to planned with their attempts reset; returns how many.
  int RetryFailed(Id campaign_id, std::int64_t now);

 private:
  Database& db_;
};

}  // namespace shnor::storage
