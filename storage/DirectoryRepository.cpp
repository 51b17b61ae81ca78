#include "storage/DirectoryRepository.h"

#include <map>

#include "storage/DatabaseImpl.h"

namespace shnor::storage {
namespace {

const char* kSchoolColumns =
    "SELECT s.id, s.campaign_id, s.municipality_id, s.code, s.name, s.list, s.partner_school_id, "
    "m.name, COALESCE(p.name, '') FROM schools s "
    "JOIN municipalities m ON m.id = s.municipality_id "
    "LEFT JOIN partner_schools p ON p.id = s.partner_school_id ";

SchoolListing ReadSchool(SQLite::Statement& q) {
  SchoolListing out;
  out.school.id = q.getColumn(0).getInt64();
  out.school.campaign_id = q.getColumn(1).getInt64();
  out.school.municipality_id = q.getColumn(2).getInt64();
  out.school.code = q.getColumn(3).getString();
  out.school.name = q.getColumn(4).getString();
  out.school.list = q.getColumn(5).getString();
  if (!q.getColumn(6).isNull()) out.school.partner_school_id = q.getColumn(6).getInt64();
  out.municipality = q.getColumn(7).getString();
  out.partner_school = q.getColumn(8).getString();
  return out;
}

std::optional<Id> OptionalId(SQLite::Statement& q, int column) {
  if (q.getColumn(column).isNull()) return std::nullopt;
  return q.getColumn(column).getInt64();
}

void BindOptional(SQLite::Statement& q, int index, const std::optional<Id>& value) {
  if (value) {
    q.bind(index, static_cast<int64_t>(*value));
  } else {
    q.bind(index);
  }
}

RoleAssignment ReadRole(SQLite::Statement& q, int first) {
  RoleAssignment role;
  role.person_id = q.getColumn(first).getInt64();
  role.role = ParsePersonRole(q.getColumn(first + 1).getString()).value_or(PersonRole::Mentor);
  role.municipality_id = OptionalId(q, first + 2);
  role.school_id = OptionalId(q, first + 3);
  return role;
}

}  // namespace

Id DirectoryRepository::EnsurePartnerSchool(Id campaign_id, Id municipality_id,
                                            const std::string& name) {
  auto& impl = db_.impl();
  auto& find =
      impl.Prepare("SELECT id FROM partner_schools WHERE municipality_id = ? AND name = ?");
  SQLite::bind(find, static_cast<int64_t>(municipality_id), name);
  SingleRow scope(find);
  if (impl.Step(find)) return find.getColumn(0).getInt64();
  auto& insert = impl.Prepare(
      "INSERT INTO partner_schools (campaign_id, municipality_id, name) VALUES (?, ?, ?)");
  SQLite::bind(insert, static_cast<int64_t>(campaign_id), static_cast<int64_t>(municipality_id),
               name);
  impl.Run(insert);
  return impl.db.getLastInsertRowid();
}

Id DirectoryRepository::InsertSchool(const SchoolRecord& s) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO schools (campaign_id, municipality_id, code, name, list, partner_school_id) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  SQLite::bind(q, static_cast<int64_t>(s.campaign_id), static_cast<int64_t>(s.municipality_id),
               s.code, s.name, s.list);
  BindOptional(q, 6, s.partner_school_id);
  impl.Run(q);
  return impl.db.getLastInsertRowid();
}

std::optional<SchoolListing> DirectoryRepository::FindSchool(Id campaign_id,
                                                             const std::string& code) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kSchoolColumns) + "WHERE s.campaign_id = ? AND s.code = ?");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), code);
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadSchool(q);
}

std::optional<SchoolListing> DirectoryRepository::FindSchoolById(Id school_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kSchoolColumns) + "WHERE s.id = ?");
  q.bind(1, static_cast<int64_t>(school_id));
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return ReadSchool(q);
}

