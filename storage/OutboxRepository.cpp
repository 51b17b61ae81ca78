#include "storage/OutboxRepository.h"

#include "storage/DatabaseImpl.h"

namespace shnor::storage {
namespace {

const char* kLetterColumns =
    "SELECT id, campaign_id, letter_key, day, recipient_email, recipient_name, recipient_role, "
    "subject, items_json, message_id, items, escalations, status, attempts, "
    "next_attempt_at, last_error, planned_at, sent_at, claimant, lease_until, handed_at, resends "
    "FROM outbox ";

// A held letter is stored as planned with its holder's name.
const char* kStateOfRow =
    "(CASE WHEN status = 'planned' AND claimant <> '' THEN 'sending' ELSE status END)";
// The row is held by the sender bound last (by name, never by the empty name).
const char* kHeldBy = "status = 'planned' AND claimant = ? AND claimant <> ''";

OutboxLetter ReadLetter(SQLite::Statement& q) {
  OutboxLetter l;
  l.id = q.getColumn(0).getInt64();
  l.campaign_id = q.getColumn(1).getInt64();
  l.key = q.getColumn(2).getString();
  l.day = q.getColumn(3).getString();
  l.recipient_email = q.getColumn(4).getString();
  l.recipient_name = q.getColumn(5).getString();
  l.recipient_role = q.getColumn(6).getString();
  l.subject = q.getColumn(7).getString();
  l.items_json = q.getColumn(8).getString();
  l.message_id = q.getColumn(9).getString();
  l.items = q.getColumn(10).getInt();
  l.escalations = q.getColumn(11).getInt();
  l.status = ParseLetterStatus(q.getColumn(12).getString()).value_or(LetterStatus::Planned);
  l.attempts = q.getColumn(13).getInt();
  l.next_attempt_at = q.getColumn(14).getInt64();
  l.last_error = q.getColumn(15).getString();
  l.planned_at = q.getColumn(16).getInt64();
  l.sent_at = q.getColumn(17).getInt64();
  l.claimant = q.getColumn(18).getString();
  l.lease_until = q.getColumn(19).getInt64();
  l.handed_at = q.getColumn(20).getInt64();
  l.resends = q.getColumn(21).getInt();
  if (l.status == LetterStatus::Planned && !l.claimant.empty()) l.status = LetterStatus::Sending;
  return l;
}

std::vector<OutboxLetter> ReadLetters(Database::Impl& impl, CachedStatement& q) {
  std::vector<OutboxLetter> out;
  while (impl.Step(q)) out.push_back(ReadLetter(q));
  return out;
}

}  // namespace

const char* ToString(LetterStatus status) {
  switch (status) {
    case LetterStatus::Planned:
      return "planned";
    case LetterStatus::Sending:
      return "sending";
    case LetterStatus::Sent:
      return "sent";
    case LetterStatus::Failed:
      return "failed";
  }
  return "planned";
}

std::optional<LetterStatus> ParseLetterStatus(const std::string& text) {
  for (LetterStatus s :
       {LetterStatus::Planned, LetterStatus::Sending, LetterStatus::Sent, LetterStatus::Failed}) {
    if (text == ToString(s)) return s;
  }
  return std::nullopt;
}

bool OutboxRepository::Insert(const OutboxLetter& l) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO outbox (campaign_id, letter_key, day, recipient_email, recipient_name, "
      "recipient_role, subject, items_json, message_id, items, escalations, status, "
      "attempts, next_attempt_at, last_error, planned_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (letter_key) DO NOTHING");
  SQLite::bind(q, static_cast<int64_t>(l.campaign_id), l.key, l.day, l.recipient_email,
               l.recipient_name, l.recipient_role, l.subject, l.items_json, l.message_id, l.items,
               l.escalations, std::string(ToString(l.status)), l.attempts,
               static_cast<int64_t>(l.next_attempt_at), l.last_error,
               static_cast<int64_t>(l.planned_at));
  return impl.Run(q) == 1;
}

std::vector<ClaimedLetter> OutboxRepository::Claim(Id campaign_id, const std::string& claimant,
                                                   std::int64_t now, std::int64_t lease_until,
                                                   int limit) {
  Database::Transaction transaction(db_);  // BEGIN IMMEDIATE: no other sender reads in between
  std::vector<ClaimedLetter> claimed;
  for (OutboxLetter& letter : Claimable(campaign_id, now, limit)) {
    claimed.push_back({std::move(letter), false});
    TakeLease(claimed.back(), claimant, lease_until);
  }
  transaction.Commit();
  return claimed;
}

std::vector<OutboxLetter> OutboxRepository::Claimable(Id campaign_id, std::int64_t now, int limit) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kLetterColumns) +
                         "WHERE status = 'planned' AND next_attempt_at <= ?1 AND campaign_id = ?2 "
                         "AND (claimant = '' OR lease_until <= ?1) "
                         "ORDER BY next_attempt_at, id LIMIT ?3");
  SQLite::bind(q, static_cast<int64_t>(now), static_cast<int64_t>(campaign_id), limit);
  return ReadLetters(impl, q);
}

