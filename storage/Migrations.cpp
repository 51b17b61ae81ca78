#include "storage/Migrations.h"

namespace shnor::storage {
namespace {

// Version 1: the spine. Tasks and cases carry their stage as the workflow's stage id so that a
// newer definition version can rename nothing under a running case.
const char* kSchemaV1 = R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE workflows (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  loaded_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  region TEXT NOT NULL,
  authority TEXT NOT NULL,
  operator_name TEXT NOT NULL,
  city TEXT NOT NULL,
  order_number TEXT NOT NULL,
  order_date TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  utc_offset_minutes INTEGER NOT NULL,
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflows (id, version)
);

CREATE TABLE municipalities (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  name TEXT NOT NULL,
  UNIQUE (campaign_id, name)
);

CREATE TABLE partner_schools (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
  name TEXT NOT NULL,
  UNIQUE (municipality_id, name)
);

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  list TEXT NOT NULL CHECK (list IN ('1.1', '1.2')),
  partner_school_id INTEGER REFERENCES partner_schools (id),
  UNIQUE (campaign_id, code),
  UNIQUE (municipality_id, name)
);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  full_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  UNIQUE (campaign_id, email)
);

CREATE TABLE person_roles (
  person_id INTEGER NOT NULL REFERENCES people (id),
  role TEXT NOT NULL CHECK (role IN ('curator', 'coordinator', 'school', 'mentor')),
  municipality_id INTEGER REFERENCES municipalities (id),
  school_id INTEGER REFERENCES schools (id)
);
CREATE INDEX person_roles_person ON person_roles (person_id);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  school_id INTEGER NOT NULL UNIQUE REFERENCES schools (id),
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  stage_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn', 'completed')),
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflows (id, version)
);
CREATE INDEX cases_stage ON cases (campaign_id, stage_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  task_id TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'approved', 'returned')),
  due_date TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  UNIQUE (case_id, task_id, period)
);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL,
  case_id INTEGER,
  actor TEXT NOT NULL,
  at_utc INTEGER NOT NULL,
  at_local TEXT NOT NULL,
  command TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_case ON audit_events (case_id);

-- Append-only: the program never updates or deletes an event. Someone editing the file by hand
-- can drop these triggers, which is what the hash chain is for.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)sql";

// Version 2: `status` aggregates each case's tasks of its current stage; a covering index lets
// that read only the index instead of every task row (40,000 cases: 730 ms -> see bench_spine).
const char* kTaskStageIndexV2 = R"sql(
CREATE INDEX tasks_case_stage ON tasks (case_id, stage_id, status, due_date);
)sql";

// Version 3: tasks clustered by case and stage (WITHOUT ROWID). A task row then lives in two
// B-trees (the rows and status's covering index) instead of three, a case's tasks lie together for
// loading and for status, and the key keeps tasks unique per case (task ids are unique in a
// definition, so adding the stage to the key changes nothing). Bulk advance at national scale was
// bound by those index inserts.
const char* kClusteredTasksV3 = R"sql(
CREATE TABLE tasks_v3 (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  stage_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'approved', 'returned')),
  due_date TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, stage_id, task_id, period)
) WITHOUT ROWID;
INSERT INTO tasks_v3 (case_id, stage_id, task_id, period, status, due_date, comment, updated_at)
  SELECT case_id, stage_id, task_id, period, status, due_date, comment, updated_at FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v3 RENAME TO tasks;
CREATE INDEX tasks_case_stage ON tasks (case_id, stage_id, status, due_date);
)sql";

// Version 4: deadlines as moments and the reminders' outbox. A task's due_at is the end of its
// due date in the region, in UTC, fixed when the task is created so that a later change of the
// calendar or the rules never moves a deadline silently. Each outbox row is one letter; its
// unique key (recipient, day, items) is what makes planning idempotent, and a letter leaves the
// table only by being sent or by being marked failed for a person to see.
const char* kDeadlinesAndOutboxV4 = R"sql(
ALTER TABLE tasks ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN due_extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN regional_holidays TEXT NOT NULL DEFAULT '';
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  letter_key TEXT NOT NULL UNIQUE,
  day TEXT NOT NULL,
  recipient_email TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_role TEXT NOT NULL,
  subject TEXT NOT NULL,
  items_json TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  items INTEGER NOT NULL,
  escalations INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  planned_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);
CREATE INDEX outbox_day ON outbox (campaign_id, day);
)sql";

