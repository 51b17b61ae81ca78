#include "engine/domain/Role.h"

#include <array>

namespace shnor {
namespace {

struct RoleName {
  Role role;
  const char* code;
  const char* russian;
};

constexpr std::array<RoleName, 6> kRoles{{
    {Role::Administrator, "administrator", "администратор"},
    {Role::Curator, "curator", "куратор"},
    {Role::Coordinator, "coordinator", "муниципальный координатор"},
    {Role::School, "school", "школа"},
    {Role::Mentor, "mentor", "наставник"},
    {Role::Observer, "observer", "наблюдатель"},
}};

const RoleName& Find(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r;
  }
  return kRoles[0];
}

}  // namespace

const char* ToString(Role role) {
  return Find(role).code;
}
const char* RussianName(Role role) {
  return Find(role).russian;
}

std::optional<Role> ParseRole(const std::string& text) {
  for (const auto& r : kRoles) {
    if (text == r.code) return r.role;
  }
  return std::nullopt;
}

}  // namespace shnor
