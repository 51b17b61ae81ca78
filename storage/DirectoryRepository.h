#pragma once
// Who is in a campaign: schools with their partner schools, and people with their roles.
#include <optional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Records.h"

namespace shnor::storage {

// A school as lists and reports show it, with its municipality's name.
struct SchoolListing {
  SchoolRecord school;
  std::string municipality;
  std::string partner_school;  // "" when none
};

struct PersonWithRoles {
  PersonRecord person;
  std::vector<RoleAssignment> roles;
};

class DirectoryRepository {
 public:
  explicit DirectoryRepository(Database& db) : db_(db) {}

  // Returns the id of the partner school, inserting it the first time its name is seen.
  Id EnsurePartnerSchool(Id campaign_id, Id municipality_id, const std::string& name);
  Id InsertSchool(const SchoolRecord& school);
  std::optional<SchoolListing> FindSchool(Id campaign_id, const std::string& code);
  std::optional<SchoolListing> FindSchoolById(Id school_id);
  std::vector<SchoolListing> Schools(Id campaign_id);

  Id InsertPerson(const PersonRecord& person);
  void InsertRole(const RoleAssignment& role);
  std::optional<PersonRecord> FindPersonByEmail(Id campaign_id, const std::string& email);
  std::vector<PersonWithRoles> People(Id campaign_id);
  std::vector<RoleAssignment> RolesOf(Id person_id);
  // The people with a role for this school or for its whole municipality, with those roles only,
  // by name.
  std::vector<PersonWithRoles> PeopleServing(const SchoolRecord& school);

 private:
  Database& db_;
};

}  // namespace shnor::storage
