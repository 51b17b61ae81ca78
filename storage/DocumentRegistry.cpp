#include "storage/DocumentRegistry.h"

#include <cctype>
#include <filesystem>

#include "storage/DatabaseImpl.h"

namespace shnor::storage {
namespace {

const char* kDocumentColumns =
    "SELECT id, campaign_id, case_id, kind, year, seq, number, doc_date, template_id, "
    "template_version, format, version, supersedes, sha256, path, created_at, stage "
    "FROM documents d ";

const std::string kPlaceholder = "{n}";

DocumentRecord ReadDocument(SQLite::Statement& q) {
  DocumentRecord d;
  d.id = q.getColumn(0).getInt64();
  d.campaign_id = q.getColumn(1).getInt64();
  if (!q.getColumn(2).isNull()) d.case_id = q.getColumn(2).getInt64();
  d.kind = q.getColumn(3).getString();
  d.year = q.getColumn(4).getInt();
  d.seq = q.getColumn(5).getInt();
  d.number = q.getColumn(6).getString();
  d.doc_date = q.getColumn(7).getString();
  d.template_id = q.getColumn(8).getString();
  d.template_version = q.getColumn(9).getInt();
  d.format = q.getColumn(10).getString();
  d.version = q.getColumn(11).getInt();
  if (!q.getColumn(12).isNull()) d.supersedes = q.getColumn(12).getInt64();
  d.sha256 = q.getColumn(13).getString();
  d.path = q.getColumn(14).getString();
  d.created_at = q.getColumn(15).getInt64();
  d.stage = q.getColumn(16).getString();
  return d;
}

void BindOptional(SQLite::Statement& q, int index, const std::optional<Id>& value) {
  if (value) {
    q.bind(index, static_cast<int64_t>(*value));
  } else {
    q.bind(index);  // NULL
  }
}

// The pattern split around its one "{n}".
std::pair<std::string, std::string> SplitPattern(const std::string& pattern) {
  std::size_t at = pattern.find(kPlaceholder);
  if (at == std::string::npos || pattern.find(kPlaceholder, at + 1) != std::string::npos) {
    throw StorageError("образец номера документа «" + pattern +
                       "» должен содержать {n} (место порядкового номера) ровно один раз");
  }
  return {pattern.substr(0, at), pattern.substr(at + kPlaceholder.size())};
}

std::string Describe(const DocumentRecord& d) {
  std::string text = "документ вида «" + d.kind + "»";
  if (d.case_id) text += " (дело " + std::to_string(*d.case_id) + ")";
  if (!d.stage.empty()) text += " этапа «" + d.stage + "»";
  return text;
}

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

// Paths are relative to the documents root so the root can move; ".." would leave it.
bool IsInsideRoot(const std::string& text) {
  std::filesystem::path path(text);
  if (text.empty() || path.is_absolute() || path.has_root_name() || path.has_root_directory()) {
    return false;
  }
  for (const auto& part : path) {
    if (part == "..") return false;
  }
  return true;
}

void Validate(const DocumentRecord& d) {
  auto fail = [&](const std::string& what) {
    throw StorageError("нельзя зарегистрировать " + Describe(d) + ": " + what);
  };
  if (d.campaign_id <= 0) fail("не указана кампания");
  if (d.kind.empty()) fail("не указан вид документа");
  if (d.format != "pdf" && d.format != "xlsx" && d.format != "docx") {
    fail("формат «" + d.format + "» не поддерживается (нужен pdf, xlsx или docx)");
  }
  if (!IsIsoDate(d.doc_date)) fail("дата документа «" + d.doc_date + "» не в виде ГГГГ-ММ-ДД");
  if (d.template_id.empty()) fail("не указан шаблон");
  if (!IsSha256Hex(d.sha256)) fail("контрольная сумма «" + d.sha256 + "» не является SHA-256");
  if (!IsInsideRoot(d.path)) {
    fail("путь «" + d.path + "» должен быть относительным и не выходить за каталог документов");
  }
}

}  // namespace

std::string DocumentRegistry::FormatNumber(const std::string& pattern, int seq) {
  auto [prefix, suffix] = SplitPattern(pattern);
  return prefix + std::to_string(seq) + suffix;
}

std::optional<int> DocumentRegistry::ParseNumber(const std::string& pattern,
                                                 const std::string& number) {
  auto [prefix, suffix] = SplitPattern(pattern);
  if (number.size() <= prefix.size() + suffix.size() || !number.starts_with(prefix) ||
      !number.ends_with(suffix)) {
    return std::nullopt;
  }
  std::string digits = number.substr(prefix.size(), number.size() - prefix.size() - suffix.size());
  // A leading zero or more than nine digits is not a number this registry would have printed.
  if (digits.size() > 9 || digits[0] == '0') return std::nullopt;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoi(digits);
}

DocumentNumber DocumentRegistry::NextNumber(Id campaign_id, const std::string& kind, int year,
                                            const std::string& pattern) {
  SplitPattern(pattern);  // a bad pattern fails before the query
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT COALESCE(MAX(seq), 0) FROM documents "
      "WHERE campaign_id = ? AND kind = ? AND year = ? AND seq > 0");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), kind, year);
  SingleRow scope(q);
  impl.Step(q);
  int seq = q.getColumn(0).getInt() + 1;
  return {year, seq, FormatNumber(pattern, seq)};
}

