#include "engine/workspace/SchoolContacts.h"

#include <algorithm>

namespace shnor {
namespace {

bool Serves(const storage::RoleAssignment& role, const storage::SchoolRecord& school) {
  if (role.school_id) return *role.school_id == school.id;
  return role.municipality_id && *role.municipality_id == school.municipality_id;
}

}  // namespace

const char* RussianName(PersonRole role) {
  switch (role) {
    case PersonRole::Curator:
      return "куратор";
    case PersonRole::Coordinator:
      return "муниципальный координатор";
    case PersonRole::SchoolContact:
      return "ответственный от ОО";
    case PersonRole::Mentor:
      return "наставник";
  }
  return "?";
}

Role RoleOf(PersonRole role) {
  switch (role) {
    case PersonRole::Curator:
      return Role::Curator;
    case PersonRole::Coordinator:
      return Role::Coordinator;
    case PersonRole::SchoolContact:
      return Role::School;
    case PersonRole::Mentor:
      return Role::Mentor;
  }
  return Role::Observer;
}

PeopleIndex IndexPeople(const std::vector<storage::PersonWithRoles>& people) {
  PeopleIndex index;
  for (const auto& p : people) {
    for (const auto& role : p.roles) {
      if (role.role == PersonRole::Curator && role.municipality_id) {
        index.curator.emplace(*role.municipality_id, &p.person);
      } else if (role.role == PersonRole::Coordinator && role.municipality_id) {
        index.coordinator.emplace(*role.municipality_id, &p.person);
      } else if (role.role == PersonRole::SchoolContact && role.school_id) {
        index.head.emplace(*role.school_id, &p.person);
      }
    }
  }
  return index;
}

const storage::PersonRecord* PeopleIndex::Find(const ById& map, storage::Id id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : it->second;
}

std::vector<Contact> ContactsOf(Workspace& ws, const storage::SchoolListing& school) {
  std::vector<Contact> out;
  for (const auto& person : storage::DirectoryRepository(ws.db()).PeopleServing(school.school)) {
    for (const auto& role : person.roles) {
      if (!Serves(role, school.school)) continue;  // the query's rule, kept as the definition
      out.push_back({role.role, person.person.full_name, person.person.email, person.person.phone});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Contact& a, const Contact& b) { return a.role < b.role; });
  return out;
}

}  // namespace shnor