std::vector<SchoolListing> DirectoryRepository::Schools(Id campaign_id) {
  auto& impl = db_.impl();
  auto& q =
      impl.Prepare(std::string(kSchoolColumns) + "WHERE s.campaign_id = ? ORDER BY m.name, s.code");
  q.bind(1, static_cast<int64_t>(campaign_id));
  std::vector<SchoolListing> out;
  while (impl.Step(q)) out.push_back(ReadSchool(q));
  return out;
}

Id DirectoryRepository::InsertPerson(const PersonRecord& p) {
  auto& impl = db_.impl();
  auto& q =
      impl.Prepare("INSERT INTO people (campaign_id, full_name, email, phone) VALUES (?, ?, ?, ?)");
  SQLite::bind(q, static_cast<int64_t>(p.campaign_id), p.full_name, p.email, p.phone);
  impl.Run(q);
  return impl.db.getLastInsertRowid();
}

void DirectoryRepository::InsertRole(const RoleAssignment& r) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO person_roles (person_id, role, municipality_id, school_id) VALUES (?, ?, ?, ?)");
  SQLite::bind(q, static_cast<int64_t>(r.person_id), std::string(ToString(r.role)));
  BindOptional(q, 3, r.municipality_id);
  BindOptional(q, 4, r.school_id);
  impl.Run(q);
}

std::optional<PersonRecord> DirectoryRepository::FindPersonByEmail(Id campaign_id,
                                                                   const std::string& email) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT id, campaign_id, full_name, email, phone FROM people "
      "WHERE campaign_id = ? AND email = ? COLLATE NOCASE");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), email);
  SingleRow scope(q);
  if (!impl.Step(q)) return std::nullopt;
  return PersonRecord{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                      q.getColumn(2).getString(), q.getColumn(3).getString(),
                      q.getColumn(4).getString()};
}

std::vector<PersonWithRoles> DirectoryRepository::People(Id campaign_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT p.id, p.campaign_id, p.full_name, p.email, p.phone, "
      "r.person_id, r.role, r.municipality_id, r.school_id FROM people p "
      "LEFT JOIN person_roles r ON r.person_id = p.id WHERE p.campaign_id = ? "
      "ORDER BY p.full_name, p.id, r.rowid");
  q.bind(1, static_cast<int64_t>(campaign_id));
  std::vector<PersonWithRoles> out;
  while (impl.Step(q)) {
    Id id = q.getColumn(0).getInt64();
    if (out.empty() || out.back().person.id != id) {
      out.push_back({PersonRecord{id, q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                  q.getColumn(3).getString(), q.getColumn(4).getString()},
                     {}});
    }
    if (!q.getColumn(5).isNull()) out.back().roles.push_back(ReadRole(q, 5));
  }
  return out;
}

std::vector<PersonWithRoles> DirectoryRepository::PeopleServing(const SchoolRecord& school) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT p.id, p.campaign_id, p.full_name, p.email, p.phone, "
      "r.person_id, r.role, r.municipality_id, r.school_id FROM person_roles r "
      "JOIN people p ON p.id = r.person_id "
      "WHERE r.school_id = ? OR (r.school_id IS NULL AND r.municipality_id = ?) "
      "ORDER BY p.full_name, p.id, r.rowid");
  q.bind(1, static_cast<int64_t>(school.id));
  q.bind(2, static_cast<int64_t>(school.municipality_id));
  std::vector<PersonWithRoles> out;
  while (impl.Step(q)) {
    Id id = q.getColumn(0).getInt64();
    if (out.empty() || out.back().person.id != id) {
      out.push_back({PersonRecord{id, q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                  q.getColumn(3).getString(), q.getColumn(4).getString()},
                     {}});
    }
    out.back().roles.push_back(ReadRole(q, 5));
  }
  return out;
}

std::vector<RoleAssignment> DirectoryRepository::RolesOf(Id person_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT person_id, role, municipality_id, school_id FROM person_roles WHERE person_id = ? "
      "ORDER BY rowid");
  q.bind(1, static_cast<int64_t>(person_id));
  std::vector<RoleAssignment> out;
  while (impl.Step(q)) out.push_back(ReadRole(q, 0));
  return out;
}

}  // namespace shnor::storage
