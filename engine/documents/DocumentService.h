#pragma once
// Makes the project's documents: numbers them in the registry, renders them from templates/ with
// the context of the campaign or a case, and files them under the documents root. Rendering takes
// the time, so it happens before the write transaction, never inside it: a batch is prepared
// (numbered and given its contexts) while reading, rendered to its final content-addressed files
// (DocumentFiles) with no lock held, and registered inside the caller's short write transaction,
// which first checks that nobody took its numbers meanwhile (DocumentsMoved: prepare again).
// A failure leaves the case and the registry as they were; a file nobody registered is removed
// or, after a crash, swept.
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/documents/DocumentContext.h"
#include "engine/documents/DocumentFiles.h"
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

// Between preparing and registering a batch another writer took one of its numbers or versions:
// the batch must be prepared and rendered again.
class DocumentsMoved : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What to make: a template for the campaign or one school, with extra context keys (the
// interview schedule's slots). `record` is the case as a transition leaves it, before it is
// stored; without it the stored case is read.
struct DocumentRequest {
  std::string template_id;
  std::optional<storage::Id> case_id;
  const TransitionFacts* transition = nullptr;
  nlohmann::json extra = nlohmann::json::object();
  const CaseRecord* record = nullptr;
};

struct DocumentDraft;

// One batch of documents from Prepare to Finish or Abandon. Movable, not copyable.
struct DocumentBatch {
  DocumentBatch();
  ~DocumentBatch();
  DocumentBatch(DocumentBatch&&) noexcept;
  DocumentBatch& operator=(DocumentBatch&&) noexcept;

  std::vector<DocumentDraft> drafts;
  std::unique_ptr<DocumentFiles::WriterLock> lock;  // from the first file to the commit
  std::vector<storage::DocumentRecord> records;     // once registered
  bool empty() const { return drafts.empty(); }
};

class DocumentService {
 public:
  DocumentService(Workspace& workspace, std::filesystem::path templates_dir,
                  std::filesystem::path root);

  const std::filesystem::path& root() const { return files_.root(); }
  DocumentFiles& files() { return files_; }

  // Numbers the documents and gives them their contexts; call while reading (a read snapshot or
  // a transaction). Throws DocumentError or InputError.
  DocumentBatch Prepare(const storage::CampaignRecord& campaign,
                        const std::vector<DocumentRequest>& requests);
  // Renders the batch on every core and writes its files to their final places; call with no
  // transaction open. Throws DocumentError (the batch's files are then removed again).
  void Render(DocumentBatch& batch);
  // Inside the caller's write transaction: registers every file. Throws DocumentsMoved when a
  // number or version the batch was prepared with is taken by now.
  void Register(const storage::CampaignRecord& campaign, DocumentBatch& batch);
  // After the commit: the files are the registry's now.
  void Finish(DocumentBatch& batch) noexcept;
  // After a failure: removes the files this batch created.
  void Abandon(DocumentBatch& batch) noexcept;

  // Prepare, Render and Register in a transaction of its own, again when DocumentsMoved.
  std::vector<storage::DocumentRecord> Make(const storage::CampaignRecord& campaign,
                                            const DocumentRequest& request);
  std::vector<storage::DocumentRecord> MakeAll(const storage::CampaignRecord& campaign,
                                               const std::vector<DocumentRequest>& requests);

  // The template `id`, loaded once. Throws DocumentError when it is missing or malformed.
  const output::Template& TemplateOf(const std::string& id);

  // How often a batch is prepared again after DocumentsMoved before the writer gives up.
  static constexpr int kAttempts = 5;

 private:
  nlohmann::json ContextFor(const storage::CampaignRecord& campaign, const WorkflowDefinition& def,
                            const DocumentRequest& request, const std::string& number,
                            const std::string& today, DocumentDraft& draft);
  std::optional<TransitionFacts> RecordedTransition(const WorkflowDefinition& def,
                                                    const std::string& template_id,
                                                    const CaseRecord& record,
                                                    const std::string& school);
  DocumentDraft Draft(const storage::CampaignRecord& campaign, const DocumentRequest& request,
                      std::map<std::string, int>& issued);
  storage::DocumentNumber NumberOf(const storage::CampaignRecord& campaign,
                                   const DocumentDefinition& d, const storage::DocumentKey& key,
                                   int year, std::map<std::string, int>& issued);
  void DateByInterview(const storage::CampaignRecord& campaign, storage::Id case_id,
                       DocumentDraft& draft);
  void RenderOne(DocumentDraft& draft);
  void RegisterOne(const storage::CampaignRecord& campaign, const DocumentDraft& draft,
                   DocumentBatch& batch);

  Workspace& ws_;
  std::filesystem::path templates_dir_;
  DocumentFiles files_;
  std::map<std::string, std::unique_ptr<output::Template>> templates_;
};

}  // namespace shnor
