#include "storage/WorkflowRepository.h"

#include "storage/DatabaseImpl.h"
#include "storage/Sha256.h"

namespace shnor::storage {
namespace {

StoredWorkflow ReadRow(SQLite::Statement& q) {
  return StoredWorkflow{q.getColumn(0).getString(), q.getColumn(1).getInt(),
                        q.getColumn(2).getString(), q.getColumn(3).getString()};
}

}  // namespace

void WorkflowRepository::Save(const std::string& id, int version, const std::string& source,
                              std::int64_t now) {
  auto existing = Find(id, version);
  std::string sha = Sha256Hex(source);
  if (existing) {
    if (existing->sha256 == sha) return;
    throw StorageError("определение процесса «" + id + "» версии " + std::to_string(version) +
                       " уже загружено с другим содержимым; увеличьте номер версии");
  }
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO workflows (id, version, source, sha256, loaded_at) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, id);
  q.bind(2, version);
  q.bind(3, source);
  q.bind(4, sha);
  q.bind(5, static_cast<int64_t>(now));
  impl.Run(q);
}

std::optional<StoredWorkflow> WorkflowRepository::Find(const std::string& id, int version) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT id, version, source, sha256 FROM workflows WHERE id = ? AND version = ?");
  q.bind(1, id);
  q.bind(2, version);
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadRow(q);
}

}  // namespace shnor::storage
