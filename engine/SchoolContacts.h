#pragma once
// The people around one school: its curator and municipal coordinator (by municipality), its
// responsible person and mentors. Reminders and documents address the same people.
#include <string>
#include <vector>

#include "engine/WorkflowDefinition.h"
#include "engine/Workspace.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

struct Contact {
  storage::PersonRole role = storage::PersonRole::Curator;
  std::string full_name;
  std::string email;
  std::string phone;
};

std::vector<Contact> ContactsOf(Workspace& workspace, const storage::SchoolListing& school);
const char* RussianName(storage::PersonRole role);  // «куратор», …
// The role a person acts in by virtue of a project role (a school contact acts as the school).
Role RoleOf(storage::PersonRole role);

}  // namespace shnor
