#include "engine/documents/DocumentPackages.h"

#include <map>

#include "engine/base/Errors.h"
#include "engine/documents/DocumentService.h"
#include "output/DocumentPackage.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {
namespace fs = std::filesystem;

namespace {

// "stage-notice_12-УП_v2_3f9a2c1b7d40.pdf" -> "stage-notice_12-УП.pdf": inside a package only
// the latest version is, so the version and checksum suffix say nothing. Files named before the
// checksum was part of the name end in "_v2.pdf".
std::string EntryName(const storage::DocumentRecord& doc) {
  std::string name = fs::path(doc.path).stem().string();
  const std::size_t cut = name.rfind("_v" + std::to_string(doc.version));
  if (cut != std::string::npos && cut > 0) name.resize(cut);
  return name + "." + doc.format;
}

// Each with the registry's sum, which its file must still have.
std::vector<output::PackageFile> FilesOf(const fs::path& root,
                                         const std::vector<storage::DocumentRecord>& documents) {
  std::vector<output::PackageFile> files;
  for (const auto& doc : documents) files.push_back({EntryName(doc), root / doc.path, doc.sha256});
  return files;
}

std::string SchoolPackageName(const storage::SchoolRecord& school, const std::string& stage) {
  return "пакет_" + school.code + "_этап-" + stage + ".zip";
}

std::string SchoolPackageTitle(const storage::SchoolRecord& school, const std::string& stage) {
  return "Документы: " + school.name + ", этап " + stage;
}

// The document is named as the registry and `docs list` name it, so it can be found and made
// again; the file by its registry path, never by the server's own folders.
std::string ChangedText(const std::string& package, const storage::DocumentRecord& doc) {
  return "пакет «" + package + "» не собран: файл документа № " + doc.number + " (" + doc.kind +
         ", версия " + std::to_string(doc.version) + ") «" + doc.path +
         "» не совпадает с контрольной суммой в реестре — он изменён после выпуска; восстановите "
         "файл или составьте документ заново";
}

// Called in a catch block: the package's own errors in the engine's terms, others as they are.
[[noreturn]] void RethrowPackageError(const std::string& package,
                                      const std::vector<storage::DocumentRecord>& documents) {
  try {
    throw;
  } catch (const output::PackageSourceChanged& e) {
    throw DocumentError(ChangedText(package, documents.at(e.index())));
  } catch (const output::PackageError& e) {
    throw InputError("пакет «" + package + "» не собран: " + e.what());
  }
}

}  // namespace

PackageResult DocumentPackages::Write(const storage::CampaignRecord& campaign,
                                      const std::vector<storage::DocumentRecord>& documents,
                                      const fs::path& zip, const std::string& title) {
  try {
    output::WritePackage(zip, FilesOf(root_, documents), title, ws_.Today(campaign));
  } catch (const output::PackageError&) {
    RethrowPackageError(zip.string(), documents);
  }
  return PackageResult{zip, title, documents.size()};
}

DocumentPackages::SchoolDocuments DocumentPackages::OfSchool(
    const storage::CampaignRecord& campaign, const std::string& school_code,
    const std::string& stage) {
  auto school = storage::DirectoryRepository(ws_.db()).FindSchool(campaign.id, school_code);
  if (!school) throw InputError("школа с кодом «" + school_code + "» не найдена в проекте");
  auto record = storage::CaseRepository(ws_.db()).LoadBySchool(school->school.id);
  storage::DocumentFilter filter;
  filter.campaign_id = campaign.id;
  filter.stage = stage;
  std::vector<storage::DocumentRecord> documents;
  if (record) {
    filter.case_id = record->id;
    documents = storage::DocumentRegistry(ws_.db()).List(filter);
  }
  if (documents.empty()) {
    throw InputError("у школы «" + school_code + "» нет документов этапа " + stage);
  }
  return SchoolDocuments{school->school, std::move(documents)};
}

PackageResult DocumentPackages::ForSchool(const storage::CampaignRecord& campaign,
                                          const std::string& school_code,
                                          const std::string& stage) {
  SchoolDocuments found = OfSchool(campaign, school_code, stage);
  return SchoolPackage(campaign, found.school, stage, found.documents);
}

PackageBytes DocumentPackages::SchoolBytes(const storage::CampaignRecord& campaign,
                                           const std::string& school_code,
                                           const std::string& stage) {
  SchoolDocuments found = OfSchool(campaign, school_code, stage);
  PackageBytes package{SchoolPackageName(found.school, stage), "", found.documents.size()};
  try {
    package.bytes =
        output::BuildPackage(FilesOf(root_, found.documents),
                             SchoolPackageTitle(found.school, stage), ws_.Today(campaign))
            .bytes;
  } catch (const output::PackageError&) {
    RethrowPackageError(package.name, found.documents);
  }
  return package;
}

PackageResult DocumentPackages::SchoolPackage(
    const storage::CampaignRecord& campaign, const storage::SchoolRecord& school,
    const std::string& stage, const std::vector<storage::DocumentRecord>& documents) {
  const fs::path zip = root_ / campaign.code / school.code / SchoolPackageName(school, stage);
  return Write(campaign, documents, zip, SchoolPackageTitle(school, stage));
}

std::vector<PackageResult> DocumentPackages::All(const storage::CampaignRecord& campaign) {
  storage::DocumentRegistry registry(ws_.db());
  storage::CaseRepository cases(ws_.db());
  std::vector<PackageResult> results;
  for (const auto& school : storage::DirectoryRepository(ws_.db()).Schools(campaign.id)) {
    auto record = cases.LoadBySchool(school.school.id);
    if (!record) continue;
    storage::DocumentFilter filter;
    filter.campaign_id = campaign.id;
    filter.case_id = record->id;
    // One listing per school, split by stage, in registration order as ForSchool lists them.
    std::map<std::string, std::vector<storage::DocumentRecord>> by_stage;
    for (auto& doc : registry.List(filter)) by_stage[doc.stage].push_back(std::move(doc));
    for (const auto& [stage, documents] : by_stage) {
      results.push_back(SchoolPackage(campaign, school.school, stage, documents));
    }
  }
  storage::DocumentFilter own;
  own.campaign_id = campaign.id;
  own.campaign_wide = true;
  auto documents = registry.List(own);
  if (!documents.empty()) {
    results.push_back(Write(campaign, documents,
                            root_ / campaign.code / "проект" / "пакет_проект.zip",
                            "Документы проекта: " + campaign.title));
  }
  if (results.empty()) throw InputError("в реестре нет документов: собирать нечего");
  return results;
}

}  // namespace shnor
