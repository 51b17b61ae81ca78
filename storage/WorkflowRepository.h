#pragma once
// Stored workflow definitions: the YAML text of every version ever loaded, so a running case
// keeps deciding by the version it started on even after a newer one is loaded.
#include <optional>
#include <string>

#include "storage/Database.h"

namespace shnor::storage {

struct StoredWorkflow {
  std::string id;
  int version = 0;
  std::string source;
  std::string sha256;
};

class WorkflowRepository {
 public:
  explicit WorkflowRepository(Database& db) : db_(db) {}

  // Stores a version. Storing the same text again is a no-op; a different text under an
  // existing (id, version) throws StorageError: versions are immutable.
  void Save(const std::string& id, int version, const std::string& source, std::int64_t now);
  std::optional<StoredWorkflow> Find(const std::string& id, int version);

 private:
  Database& db_;
};

}  // namespace shnor::storage
