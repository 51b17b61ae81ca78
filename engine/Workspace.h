#pragma once
// One open installation: the database, the clock, and the workflow definitions it holds.
// Everything the CLI does goes through a Workspace and the services built on it.
#include <filesystem>
#include <optional>
#include <string>

#include "engine/Clock.h"
#include "engine/StateMachine.h"
#include "engine/WorkflowCatalog.h"
#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor {

class Workspace {
 public:
  // Throws storage::StorageError when the file cannot be opened or is too new.
  Workspace(const std::filesystem::path& db_path, storage::OpenMode mode, const Clock& clock);

  storage::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  WorkflowCatalog& workflows() { return workflows_; }

  // The campaign with `code`, or the only campaign when `code` is empty. Throws InputError when
  // there is none, or several and no code was given.
  storage::CampaignRecord Campaign(const std::string& code);
  static CampaignTime TimeOf(const storage::CampaignRecord& campaign);
  std::optional<std::string> Setting(const std::string& key);
  void SetSetting(const std::string& key, const std::string& value);

  // Today in the campaign's region, as an ISO date.
  std::string Today(const storage::CampaignRecord& campaign) const;

 private:
  storage::Database db_;
  const Clock& clock_;
  WorkflowCatalog workflows_;
};

}  // namespace shnor
