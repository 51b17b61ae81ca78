#pragma once
// The names a letter shows for its items — school, municipality, task title — looked up when
// the letter is worded, since the outbox keeps only references. One instance per delivery run:
// a curator's letter lists thousands of items of a few hundred schools, each looked up once.
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/reminders/ReminderPlan.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

class ItemLabels {
 public:
  explicit ItemLabels(Workspace& workspace) : ws_(workspace) {}

  // Fills school_code, school_name, municipality and task_title of every item. An item whose
  // case is gone is named by its case number rather than dropped: the reminder still matters.
  void Fill(std::vector<ReminderItem>& items);

 private:
  struct CaseLabel {
    std::string school_code;
    std::string school_name;
    std::string municipality;
    const WorkflowDefinition* definition = nullptr;
  };
  const CaseLabel& Of(storage::Id case_id);

  Workspace& ws_;
  std::unordered_map<storage::Id, CaseLabel> cases_;
};

}  // namespace shnor
