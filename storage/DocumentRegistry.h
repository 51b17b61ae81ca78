#pragma once
// The registry of issued documents: their numbers (a sequence per kind and year), dates,
// templates, checksums and files. A document is identified by its campaign, case, kind, stage and
// format; generating it again adds a version with the same number that supersedes the previous
// one, whose row and file stay, since a document once issued may be cited.
//
// The registry opens no transaction of its own. A number read outside the write transaction is a
// proposal: the writer checks it is still free (TakenNumber) under the write lock, which is what
// makes "max(seq) + 1" safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

struct DocumentRecord {
  Id id = 0;
  Id campaign_id = 0;
  std::optional<Id> case_id;  // nullopt: a campaign-wide document (the regional order)
  std::string kind;           // the template id: "stage-notice"
  int year = 0;               // the numbering year
  int seq = 0;  // place in the kind's sequence for the year; negative: a number given from outside
  std::string number;    // as printed: "83/ОД"
  std::string doc_date;  // ISO
  std::string template_id;
  int template_version = 0;
  std::string format;            // "pdf", "xlsx" or "docx"
  int version = 1;               // 1, 2, ... for regenerations of the same document
  std::optional<Id> supersedes;  // the previous version's row
  std::string sha256;            // lowercase hex of the file
  std::string path;              // relative to the documents root
  std::int64_t created_at = 0;   // UTC seconds
  std::string stage;             // "" or the stage id the document belongs to
};

// What identifies one document across its versions.
struct DocumentKey {
  Id campaign_id = 0;
  std::optional<Id> case_id;
  std::string kind;
  std::string stage;
  std::string format;
};

struct DocumentNumber {
  int year = 0;
  int seq = 0;
  std::string number;
};

struct DocumentFilter {
  Id campaign_id = 0;
  std::optional<Id> case_id;         // only this case's documents
  bool campaign_wide = false;        // only documents without a case (ignored when case_id is set)
  std::string kind;                  // "" for any
  std::optional<std::string> stage;  // nullopt for any; "" for documents of no stage
  bool latest_only = true;           // false: every version
};

class DocumentRegistry {
 public:
  explicit DocumentRegistry(Database& db) : db_(db) {}

  // "{n}/ОД" with 84 gives "84/ОД". Throws StorageError unless the pattern holds "{n}" once.
  static std::string FormatNumber(const std::string& pattern, int seq);
  // The sequence number in `number` when it fits `pattern` ("84/ОД" and "{n}/ОД" give 84).
  static std::optional<int> ParseNumber(const std::string& pattern, const std::string& number);

  // The number the next new document of `kind` in `year` gets: max(seq) + 1, from 1. Reserves
  // nothing: the number is taken by Register in the same transaction.
  DocumentNumber NextNumber(Id campaign_id, const std::string& kind, int year,
                            const std::string& pattern);
  // A number issued outside the registry, kept as given. When it fits `pattern` its seq is parsed,
  // so the sequence continues after it ("83/ОД", then "84/ОД"); otherwise it stands outside the
  // sequence with a negative seq. Throws StorageError when `number` is empty.
  DocumentNumber GivenNumber(Id campaign_id, const std::string& kind, int year,
                             const std::string& number, const std::string& pattern);

  // Registers `doc` and returns the stored row. When a document with the same key exists, the row
  // becomes its next version: same year, seq and number (doc.number must be empty or equal),
  // supersedes the previous version. Otherwise doc.year, seq and number come from NextNumber or
  // GivenNumber. Throws StorageError on a malformed field, a number or path already taken, or a
  // number that differs from the one the document was issued with.
  DocumentRecord Register(DocumentRecord doc);

  // The number of another document that already has `doc`'s seq or number, if any.
  std::optional<std::string> TakenNumber(const DocumentRecord& doc);

  std::optional<DocumentRecord> Find(Id id);
  // Every registered file, relative to the documents root, of every campaign.
  std::vector<std::string> Paths();
  // The latest version of the document `key`.
  std::optional<DocumentRecord> Current(const DocumentKey& key);
  // In registration order.
  std::vector<DocumentRecord> List(const DocumentFilter& filter);

 private:
  Database& db_;
};

}  // namespace shnor::storage
