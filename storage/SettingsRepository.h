#pragma once
// Installation-wide key/value settings (e.g. that a database was made by `shnor demo`).
#include <optional>
#include <string>

#include "storage/Database.h"

namespace shnor::storage {

class SettingsRepository {
 public:
  explicit SettingsRepository(Database& db) : db_(db) {}
  std::optional<std::string> Get(const std::string& key);
  void Set(const std::string& key, const std::string& value);

 private:
  Database& db_;
};

}  // namespace shnor::storage
