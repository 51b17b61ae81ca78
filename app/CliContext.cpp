#include "app/CliContext.h"

#include <cstdlib>
#include <iostream>

#include "app/DataPaths.h"
#include "engine/access/Accounts.h"
#include "engine/base/Errors.h"
#include "storage/DirectoryRepository.h"

namespace shnor::app {

const Clock& CliContext::clock() {
  if (clock_) return *clock_;
  if (options.today.empty()) {
    clock_ = std::make_unique<SystemClock>();
  } else {
    auto date = ParseIsoDate(options.today);
    if (!date) throw InputError("--today: дата «" + options.today + "» не в формате ГГГГ-ММ-ДД");
    // 11:00 UTC falls on the same calendar day in every Russian region (+02:00 … +12:00).
    clock_ = std::make_unique<OffsetClock>(TimePoint{std::chrono::sys_days{*date}} +
                                           std::chrono::hours{11});
  }
  return *clock_;
}

std::unique_ptr<Workspace> CliContext::Open(storage::OpenMode mode) {
  if (mode == storage::OpenMode::MustExist && !std::filesystem::exists(options.db)) {
    throw InputError("файл базы данных " + options.db +
                     " не найден: создайте его командой shnor init или укажите --db");
  }
  auto workspace = std::make_unique<Workspace>(options.db, mode, clock());
  workspace->UseCalendar(ProductionCalendar::LoadDirectory(CalendarDir()));
  if (auto key = AuditKeyFile()) workspace->audit_seal().UseKeyFile(*key);
  workspace->audit_seal().on_notice = [](const std::string& message) {
    std::cerr << "внимание: " << message << "\n";
  };
  return workspace;
}

std::optional<std::filesystem::path> CliContext::AuditKeyFile() const {
  if (!options.audit_key.empty()) return options.audit_key;
  const char* env = std::getenv("SHNOR_AUDIT_KEY");
  if (env && *env) return std::filesystem::path(env);
  return std::nullopt;
}

std::filesystem::path CliContext::DocumentsRoot() const {
  if (!options.docs.empty()) return options.docs;
  return std::filesystem::absolute(options.db).parent_path() / "documents";
}

std::unique_ptr<DocumentService> CliContext::Documents(Workspace& workspace) {
  return std::make_unique<DocumentService>(workspace, TemplateDir(), DocumentsRoot());
}

namespace {

// Named as the program, not as a person: there is no account behind it, only the machine's user
// (which the environment says, and may not be true).
Actor CommandLineAdministrator() {
  const char* user = std::getenv("USER");
  return Actor{std::string("система: командная строка, пользователь ОС ") +
                   (user && *user ? user : "не указан"),
               Role::Administrator};
}

}  // namespace

Actor CliContext::ActingPerson(Workspace& workspace, const storage::CampaignRecord& campaign) {
  if (options.as.empty()) return CommandLineAdministrator();
  return Accounts(workspace).ActorOfPerson(campaign, options.as);
}

Actor CliContext::ActingPerson(Workspace& workspace) {
  if (options.as.empty()) return CommandLineAdministrator();
  return ActingPerson(workspace, workspace.Campaign(options.campaign));
}

}  // namespace shnor::app
