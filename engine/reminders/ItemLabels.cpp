#include "engine/reminders/ItemLabels.h"

#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor {

const ItemLabels::CaseLabel& ItemLabels::Of(storage::Id case_id) {
  auto found = cases_.find(case_id);
  if (found != cases_.end()) return found->second;
  CaseLabel label;
  label.school_code = "дело № " + std::to_string(case_id);
  label.school_name = label.school_code;
  if (auto record = storage::CaseRepository(ws_.db()).LoadHeader(case_id)) {
    label.definition = &ws_.workflows().Get(record->workflow_id, record->workflow_version);
    if (auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(record->school_id)) {
      label.school_code = school->school.code;
      label.school_name = school->school.name;
      label.municipality = school->municipality;
    }
  }
  return cases_.emplace(case_id, std::move(label)).first->second;
}

void ItemLabels::Fill(std::vector<ReminderItem>& items) {
  for (ReminderItem& item : items) {
    const CaseLabel& label = Of(item.case_id);
    item.school_code = label.school_code;
    item.school_name = label.school_name;
    item.municipality = label.municipality;
    const TaskDefinition* task =
        label.definition ? label.definition->FindTask(item.task_id) : nullptr;
    item.task_title = task ? task->title : item.task_id;
  }
}

}  // namespace shnor
