#include "engine/workspace/WorkflowCatalog.h"

#include <fstream>
#include <sstream>

#include "engine/base/Errors.h"
#include "engine/definitions/WorkflowLoader.h"
#include "storage/WorkflowRepository.h"

namespace shnor {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("не удалось прочитать файл " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const WorkflowDefinition& WorkflowCatalog::Register(const std::filesystem::path& path,
                                                    std::int64_t now) {
  std::string text = ReadFile(path);
  WorkflowDefinition definition = LoadWorkflowText(text, path.string());
  try {
    storage::WorkflowRepository(db_).Save(definition.id, definition.version, text, now);
  } catch (const storage::StorageError& e) {
    throw InputError(path.string() + ": " + e.what());
  }
  auto key = std::make_pair(definition.id, definition.version);
  cache_[key] = std::make_unique<WorkflowDefinition>(std::move(definition));
  return *cache_[key];
}

const WorkflowDefinition& WorkflowCatalog::Get(const std::string& id, int version) {
  auto key = std::make_pair(id, version);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto stored = storage::WorkflowRepository(db_).Find(id, version);
  if (!stored) {
    throw InputError("в базе нет определения процесса «" + id + "» версии " +
                     std::to_string(version));
  }
  auto definition = std::make_unique<WorkflowDefinition>(
      LoadWorkflowText(stored->source, id + " v" + std::to_string(version)));
  return *(cache_[key] = std::move(definition));
}

}  // namespace shnor