DocumentNumber DocumentRegistry::GivenNumber(Id campaign_id, const std::string& kind, int year,
                                             const std::string& number,
                                             const std::string& pattern) {
  if (number.empty()) {
    throw StorageError("не указан номер документа вида «" + kind + "»");
  }
  if (auto seq = ParseNumber(pattern, number)) return {year, *seq, number};
  // Outside the sequence: counted downward from -1 so the unique key still holds and
  // max(seq) + 1 never sees it.
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT COALESCE(MIN(seq), 0) FROM documents "
      "WHERE campaign_id = ? AND kind = ? AND year = ? AND seq < 0");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), kind, year);
  SingleRow scope(q);
  impl.Step(q);
  return {year, q.getColumn(0).getInt() - 1, number};
}

std::optional<DocumentRecord> DocumentRegistry::Find(Id id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kDocumentColumns) + "WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadDocument(q);
}

std::optional<DocumentRecord> DocumentRegistry::Current(const DocumentKey& key) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kDocumentColumns) +
                         "WHERE case_id IS ?1 AND campaign_id = ?2 AND kind = ?3 AND stage = ?4 "
                         "AND format = ?5 ORDER BY version DESC LIMIT 1");
  BindOptional(q, 1, key.case_id);
  q.bind(2, static_cast<int64_t>(key.campaign_id));
  q.bind(3, key.kind);
  q.bind(4, key.stage);
  q.bind(5, key.format);
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadDocument(q);
}

std::optional<std::string> DocumentRegistry::TakenNumber(const DocumentRecord& doc) {
  auto& impl = db_.impl();
  auto& taken = impl.Prepare(
      "SELECT number FROM documents WHERE campaign_id = ? AND kind = ? AND year = ? "
      "AND (seq = ? OR number = ?) "
      // The PDF, XLSX and DOCX of one document share its number.
      "AND NOT (case_id IS ? AND stage = ? AND format <> ?) LIMIT 1");
  SQLite::bind(taken, static_cast<int64_t>(doc.campaign_id), doc.kind, doc.year, doc.seq,
               doc.number);
  if (doc.case_id) {
    taken.bind(6, static_cast<int64_t>(*doc.case_id));
  } else {
    taken.bind(6);
  }
  taken.bind(7, doc.stage);
  taken.bind(8, doc.format);
  SingleRow scope(taken);
  if (!impl.Step(taken)) return std::nullopt;
  return taken.getColumn(0).getString();
}

