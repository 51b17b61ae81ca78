#pragma once
// The roles people act in. The domain's own type: the workflow names task owners and reviewers by
// it, accounts carry it, and storage keeps it as its code.
#include <optional>
#include <string>

namespace shnor {

// Who acts in the project. Administrator is the institute's system operator (CLI).
enum class Role { Administrator, Curator, Coordinator, School, Mentor, Observer };

const char* ToString(Role role);                         // "curator"
const char* RussianName(Role role);                      // "куратор"
std::optional<Role> ParseRole(const std::string& text);  // accepts the English codes

}  // namespace shnor
