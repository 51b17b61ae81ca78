#include "app/CliContext.h"

#include <cstdlib>

#include "engine/Errors.h"
#include "storage/DirectoryRepository.h"

namespace shnor::app {
namespace {

Role StrongestRole(const std::vector<storage::RoleAssignment>& roles) {
  Role best = Role::Observer;
  auto rank = [](Role r) {
    switch (r) {
      case Role::Curator:
        return 4;
      case Role::Coordinator:
        return 3;
      case Role::School:
        return 2;
      case Role::Mentor:
        return 1;
      default:
        return 0;
    }
  };
  for (const auto& assignment : roles) {
    Role r = Role::Mentor;
    switch (assignment.role) {
      case storage::PersonRole::Curator:
        r = Role::Curator;
        break;
      case storage::PersonRole::Coordinator:
        r = Role::Coordinator;
        break;
      case storage::PersonRole::SchoolContact:
        r = Role::School;
        break;
      case storage::PersonRole::Mentor:
        r = Role::Mentor;
        break;
    }
    if (rank(r) > rank(best)) best = r;
  }
  return best;
}

}  // namespace

const Clock& CliContext::clock() {
  if (clock_) return *clock_;
  if (options.today.empty()) {
    clock_ = std::make_unique<SystemClock>();
  } else {
    auto date = ParseIsoDate(options.today);
    if (!date) throw InputError("--today: дата «" + options.today + "» не в формате ГГГГ-ММ-ДД");
    // 11:00 UTC falls on the same calendar day in every Russian region (+02:00 … +12:00).
    clock_ = std::make_unique<SimulatedClock>(TimePoint{std::chrono::sys_days{*date}} +
                                              std::chrono::hours{11});
  }
  return *clock_;
}

std::unique_ptr<Workspace> CliContext::Open(storage::OpenMode mode) {
  if (mode == storage::OpenMode::MustExist && !std::filesystem::exists(options.db)) {
    throw InputError("файл базы данных " + options.db +
                     " не найден: создайте его командой shnor init или укажите --db");
  }
  return std::make_unique<Workspace>(options.db, mode, clock());
}

Actor CliContext::ActingPerson(Workspace& workspace, const storage::CampaignRecord& campaign) {
  if (options.as.empty()) {
    const char* user = std::getenv("USER");
    return Actor{std::string("администратор ") + (user ? user : "системы"), Role::Administrator};
  }
  storage::DirectoryRepository directory(workspace.db());
  auto person = directory.FindPersonByEmail(campaign.id, options.as);
  if (!person) throw InputError("--as: человек с адресом «" + options.as + "» не найден в проекте");
  return Actor{person->full_name, StrongestRole(directory.RolesOf(person->id))};
}

}  // namespace shnor::app
