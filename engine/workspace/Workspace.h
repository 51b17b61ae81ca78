#pragma once
// One open installation: the database, the clock, and the workflow definitions it holds.
// Everything the CLI does goes through a Workspace and the services built on it.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine/calendar/Clock.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/workflow/StateMachine.h"
#include "engine/workspace/AuditSeal.h"
#include "engine/workspace/WorkflowCatalog.h"
#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor {

class Workspace {
 public:
  // Throws storage::StorageError when the file cannot be opened or is too new.
  Workspace(const std::filesystem::path& db_path, storage::OpenMode mode, const Clock& clock);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // The same installation on a connection of its own, with the same clock and calendar: for
  // another thread (a server's worker, a job), since a connection belongs to one thread.
  std::unique_ptr<Workspace> Another() const;

  storage::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  WorkflowCatalog& workflows() { return workflows_; }
  // Signs the audit log at every commit that appends to it; its key file is beside the database
  // unless UseKeyFile names another.
  AuditSeal& audit_seal() { return seal_; }

  // The campaign with `code`, or the only campaign when `code` is empty. Throws InputError when
  // there is none, or several and no code was given.
  storage::CampaignRecord Campaign(const std::string& code);
  // The year the campaign's stage windows and deadlines are placed in.
  static int YearOf(const storage::CampaignRecord& campaign);
  // What deciding needs of the campaign, its calendar included. Throws CalendarError when no
  // calendar was given to UseCalendar.
  CampaignTime TimeOf(const storage::CampaignRecord& campaign);

  // The production calendar deadlines are counted on. The application loads it from its data
  // folder; every campaign sees it with its own regional holidays added.
  void UseCalendar(ProductionCalendar calendar);
  const ProductionCalendar& CalendarOf(const storage::CampaignRecord& campaign);
  std::optional<std::string> Setting(const std::string& key);
  void SetSetting(const std::string& key, const std::string& value);

  // Today in the campaign's region, as an ISO date.
  std::string Today(const storage::CampaignRecord& campaign) const;

 private:
  storage::Database db_;
  AuditSeal seal_;
  const Clock& clock_;
  WorkflowCatalog workflows_;
  std::optional<ProductionCalendar> calendar_;
  std::map<storage::Id, ProductionCalendar> regional_;  // per campaign, built on first use
};

}  // namespace shnor
