#pragma once
// Applies commands to cases: loads the case, asks the state machine, and writes the result and
// its audit event in one transaction. A refusal changes nothing.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/documents/DocumentService.h"
#include "engine/workflow/StateMachine.h"
#include "engine/workspace/AuditTrail.h"
#include "engine/workspace/Workspace.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

struct CommandResult {
  Outcome outcome;
  int version = 0;  // the case's version after the command (unchanged when refused)
  std::optional<storage::AuditEvent> event;
  std::vector<storage::DocumentRecord> documents;  // made by the transition, when enabled

  bool applied() const { return std::holds_alternative<Decision>(outcome); }
};

struct BulkLine {
  std::string school_code;
  std::string school_name;
  std::string municipality;
  bool applied = false;
  std::string message;  // the new stage, or the refusal's reasons
};

// A case with what `show` needs around it.
struct CaseView {
  CaseRecord record;
  storage::SchoolListing school;
  const WorkflowDefinition* definition = nullptr;
};

class CaseService {
 public:
  // With `documents`, transitions make the documents their definition names: rendered before
  // the write transaction from the case as the transition leaves it, registered inside it; a
  // document that cannot be made undoes the transition. Without it no documents are made.
  explicit CaseService(Workspace& workspace, DocumentService* documents = nullptr)
      : ws_(workspace), documents_(documents) {}

  // Opens the case of a newly imported school in the initial stage with its tasks.
  // Call inside the caller's transaction.
  storage::Id OpenCase(const storage::CampaignRecord& campaign,
                       const storage::SchoolListing& school, const Actor& actor);

  // Throws InputError when the school is not in the campaign.
  storage::Id CaseOfSchool(const storage::CampaignRecord& campaign, const std::string& school_code);
  CaseView View(storage::Id case_id);

  // Throws AccessDenied when the school is outside the actor's scope or the actor only reads;
  // what the actor's role may do with the case the state machine answers as a Refusal.
  CommandResult Execute(storage::Id case_id, const Command& command, const Actor& actor);

  // Advances every active case in `stage_id` (optionally of one municipality) that the actor may
  // change, each case atomic on its own, so one refusal does not hold back the others. Throws
  // AccessDenied for a role without the bulk advance.
  using Progress = std::function<void(std::size_t done, std::size_t total, std::size_t refused)>;
  std::vector<BulkLine> AdvanceStage(const storage::CampaignRecord& campaign,
                                     const std::string& stage_id, const std::string& municipality,
                                     const Command& command, const Actor& actor,
                                     const Progress& progress = {});

  std::vector<storage::CaseSummary> Summaries(const storage::CampaignRecord& campaign,
                                              storage::CaseFilter filter);

 private:
  const storage::CampaignRecord* CampaignOf(storage::Id campaign_id);
  static constexpr std::size_t kBulkBatch = 500;
  // A decision and its documents, prepared while reading, to be written under the lock.
  struct Planned {
    CaseRecord current;
    Decision decision;
    DocumentBatch batch;
  };
  // A batch of a bulk advance between reading and writing.
  struct BatchPlan {
    std::vector<CaseRecord> records;
    std::vector<Decision> decisions;
    std::vector<storage::CaseUpdate> updates;
    std::vector<AuditEntry> entries;
    DocumentBatch documents;
    const storage::CampaignRecord* campaign = nullptr;
  };
  struct PlannedCase {
    const CaseRecord* record;
    const Decision* decision;
  };
  CommandResult ExecuteWithDocuments(storage::Id case_id, const Command& command,
                                     const Actor& actor);
  std::optional<Planned> Plan(storage::Id case_id, const Command& command, const Actor& actor);
  std::optional<CommandResult> WriteWithoutDocuments(storage::Id case_id, const Command& command,
                                                     const Actor& actor);
  std::optional<CommandResult> WritePlanned(Planned& plan, const Command& command,
                                            const Actor& actor);
  CommandResult WriteOutcome(const CaseRecord& current, Outcome outcome, const Command& command,
                             const Actor& actor);
  DocumentBatch PrepareDocuments(const storage::CampaignRecord& campaign,
                                 const std::vector<PlannedCase>& cases);
  Outcome DecideFor(const CaseRecord& current, const Command& command, const Actor& actor);
  void CheckScope(const CaseRecord& current, const Actor& actor);
  void KeepChangeable(const storage::CampaignRecord& campaign, const Actor& actor,
                      std::vector<storage::StageMember>& members);
  void AdvanceBatch(const std::vector<storage::StageMember>& members,
                    const std::vector<std::size_t>& order, std::size_t first, std::size_t last,
                    const Command& command, const Actor& actor, std::vector<BulkLine>& lines);
  void PlanBatch(const std::vector<storage::StageMember>& members,
                 const std::vector<std::size_t>& order, std::size_t first, std::size_t last,
                 const Command& command, const Actor& actor, std::vector<BulkLine>& lines,
                 BatchPlan& plan);
  void WriteBatch(BatchPlan& plan, const Actor& actor);
  void RedoOneByOne(const std::vector<storage::StageMember>& members,
                    const std::vector<std::size_t>& order, std::size_t first, std::size_t last,
                    const Command& command, const Actor& actor, std::vector<BulkLine>& lines);
  static BulkLine LineOf(const storage::StageMember& member, const CommandResult& result);

  Workspace& ws_;
  DocumentService* documents_ = nullptr;
  std::map<storage::Id, storage::CampaignRecord> campaigns_;
};

}  // namespace shnor
