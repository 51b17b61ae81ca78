#pragma once
// Packages of issued documents: one ZIP per school and stage, and one of the campaign's own
// documents, each with a manifest of SHA-256 sums, built from the registry's latest versions.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/workspace/Workspace.h"
#include "storage/DocumentRegistry.h"

namespace shnor {

struct PackageResult {
  std::filesystem::path path;
  std::string title;
  std::size_t files = 0;
};

// A package made to be handed out, never written to a folder.
struct PackageBytes {
  std::string name;  // the file name it would have in the documents folder
  std::string bytes;
  std::size_t files = 0;
};

class DocumentPackages {
 public:
  DocumentPackages(Workspace& workspace, std::filesystem::path root)
      : ws_(workspace), root_(std::move(root)) {}

  // The package of the school's documents of `stage`, written into the documents folder. Throws
  // InputError when the school is not in the campaign or has no documents of that stage,
  // DocumentError (naming the document and its file) when a file no longer has the registry's
  // checksum; nothing is written then.
  PackageResult ForSchool(const storage::CampaignRecord& campaign, const std::string& school_code,
                          const std::string& stage);
  // The same package in memory only, so that reading it changes nothing; throws as ForSchool.
  PackageBytes SchoolBytes(const storage::CampaignRecord& campaign, const std::string& school_code,
                           const std::string& stage);
  // Every school's package of every stage with documents, and the campaign's own package.
  std::vector<PackageResult> All(const storage::CampaignRecord& campaign);

 private:
  struct SchoolDocuments {
    storage::SchoolRecord school;
    std::vector<storage::DocumentRecord> documents;
  };
  SchoolDocuments OfSchool(const storage::CampaignRecord& campaign, const std::string& school_code,
                           const std::string& stage);
  PackageResult SchoolPackage(const storage::CampaignRecord& campaign,
                              const storage::SchoolRecord& school, const std::string& stage,
                              const std::vector<storage::DocumentRecord>& documents);
  PackageResult Write(const storage::CampaignRecord& campaign,
                      const std::vector<storage::DocumentRecord>& documents,
                      const std::filesystem::path& zip, const std::string& title);

  Workspace& ws_;
  std::filesystem::path root_;
};

}  // namespace shnor
