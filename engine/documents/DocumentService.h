#pragma once
// Makes the project's documents: numbers them in the registry, renders them from templates/ with
// the context of the campaign or a case, and files them under the documents root. A document
// belongs to the transaction that made it: it is rendered to a staging folder and registered
// inside the caller's transaction, moved into place only after the commit, and deleted if the
// transaction fails, so a failure leaves the case, the registry and the folder as they were.
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/documents/DocumentContext.h"
#include "engine/workflow/WorkflowDefinition.h"
#include "engine/workspace/Workspace.h"
#include "output/Template.h"
#include "storage/DocumentRegistry.h"

namespace shnor {

// A document that could not be made; the message is Russian and names the document and why.
class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The files of one transaction's documents while it is open.
struct StagedDocuments {
  struct File {
    std::filesystem::path staged;
    std::filesystem::path target;
  };
  std::vector<File> files;
  std::vector<storage::DocumentRecord> records;
};

// What to make: a template for the campaign or one school, with extra context keys (the
// interview schedule's slots).
struct DocumentRequest {
  std::string template_id;
  std::optional<storage::Id> case_id;
  const TransitionFacts* transition = nullptr;
  nlohmann::json extra = nlohmann::json::object();
};

class DocumentService {
 public:
  DocumentService(Workspace& workspace, std::filesystem::path templates_dir,
                  std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }

  // Renders and registers `request` (one file per format of the document) inside the caller's
  // open transaction. Throws DocumentError; the caller then rolls back and calls Discard.
  void Stage(const storage::CampaignRecord& campaign, const DocumentRequest& request,
             StagedDocuments& staged);
  // After the commit: moves the files into place.
  void Publish(StagedDocuments& staged);
  // After a failure: deletes the staged files.
  void Discard(StagedDocuments& staged) noexcept;

  // Stage + commit + Publish in a transaction of its own.
  std::vector<storage::DocumentRecord> Make(const storage::CampaignRecord& campaign,
                                            const DocumentRequest& request);

  // The template `id`, loaded once. Throws DocumentError when it is missing or malformed.
  const output::Template& TemplateOf(const std::string& id);

  // Stage for many documents at once (a bulk advance): numbered and given their contexts one by
  // one, rendered on every core, registered one by one.
  void StageAll(const storage::CampaignRecord& campaign,
                const std::vector<DocumentRequest>& requests, StagedDocuments& staged);

 private:
  struct Rendering;
  nlohmann::json ContextFor(const storage::CampaignRecord& campaign, const WorkflowDefinition& def,
                            const DocumentRequest& request, const std::string& number,
                            const std::string& today, std::string& stage, std::string& folder);
  Rendering Prepare(const storage::CampaignRecord& campaign, const DocumentRequest& request,
                    std::map<std::string, int>& issued);
  storage::DocumentNumber NumberOf(const storage::CampaignRecord& campaign,
                                   const DocumentDefinition& d, const storage::DocumentKey& key,
                                   int year, std::map<std::string, int>& issued);
  std::filesystem::path StagingFile(const std::string& ext);
  static void RenderAll(std::vector<Rendering>& batch);
  static void RenderOne(Rendering& r);
  void Register(const storage::CampaignRecord& campaign, Rendering& r, StagedDocuments& staged);
  void RemoveEmptyStaging() const noexcept;

  Workspace& ws_;
  std::filesystem::path templates_dir_;
  std::filesystem::path root_;
  std::map<std::string, std::unique_ptr<output::Template>> templates_;
  int staged_count_ = 0;
  bool created_root_ = false;  // by this service: an empty one is removed again
};

}  // namespace shnor
