#pragma once
// The JSON context a document template is rendered against (templates/README.md is its
// contract): what the campaign, a case, its people, tasks and deadlines say, in the words and
// date forms an official document prints.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/workflow/WorkflowDefinition.h"
#include "engine/workspace/Workspace.h"
#include "storage/DirectoryRepository.h"
#include "storage/Records.h"

namespace shnor {

// What a transition tells the document it makes: `transition` in the context.
struct TransitionFacts {
  std::string kind;  // "advance", "return", …
  std::string from;  // stage ids
  std::string to;
  std::string reason;
};

// {date «23.01.2024», date_long «23 января 2024 г.», iso}; all "" when `iso` is "".
nlohmann::json DateFacts(const std::string& iso);

// {position, name «Е.В. Иванова», full_name, email, phone}.
nlohmann::json PersonFacts(const std::string& position, const std::string& full_name,
                           const std::string& email = "", const std::string& phone = "");

class DocumentContext {
 public:
  DocumentContext(Workspace& workspace, const storage::CampaignRecord& campaign,
                  const WorkflowDefinition& definition);

  // The keys every document has; `document` is the registry's number and date.
  nlohmann::json Common(const std::string& number, const std::string& iso_date);

  // Adds the keys of a document about one school, as the case stands (after a transition).
  void AddSchool(nlohmann::json& context, const CaseRecord& record,
                 const storage::SchoolListing& school, const TransitionFacts* transition);

  // Adds the keys of a document about the whole campaign; overdue is judged against `today`.
  void AddCampaign(nlohmann::json& context, const std::string& today);

 private:
  nlohmann::json Stages();
  // `school_tasks` and `stage_history` (DocumentContextSchool.cpp).
  void AddSchoolHistory(nlohmann::json& context, const CaseRecord& record);
  nlohmann::json TaskFacts(const TaskRecord& task);
  // «18.03.2024», or the rule in words when it has no date (TaskDeadlineText.h).
  std::string DueOf(const TaskDefinition& task, const std::string& stage_id);
  std::string DueIsoOf(const TaskDefinition& task, const std::string& stage_id);

  Workspace& ws_;
  const storage::CampaignRecord& campaign_;
  const WorkflowDefinition& def_;
  std::map<std::string, std::map<std::string, std::string>> rule_dues_;  // stage -> task -> ISO
};

}  // namespace shnor