// Version 5: the document registry and the campaign's signer. A row is one file of one version of
// a document; a regeneration adds a row with the same number that supersedes the previous one, so
// what was issued stays on record with its checksum. The unique key (campaign, kind, year, seq,
// version) is what keeps numbering per kind and year, and its index serves listing by kind and
// year; `supersedes` is unique so versions form a chain, never a fork, and its index finds the
// latest versions. A negative seq is a number issued outside the registry's sequence (the regional
// order keeps the number the authority gave it). Rows are never changed or removed: a document
// once issued may be cited by its number.
const char* kDocumentsV5 = R"sql(
ALTER TABLE campaigns ADD COLUMN signer_position TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  case_id INTEGER REFERENCES cases (id),
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  doc_date TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  version INTEGER NOT NULL CHECK (version >= 1),
  supersedes INTEGER UNIQUE REFERENCES documents (id),
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  UNIQUE (campaign_id, kind, year, seq, version, format)
);
CREATE INDEX documents_case ON documents (case_id, kind, stage, format, version);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'document registry rows are never changed'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'document registry rows are never removed'); END;
)sql";

// Version 6: accounts of the web app. A user signs in with a login (an e-mail) and may be linked
// to a person of a campaign, whose role assignments give what the user may see. Passwords are
// stored as Argon2id strings (libsodium's format, salt and limits inside); session and API tokens
// only as SHA-256 of the random value, so a copy of the file lets no one in. Failed logins are
// kept (not counted in memory) so a restart does not reset the throttle.
const char* kAccountsV6 = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL
    CHECK (role IN ('administrator', 'curator', 'coordinator', 'school', 'observer')),
  person_id INTEGER REFERENCES people (id),
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE TABLE login_failures (
  login TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
)sql";

// The people of one school (its own contacts and those of its municipality) are read for every
// page of a school; without these, a national campaign's every person is scanned.
constexpr const char* kRoleLookupV7 = R"sql(
CREATE INDEX person_roles_school ON person_roles (school_id);
CREATE INDEX person_roles_municipality ON person_roles (municipality_id);
)sql";

// Version 8: a lease on each outbox letter, so that senders in several processes never send the
// same one. A sender claims a planned letter by writing its name and the lease's end; handed_at
// says it has given the letter to the mail channel; a mark clears all three. A letter taken again
// from a sender whose lease ran out after it had handed the letter over counts one more resend:
// it may have arrived twice. A held letter stays 'planned' in `status`, so the table keeps its
// CHECK and needs no rebuild; the repository shows it as being sent.
constexpr const char* kOutboxLeaseV8 = R"sql(
ALTER TABLE outbox ADD COLUMN claimant TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN handed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN resends INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 9: the audit log's identities and its signed head. An event names the acting account
// and login beside the display name, so namesakes stay apart; events written before keep both
// empty. The head row holds the chain's length and last hash as last signed, with the signature
// by the key kept outside the database (engine/workspace/AuditSeal.h): one row, replaced at every
// commit that appends events.
constexpr const char* kAuditSealV9 = R"sql(
ALTER TABLE audit_events ADD COLUMN actor_account INTEGER;
ALTER TABLE audit_events ADD COLUMN actor_login TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  event_count INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  signature TEXT NOT NULL
);
)sql";

// Version 10: a failed login keeps the client's address (as the throttle counts it), so a
// guesser slows down themselves rather than the account's owner. Failures from before have none
// (''); they expire with their window.
constexpr const char* kLoginAddressV10 = R"sql(
ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_address ON login_failures (address, login, at);
)sql";

// Version 11: the registry takes DOCX beside PDF and XLSX. SQLite cannot change a CHECK in place,
// so the table is rebuilt with the same rows, ids, index and triggers (foreign keys are off while
// migrating, and the triggers go first so that dropping the old rows is not refused).
constexpr const char* kDocxFormatV11 = R"sql(
DROP TRIGGER documents_no_update;
DROP TRIGGER documents_no_delete;
DROP INDEX documents_case;
CREATE TABLE documents_v11 (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  case_id INTEGER REFERENCES cases (id),
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  doc_date TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx', 'docx')),
  version INTEGER NOT NULL CHECK (version >= 1),
  supersedes INTEGER UNIQUE REFERENCES documents (id),
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  UNIQUE (campaign_id, kind, year, seq, version, format)
);
INSERT INTO documents_v11 (id, campaign_id, case_id, kind, year, seq, number, doc_date,
  template_id, template_version, format, version, supersedes, sha256, path, created_at, stage)
SELECT id, campaign_id, case_id, kind, year, seq, number, doc_date, template_id,
  template_version, format, version, supersedes, sha256, path, created_at, stage FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v11 RENAME TO documents;
CREATE INDEX documents_case ON documents (case_id, kind, stage, format, version);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'document registry rows are never changed'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'document registry rows are never removed'); END;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations{
      {1, kSchemaV1},    {2, kTaskStageIndexV2}, {3, kClusteredTasksV3}, {4, kDeadlinesAndOutboxV4},
      {5, kDocumentsV5}, {6, kAccountsV6},       {7, kRoleLookupV7},     {8, kOutboxLeaseV8},
      {9, kAuditSealV9}, {10, kLoginAddressV10}, {11, kDocxFormatV11}};
  return migrations;
}

}  // namespace shnor::storage
