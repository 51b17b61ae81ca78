#pragma once
// Workflow definitions by (id, version), parsed from the text stored in the database. A case
// always decides by the version it started on, whatever was loaded since.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "engine/workflow/WorkflowDefinition.h"
#include "storage/Database.h"

namespace shnor {

class WorkflowCatalog {
 public:
  explicit WorkflowCatalog(storage::Database& db) : db_(db) {}

  // Validates the file and stores it as a new version; returns the definition.
  // Throws DefinitionError for a bad file and InputError when the version exists with other text.
  const WorkflowDefinition& Register(const std::filesystem::path& path, std::int64_t now);
  // Throws InputError when the version was never stored.
  const WorkflowDefinition& Get(const std::string& id, int version);

 private:
  storage::Database& db_;
  std::map<std::pair<std::string, int>, std::unique_ptr<WorkflowDefinition>> cache_;
};

}  // namespace shnor
