#include "storage/SettingsRepository.h"

#include "storage/DatabaseImpl.h"

namespace shnor::storage {

std::optional<std::string> SettingsRepository::Get(const std::string& key) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("SELECT value FROM settings WHERE key = ?");
  q.bind(1, key);
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return q.getColumn(0).getString();
}

void SettingsRepository::Set(const std::string& key, const std::string& value) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  SQLite::bind(q, key, value);
  impl.Run(q);
}

}  // namespace shnor::storage