DocumentRecord DocumentRegistry::Register(DocumentRecord doc) {
  Validate(doc);
  auto& impl = db_.impl();
  std::optional<DocumentRecord> previous =
      Current({doc.campaign_id, doc.case_id, doc.kind, doc.stage, doc.format});
  if (previous) {
    // The file carries its number in the text: a different one would make two documents of one.
    if (!doc.number.empty() && doc.number != previous->number) {
      throw StorageError(Describe(doc) + " выпущен под номером «" + previous->number +
                         "»; новая версия не может получить номер «" + doc.number + "»");
    }
    doc.year = previous->year;
    doc.seq = previous->seq;
    doc.number = previous->number;
    doc.version = previous->version + 1;
    doc.supersedes = previous->id;
  } else {
    if (doc.year <= 0 || doc.seq == 0 || doc.number.empty()) {
      throw StorageError("нельзя зарегистрировать " + Describe(doc) +
                         ": нет номера (его дают NextNumber или GivenNumber)");
    }
    doc.version = 1;
    doc.supersedes.reset();
    if (auto taken = TakenNumber(doc)) {
      throw StorageError("номер «" + *taken + "» за " + std::to_string(doc.year) +
                         " год уже присвоен другому документу вида «" + doc.kind +
                         "»; нельзя выдать его ещё раз как «" + doc.number + "»");
    }
  }
  {
    auto& same_path = impl.Prepare("SELECT id FROM documents WHERE path = ?");
    same_path.bind(1, doc.path);
    SingleRow scope(same_path);
    if (impl.Step(same_path)) {
      throw StorageError("файл «" + doc.path + "» уже записан в реестр документом " +
                         std::to_string(same_path.getColumn(0).getInt64()) +
                         "; новая версия документа пишется в новый файл");
    }
  }
  auto& q = impl.Prepare(
      "INSERT INTO documents (campaign_id, case_id, kind, year, seq, number, doc_date, "
      "template_id, template_version, format, version, supersedes, sha256, path, created_at, "
      "stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(doc.campaign_id));
  BindOptional(q, 2, doc.case_id);
  q.bind(3, doc.kind);
  q.bind(4, doc.year);
  q.bind(5, doc.seq);
  q.bind(6, doc.number);
  q.bind(7, doc.doc_date);
  q.bind(8, doc.template_id);
  q.bind(9, doc.template_version);
  q.bind(10, doc.format);
  q.bind(11, doc.version);
  BindOptional(q, 12, doc.supersedes);
  q.bind(13, doc.sha256);
  q.bind(14, doc.path);
  q.bind(15, static_cast<int64_t>(doc.created_at));
  q.bind(16, doc.stage);
  impl.Run(q);
  doc.id = impl.db.getLastInsertRowid();
  return doc;
}

std::vector<std::string> DocumentRegistry::Paths() {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("SELECT path FROM documents");
  std::vector<std::string> out;
  while (impl.Step(q)) out.push_back(q.getColumn(0).getString());
  return out;
}

std::vector<DocumentRecord> DocumentRegistry::List(const DocumentFilter& filter) {
  // The text varies with the filter's shape (a handful of cached statements) so that a case's
  // listing reads the case index instead of the campaign's documents.
  std::string sql = kDocumentColumns;
  if (filter.case_id) {
    sql += "WHERE case_id = :case AND campaign_id = :campaign ";
  } else if (filter.campaign_wide) {
    sql += "WHERE case_id IS NULL AND campaign_id = :campaign ";
  } else {
    sql += "WHERE campaign_id = :campaign ";
  }
  if (!filter.kind.empty()) sql += "AND kind = :kind ";
  if (filter.stage) sql += "AND stage = :stage ";
  if (filter.latest_only) {
    sql += "AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id) ";
  }
  sql += "ORDER BY id";

  auto& impl = db_.impl();
  auto& q = impl.Prepare(sql);
  q.bind(":campaign", static_cast<int64_t>(filter.campaign_id));
  if (filter.case_id) q.bind(":case", static_cast<int64_t>(*filter.case_id));
  if (!filter.kind.empty()) q.bind(":kind", filter.kind);
  if (filter.stage) q.bind(":stage", *filter.stage);
  std::vector<DocumentRecord> out;
  while (impl.Step(q)) out.push_back(ReadDocument(q));
  return out;
}

}  // namespace shnor::storage
