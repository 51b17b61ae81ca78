#pragma once
// The project's own documents as the web page and the CLI see them: the regional order, the
// reports, the interview schedule (campaign-wide, every version and format) and the interview
// protocols of the viewer's schools; and who may make which of them. The adapters only format.
#include <optional>
#include <string>
#include <vector>

#include "engine/cases/ListPage.h"
#include "engine/documents/DocumentService.h"
#include "engine/domain/Actor.h"
#include "storage/DocumentRegistry.h"

namespace shnor {

// One campaign-wide kind of document with all its versions, newest first; `may_make` when the
// viewer may make a new version here (the schedule is made from its own form, with its days).
struct ProjectDocumentKind {
  std::string template_id;
  bool may_make = false;
  std::vector<storage::DocumentRecord> documents;
};

// A school's document in the project's list: its files (one number and version, each format)
// with the school it is about.
struct SchoolDocument {
  std::vector<storage::DocumentRecord> files;
  std::string school_code;
  std::string school_name;
};

class ProjectDocuments {
 public:
  ProjectDocuments(Workspace& workspace, const storage::CampaignRecord& campaign)
      : ws_(workspace), campaign_(campaign) {}

  // The campaign-wide kinds of the workflow, in its order. Throws AccessDenied unless the viewer
  // reads the project as a whole.
  std::vector<ProjectDocumentKind> Kinds(const Actor& viewer);
  // The latest interview protocols of the viewer's schools (all when `school_code` is empty),
  // by school code then stage.
  Page<SchoolDocument> Protocols(const Actor& viewer, const std::string& school_code,
                                 const PageRequest& page);
  // Makes `request`'s document as `actor`: a campaign-wide one needs the project's tools, a
  // school's one the right to change that school's case. Throws AccessDenied or InputError.
  std::vector<storage::DocumentRecord> Make(const Actor& actor, DocumentService& documents,
                                            const DocumentRequest& request);

 private:
  const WorkflowDefinition& Definition();
  void RequireMay(const Actor& actor, const DocumentRequest& request);

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
};

}  // namespace shnor
