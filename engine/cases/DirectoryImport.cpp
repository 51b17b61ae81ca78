#include "engine/cases/DirectoryImport.h"

#include <map>
#include <optional>
#include <set>

#include "engine/base/Text.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/ImportText.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CampaignRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {
namespace {

using storage::Id;

std::map<std::string, Id> MunicipalityIds(Workspace& ws, Id campaign_id) {
  std::map<std::string, Id> ids;
  for (const auto& m : storage::CampaignRepository(ws.db()).Municipalities(campaign_id)) {
    ids[m.name] = m.id;
  }
  return ids;
}

std::string Quoted(const std::string& text) {
  return "«" + text + "»";
}

std::optional<std::string> NormaliseList(const std::string& text) {
  std::string t = Trim(text);
  while (!t.empty() && t.back() == '.') t.pop_back();
  for (char& c : t) {
    if (c == ',') c = '.';
  }
  if (t == "1.1" || t == "1.2") return t;
  return std::nullopt;
}

class SchoolChecker {
 public:
  SchoolChecker(Workspace& ws, const storage::CampaignRecord& campaign, ImportReport& report)
      : ws_(ws),
        campaign_(campaign),
        report_(report),
        municipalities_(MunicipalityIds(ws, campaign.id)) {}

  void Check(const SchoolRow& row) {
    std::size_t before = report_.issues.size();
    Require(row.line, row.code, "Код ОО");
    Require(row.line, row.name, "Наименование ОО");
    Require(row.line, row.municipality, "Муниципальное образование");
    if (!row.municipality.empty() && !municipalities_.count(row.municipality)) {
      Add(row.line, "неизвестное муниципальное образование " + Quoted(row.municipality) +
                        " (его нет в настройках проекта)");
    }
    CheckText(row.line, "Код ОО", row.code, CodeProblem);
    CheckText(row.line, "Наименование ОО", row.name, TextProblem);
    CheckText(row.line, "Школа-партнёр", row.partner_school, TextProblem);
    if (!NormaliseList(row.list)) {
      Add(row.line, "в поле «Список» должно быть 1.1 или 1.2, а указано " + Quoted(row.list));
    }
    if (report_.issues.size() == before) CheckDuplicates(row);
  }

 private:
  void Add(int line, std::string message) { report_.issues.push_back({line, std::move(message)}); }
  void Require(int line, const std::string& value, const char* column) {
    if (value.empty()) Add(line, std::string("не заполнено поле «") + column + "»");
  }
  using Problem = std::optional<std::string> (*)(std::string_view, std::string_view);
  void CheckText(int line, std::string_view column, const std::string& value, Problem problem) {
    if (auto found = problem(column, value)) Add(line, *found);
  }

  void CheckDuplicates(const SchoolRow& row) {
    auto [code_it, fresh_code] = codes_.emplace(row.code, row.line);
    if (!fresh_code) {
      Add(row.line, "школа с кодом " + Quoted(row.code) + " уже указана в строке " +
                        std::to_string(code_it->second));
    }
    auto [name_it, fresh_name] = names_.emplace(row.municipality + "\n" + row.name, row.line);
    if (!fresh_name) {
      Add(row.line,
          "школа " + Quoted(row.name) + " уже указана в строке " + std::to_string(name_it->second));
    }
    if (storage::DirectoryRepository(ws_.db()).FindSchool(campaign_.id, row.code)) {
      Add(row.line, "школа с кодом " + Quoted(row.code) + " уже есть в проекте");
    }
  }

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
  ImportReport& report_;
  std::map<std::string, Id> municipalities_;
  std::map<std::string, int> codes_;
  std::map<std::string, int> names_;
};

void StoreSchools(Workspace& ws, const storage::CampaignRecord& campaign,
                  const std::vector<SchoolRow>& rows, const Actor& actor) {
  auto municipalities = MunicipalityIds(ws, campaign.id);
  storage::DirectoryRepository directory(ws.db());
  CaseService cases(ws);
  for (const SchoolRow& row : rows) {
    storage::SchoolRecord school;
    school.campaign_id = campaign.id;
    school.municipality_id = municipalities.at(row.municipality);
    school.code = row.code;
    school.name = row.name;
    school.list = *NormaliseList(row.list);
    if (!row.partner_school.empty()) {
      school.partner_school_id =
          directory.EnsurePartnerSchool(campaign.id, school.municipality_id, row.partner_school);
    }
    school.id = directory.InsertSchool(school);
    cases.OpenCase(campaign, storage::SchoolListing{school, row.municipality, row.partner_school},
                   actor);
  }
}

}  // namespace

std::string ImportReport::Text() const {
  std::string text;
  for (const ImportIssue& issue : issues) {
    text += source;
    if (issue.line > 0) text += ", строка " + std::to_string(issue.line);
    text += ": " + issue.message + "\n";
  }
  return text;
}

ImportReport ImportSchools(Workspace& ws, const storage::CampaignRecord& campaign,
                           const std::string& source, const std::vector<SchoolRow>& rows,
                           const Actor& actor) {
  ImportReport report{source, {}, 0};
  if (rows.empty()) report.issues.push_back({0, "в файле нет ни одной школы"});
  SchoolChecker checker(ws, campaign, report);
  for (const SchoolRow& row : rows) checker.Check(row);
  if (!report.ok()) return report;
  storage::Database::Transaction transaction(ws.db());
  StoreSchools(ws, campaign, rows, actor);
  AuditEntry entry{
      std::nullopt, "import-schools", "", "", "", "{\"rows\":" + std::to_string(rows.size()) + "}"};
  AuditTrail(ws).Record(campaign, actor, entry);
  transaction.Commit();
  report.imported = static_cast<int>(rows.size());
  return report;
}

}  // namespace shnor
