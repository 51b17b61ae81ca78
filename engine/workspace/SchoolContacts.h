#pragma once
// The people around one school: its curator and municipal coordinator (by municipality), its
// responsible person and mentors. Reminders and documents address the same people.
#include <map>
#include <string>
#include <vector>

#include "engine/workflow/WorkflowDefinition.h"
#include "engine/workspace/Workspace.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

struct Contact {
  PersonRole role = PersonRole::Curator;
  std::string full_name;
  std::string email;
  std::string phone;
};

// The people of a campaign by what they answer for: a curator and a coordinator per
// municipality, a responsible person per school (the first of each). Points into the list it was
// built from.
struct PeopleIndex {
  using ById = std::map<storage::Id, const storage::PersonRecord*>;
  ById curator, coordinator, head;
  // nullptr when nobody answers for `id`.
  static const storage::PersonRecord* Find(const ById& map, storage::Id id);
};
PeopleIndex IndexPeople(const std::vector<storage::PersonWithRoles>& people);

std::vector<Contact> ContactsOf(Workspace& workspace, const storage::SchoolListing& school);
const char* RussianName(PersonRole role);  // «куратор», …
// The role a person acts in by virtue of a project role (a school contact acts as the school).
Role RoleOf(PersonRole role);

}  // namespace shnor
