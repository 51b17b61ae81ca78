// The people half of DirectoryImport.h: curators, coordinators, school contacts and mentors.
#include <map>
#include <optional>

#include "engine/base/Text.h"
#include "engine/cases/DirectoryImport.h"
#include "engine/cases/ImportText.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CampaignRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {
namespace {

using storage::Id;

std::optional<PersonRole> ParseRussianRole(const std::string& text) {
  static const std::map<std::string, PersonRole> kRoles{
      {"куратор", PersonRole::Curator},
      {"куратор проекта", PersonRole::Curator},
      {"муниципальный координатор", PersonRole::Coordinator},
      {"координатор", PersonRole::Coordinator},
      {"ответственный от оо", PersonRole::SchoolContact},
      {"ответственный", PersonRole::SchoolContact},
      {"наставник", PersonRole::Mentor},
  };
  auto it = kRoles.find(LowerRu(Trim(text)));
  if (it == kRoles.end()) return std::nullopt;
  return it->second;
}

bool LooksLikeEmail(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size()) return false;
  for (char c : email) {
    if (c == ' ' || c == ';' || c == ',' || static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

struct PendingPerson {
  storage::PersonRecord record;
  int first_line = 0;
  std::vector<storage::RoleAssignment> roles;
};

class PeopleChecker {
 public:
  PeopleChecker(Workspace& ws, const storage::CampaignRecord& campaign, ImportReport& report)
      : ws_(ws), campaign_(campaign), report_(report) {
    for (const auto& m : storage::CampaignRepository(ws.db()).Municipalities(campaign.id)) {
      municipalities_[m.name] = m.id;
    }
  }

  void Check(const PersonRow& row) {
    std::size_t before = report_.issues.size();
    if (row.full_name.empty()) Add(row.line, "не заполнено поле «ФИО»");
    for (const auto& [column, value] :
         {std::pair<const char*, const std::string&>{"ФИО", row.full_name},
          {"Телефон", row.phone}}) {
      if (auto problem = TextProblem(column, value)) Add(row.line, *problem);
    }
    if (row.email.empty()) {
      Add(row.line, "не заполнено поле «Электронная почта»");
    } else if (!LooksLikeEmail(row.email)) {
      Add(row.line, "неверный адрес электронной почты «" + row.email + "»");
    }
    auto role = ParseRussianRole(row.role);
    if (!role) {
      Add(row.line, "неизвестная роль «" + row.role +
                        "» (ожидается: куратор, муниципальный координатор, ответственный от ОО, "
                        "наставник)");
    }
    std::vector<storage::RoleAssignment> roles;
    if (role) roles = Assignments(row, *role);
    if (report_.issues.size() == before) Merge(row, roles);
  }

  std::map<std::string, PendingPerson>& people() { return people_; }

 private:
  void Add(int line, std::string message) { report_.issues.push_back({line, std::move(message)}); }

  std::optional<Id> Municipality(int line, const std::string& name) {
    auto it = municipalities_.find(name);
    if (it != municipalities_.end()) return it->second;
    Add(line, "неизвестное муниципальное образование «" + name + "»");
    return std::nullopt;
  }

  std::optional<Id> School(int line, const std::string& code) {
    if (code.empty()) {
      Add(line, "не заполнено поле «Код ОО»");
      return std::nullopt;
    }
    auto school = storage::DirectoryRepository(ws_.db()).FindSchool(campaign_.id, code);
    if (school) return school->school.id;
    Add(line, "школа с кодом «" + code + "» не найдена в проекте (сначала импортируйте школы)");
    return std::nullopt;
  }

  std::vector<storage::RoleAssignment> Assignments(const PersonRow& row, PersonRole role) {
    std::vector<storage::RoleAssignment> out;
    if (role == PersonRole::Curator || role == PersonRole::Coordinator) {
      auto names = SplitList(row.municipalities, ",;");
      if (names.empty()) Add(row.line, "не заполнено поле «Муниципальное образование»");
      if (role == PersonRole::Coordinator && names.size() > 1) {
        Add(row.line, "муниципальный координатор отвечает за одно муниципальное образование");
      }
      for (const auto& name : names) {
        if (auto id = Municipality(row.line, name)) out.push_back({0, role, *id, std::nullopt});
      }
    } else if (auto school = School(row.line, row.school_code)) {
      out.push_back({0, role, std::nullopt, *school});
    }
    return out;
  }

  void Merge(const PersonRow& row, std::vector<storage::RoleAssignment>& roles) {
    std::string key = LowerRu(row.email);
    auto [it, fresh] = people_.try_emplace(key);
    PendingPerson& person = it->second;
    if (fresh) {
      person.record = {0, campaign_.id, row.full_name, key, row.phone};
      person.first_line = row.line;
      if (storage::DirectoryRepository(ws_.db()).FindPersonByEmail(campaign_.id, key)) {
        Add(row.line, "человек с адресом «" + key + "» уже есть в проекте");
      }
    } else if (person.record.full_name != row.full_name) {
      Add(row.line, "адрес «" + key + "» в строке " + std::to_string(person.first_line) +
                        " указан для «" + person.record.full_name + "», а здесь для «" +
                        row.full_name + "»");
    }
    person.roles.insert(person.roles.end(), roles.begin(), roles.end());
  }

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
  ImportReport& report_;
  std::map<std::string, Id> municipalities_;
  std::map<std::string, PendingPerson> people_;
};

}  // namespace

ImportReport ImportPeople(Workspace& ws, const storage::CampaignRecord& campaign,
                          const std::string& source, const std::vector<PersonRow>& rows,
                          const Actor& actor) {
  ImportReport report{source, {}, 0};
  if (rows.empty()) report.issues.push_back({0, "в файле нет ни одного человека"});
  PeopleChecker checker(ws, campaign, report);
  for (const PersonRow& row : rows) checker.Check(row);
  if (!report.ok()) return report;
  storage::Database::Transaction transaction(ws.db());
  storage::DirectoryRepository directory(ws.db());
  for (auto& [email, person] : checker.people()) {
    Id id = directory.InsertPerson(person.record);
    for (auto role : person.roles) {
      role.person_id = id;
      directory.InsertRole(role);
    }
  }
  AuditEntry entry{
      std::nullopt, "import-people", "", "", "", "{\"rows\":" + std::to_string(rows.size()) + "}"};
  AuditTrail(ws).Record(campaign, actor, entry);
  transaction.Commit();
  report.imported = static_cast<int>(rows.size());
  return report;
}

}  // namespace shnor
