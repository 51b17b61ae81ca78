#include "storage/AuditLog.h"

#include <algorithm>

#include "storage/DatabaseImpl.h"
#include "storage/Sha256.h"

namespace shnor::storage {
namespace {

const char* kEventColumns =
    "SELECT id, campaign_id, case_id, actor, at_utc, at_local, command, from_state, to_state, "
    "reason, details, prev_hash, hash, actor_account, actor_login FROM audit_events ";

AuditEvent ReadEvent(SQLite::Statement& q) {
  AuditEvent e;
  e.id = q.getColumn(0).getInt64();
  e.campaign_id = q.getColumn(1).getInt64();
  if (!q.getColumn(2).isNull()) e.case_id = q.getColumn(2).getInt64();
  e.actor = q.getColumn(3).getString();
  e.at_utc = q.getColumn(4).getInt64();
  e.at_local = q.getColumn(5).getString();
  e.command = q.getColumn(6).getString();
  e.from_state = q.getColumn(7).getString();
  e.to_state = q.getColumn(8).getString();
  e.reason = q.getColumn(9).getString();
  e.details = q.getColumn(10).getString();
  e.prev_hash = q.getColumn(11).getString();
  e.hash = q.getColumn(12).getString();
  if (!q.getColumn(13).isNull()) e.actor_account = q.getColumn(13).getInt64();
  e.actor_login = q.getColumn(14).getString();
  return e;
}

// Each field is length-prefixed so that moving text between fields changes the hash.
void AppendField(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

Database::Impl::AuditHead ReadHead(Database::Impl& impl);

void BindOptional(SQLite::Statement& q, int n, const std::optional<Id>& value) {
  if (value) {
    q.bind(n, static_cast<int64_t>(*value));
  } else {
    q.bind(n);
  }
}

void InsertRows(Database::Impl& impl, const std::vector<AuditEvent>& events, std::size_t first,
                std::size_t last) {
  std::string sql =
      "INSERT INTO audit_events (id, campaign_id, case_id, actor, actor_account, actor_login, "
      "at_utc, at_local, command, from_state, to_state, reason, details, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (std::size_t i = first + 1; i < last; ++i) {
    sql += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  auto& q = impl.Prepare(sql);
  int n = 0;
  for (std::size_t i = first; i < last; ++i) {
    const AuditEvent& e = events[i];
    q.bind(++n, static_cast<int64_t>(e.id));
    q.bind(++n, static_cast<int64_t>(e.campaign_id));
    BindOptional(q, ++n, e.case_id);
    q.bind(++n, e.actor);
    BindOptional(q, ++n, e.actor_account);
    q.bind(++n, e.actor_login);
    q.bind(++n, static_cast<int64_t>(e.at_utc));
    q.bind(++n, e.at_local);
    q.bind(++n, e.command);
    q.bind(++n, e.from_state);
    q.bind(++n, e.to_state);
    q.bind(++n, e.reason);
    q.bind(++n, e.details);
    q.bind(++n, e.prev_hash);
    q.bind(++n, e.hash);
  }
  impl.Run(q);
}

}  // namespace

const std::string& AuditLog::GenesisHash() {
  static const std::string genesis(64, '0');
  return genesis;
}

std::string AuditLog::ComputeHash(const AuditEvent& e, const std::string& prev_hash) {
  std::string canonical;
  AppendField(canonical, prev_hash);
  AppendField(canonical, std::to_string(e.id));
  AppendField(canonical, std::to_string(e.campaign_id));
  AppendField(canonical, e.case_id ? std::to_string(*e.case_id) : "");
  AppendField(canonical, e.actor);
  AppendField(canonical, std::to_string(e.at_utc));
  AppendField(canonical, e.at_local);
  AppendField(canonical, e.command);
  AppendField(canonical, e.from_state);
  AppendField(canonical, e.to_state);
  AppendField(canonical, e.reason);
  AppendField(canonical, e.details);
  // Events written before identities were recorded hash as they always did; the fields' count
  // tells the two forms apart, so blanking an event's login changes its hash.
  if (e.actor_account || !e.actor_login.empty()) {
    AppendField(canonical, e.actor_account ? std::to_string(*e.actor_account) : "");
    AppendField(canonical, e.actor_login);
  }
  return Sha256Hex(canonical);
}

AuditEvent AuditLog::Append(AuditEvent e) {
  std::vector<AuditEvent> one;
  one.push_back(std::move(e));
  return std::move(AppendAll(std::move(one)).front());
}

std::vector<AuditEvent> AuditLog::AppendAll(std::vector<AuditEvent> events) {
  auto& impl = db_.impl();
  if (!impl.InTransaction()) {
    Database::Transaction transaction(db_);
    events = AppendAll(std::move(events));
    transaction.Commit();
    return events;
  }
  if (!impl.audit_head) impl.audit_head = ReadHead(impl);
  Database::Impl::AuditHead head = *impl.audit_head;
  for (AuditEvent& e : events) {
    e.id = head.id + 1;
    e.prev_hash = head.hash;
    e.hash = ComputeHash(e, e.prev_hash);
    head = {e.id, e.hash};
  }
  constexpr std::size_t kChunk = 200;  // 15 parameters a row
  for (std::size_t first = 0; first < events.size(); first += kChunk) {
    InsertRows(impl, events, first, std::min(events.size(), first + kChunk));
  }
  impl.audit_head = head;
  impl.audit_appended = true;
  return events;
}

namespace {

Database::Impl::AuditHead ReadHead(Database::Impl& impl) {
  auto& last = impl.Prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
  SingleRow scope(last);
  if (!impl.Step(last)) return {0, AuditLog::GenesisHash()};
  return {last.getColumn(0).getInt64(), last.getColumn(1).getString()};
}

}  // namespace

std::vector<AuditEvent> AuditLog::Events(Id campaign_id, std::optional<Id> case_id) {
  auto& impl = db_.impl();
  // Two statements: with "? IS NULL OR case_id = ?" SQLite cannot use the case index and reads
  // the whole log for one school's history.
  auto& q =
      case_id
          ? impl.Prepare(std::string(kEventColumns) +
                         "WHERE campaign_id = ? AND case_id = ? ORDER BY id")
          : impl.Prepare(std::string(kEventColumns) + "WHERE campaign_id IN (?, ?) ORDER BY id");
  q.bind(1, static_cast<int64_t>(campaign_id));
  q.bind(2, static_cast<int64_t>(case_id ? *case_id : kInstallationWide));
  std::vector<AuditEvent> out;
  while (impl.Step(q)) out.push_back(ReadEvent(q));
  return out;
}

ChainReport AuditLog::Verify() {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kEventColumns) + "ORDER BY id");
  ChainReport report;
  std::string prev = GenesisHash();
  Id expected_id = 1;
  while (impl.Step(q)) {
    AuditEvent e = ReadEvent(q);
    ++report.events_checked;
    std::string reason;
    if (e.id != expected_id) {
      reason = "пропущены события с № " + std::to_string(expected_id) + " по № " +
               std::to_string(e.id - 1) + " (удалены из журнала)";
    } else if (e.prev_hash != prev) {
      reason = "ссылка на предыдущее событие не совпадает с его хешем (цепочка разорвана)";
    } else if (e.hash != ComputeHash(e, prev)) {
      reason = "содержимое события изменено после записи (хеш не совпадает)";
    }
    if (!reason.empty()) {
      report.first_break = ChainBreak{e.id, reason};
      return report;
    }
    prev = e.hash;
    expected_id = e.id + 1;
  }
  report.last_hash = prev;
  return report;
}

ChainHead AuditLog::Head() {
  auto& impl = db_.impl();
  Database::Impl::AuditHead head = impl.audit_head ? *impl.audit_head : ReadHead(impl);
  return {head.id, head.hash};
}

std::optional<std::string> AuditLog::HashAt(Id id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("SELECT hash FROM audit_events WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return q.getColumn(0).getString();
}

std::optional<HeadSeal> AuditLog::StoredSeal() {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("SELECT event_count, last_hash, signature FROM audit_head WHERE id = 1");
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return HeadSeal{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                  q.getColumn(2).getString()};
}

void AuditLog::StoreSeal(const HeadSeal& seal) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO audit_head (id, event_count, last_hash, signature) VALUES (1, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET event_count = excluded.event_count, "
      "last_hash = excluded.last_hash, signature = excluded.signature");
  SQLite::bind(q, static_cast<int64_t>(seal.event_count), seal.last_hash, seal.signature);
  impl.Run(q);
}

}  // namespace shnor::storage