void OutboxRepository::TakeLease(ClaimedLetter& claimed, const std::string& claimant,
                                 std::int64_t lease_until) {
  OutboxLetter& l = claimed.letter;
  claimed.held_by_dead_sender = l.handed_at != 0;
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "UPDATE outbox SET claimant = ?, lease_until = ?, handed_at = 0, "
      "resends = resends + (handed_at <> 0) WHERE id = ?");
  SQLite::bind(q, claimant, static_cast<int64_t>(lease_until), static_cast<int64_t>(l.id));
  impl.Run(q);
  l.status = LetterStatus::Sending;
  l.claimant = claimant;
  l.lease_until = lease_until;
  l.handed_at = 0;
  if (claimed.held_by_dead_sender) ++l.resends;
}

bool OutboxRepository::BeginSend(Id id, const std::string& claimant, std::int64_t now,
                                 std::int64_t lease_until) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      std::string("UPDATE outbox SET handed_at = ?, lease_until = ?, attempts = attempts + 1 "
                  "WHERE id = ? AND ") +
      kHeldBy);
  SQLite::bind(q, static_cast<int64_t>(now), static_cast<int64_t>(lease_until),
               static_cast<int64_t>(id), claimant);
  return impl.Run(q) == 1;
}

int OutboxRepository::Release(const std::string& claimant) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string("UPDATE outbox SET claimant = '', lease_until = 0 "
                                     "WHERE handed_at = 0 AND ") +
                         kHeldBy);
  q.bind(1, claimant);
  return impl.Run(q);
}

std::vector<OutboxLetter> OutboxRepository::List(Id campaign_id, std::optional<LetterStatus> status,
                                                 const std::string& day) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kLetterColumns) + "WHERE campaign_id = ?1 AND (?2 = '' OR " +
                         kStateOfRow + " = ?2) AND (?3 = '' OR day = ?3) ORDER BY day, id");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), std::string(status ? ToString(*status) : ""),
               day);
  return ReadLetters(impl, q);
}

OutboxCounts OutboxRepository::Counts(Id campaign_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT COALESCE(SUM(status = 'planned' AND claimant = ''), 0), "
      "COALESCE(SUM(status = 'planned' AND claimant <> ''), 0), "
      "COALESCE(SUM(status = 'sent'), 0), COALESCE(SUM(status = 'failed'), 0) "
      "FROM outbox WHERE campaign_id = ?");
  q.bind(1, static_cast<int64_t>(campaign_id));
  SingleRow scope(q);
  impl.Step(q);
  return {q.getColumn(0).getInt(), q.getColumn(1).getInt(), q.getColumn(2).getInt(),
          q.getColumn(3).getInt()};
}

// A held letter is due again when its lease runs out (its holder may die).
std::optional<std::int64_t> OutboxRepository::NextAttempt(Id campaign_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT MIN(CASE WHEN claimant = '' THEN next_attempt_at "
      "ELSE MAX(next_attempt_at, lease_until) END) "
      "FROM outbox WHERE status = 'planned' AND campaign_id = ?");
  q.bind(1, static_cast<int64_t>(campaign_id));
  SingleRow scope(q);
  if (!impl.Step(q) || q.getColumn(0).isNull()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

bool OutboxRepository::MarkSent(Id id, const std::string& claimant, std::int64_t at) {
  auto& impl = db_.impl();
  auto& q =
      impl.Prepare(std::string("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = '', "
                               "claimant = '', lease_until = 0, handed_at = 0 WHERE id = ? AND ") +
                   kHeldBy);
  SQLite::bind(q, static_cast<int64_t>(at), static_cast<int64_t>(id), claimant);
  return impl.Run(q) == 1;
}

bool OutboxRepository::MarkAttemptFailed(Id id, const std::string& claimant,
                                         const std::string& error,
                                         std::optional<std::int64_t> retry_at) {
  auto& impl = db_.impl();
  auto& q =
      impl.Prepare(std::string("UPDATE outbox SET last_error = ?, status = ?, next_attempt_at = ?, "
                               "claimant = '', lease_until = 0, handed_at = 0 WHERE id = ? AND ") +
                   kHeldBy);
  SQLite::bind(q, error, std::string(retry_at ? "planned" : "failed"),
               static_cast<int64_t>(retry_at.value_or(0)), static_cast<int64_t>(id), claimant);
  return impl.Run(q) == 1;
}

int OutboxRepository::RetryFailed(Id campaign_id, std::int64_t now) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "UPDATE outbox SET status = 'planned', attempts = 0, next_attempt_at = ? "
      "WHERE status = 'failed' AND campaign_id = ?");
  SQLite::bind(q, static_cast<int64_t>(now), static_cast<int64_t>(campaign_id));
  return impl.Run(q);
}

}  // namespace shnor::storage
