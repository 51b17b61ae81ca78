#pragma once
// What every command handler shares: the global options, the clock they imply, and opening the
// workspace. Handlers set `exit_code`; RunCli maps exceptions.
#include <memory>
#include <optional>
#include <string>

#include "engine/calendar/Clock.h"
#include "engine/documents/DocumentService.h"
#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"

namespace shnor::app {

struct GlobalOptions {
  std::string db = "shnor.db";
  std::string today;      // YYYY-MM-DD: run as if it were noon of that day in the region
  std::string campaign;   // campaign code when the database holds several
  std::string as;         // e-mail of the person acting; the administrator when empty
  bool db_given = false;  // --db was on the command line (the demo has its own default)
  std::string docs;       // the documents folder; "" = documents/ beside the database
  std::string audit_key;  // the audit log's key file; "" = SHNOR_AUDIT_KEY, else beside the db
};

class CliContext {
 public:
  GlobalOptions options;
  int exit_code = 0;

  // Throws InputError for a malformed --today.
  std::unique_ptr<Workspace> Open(storage::OpenMode mode = storage::OpenMode::MustExist);
  // The person named by --as with their strongest role, or the command line's own administrator
  // (no account: whoever may run the program on the database file is trusted with it).
  Actor ActingPerson(Workspace& workspace, const storage::CampaignRecord& campaign);
  // The same for a command about the installation (accounts): --as needs the project then.
  Actor ActingPerson(Workspace& workspace);
  const Clock& clock();
  // The documents of `workspace`, filed under --docs.
  std::unique_ptr<DocumentService> Documents(Workspace& workspace);
  std::filesystem::path DocumentsRoot() const;
  // --audit-key, else SHNOR_AUDIT_KEY; nullopt: the key file beside the database.
  std::optional<std::filesystem::path> AuditKeyFile() const;

 private:
  std::unique_ptr<Clock> clock_;
};

}  // namespace shnor::app
