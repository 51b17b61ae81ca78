#pragma once
// A letter's items as the outbox keeps them: compact JSON of references (case, task, period,
// deadline, kind), from which the letter is worded when it is sent. Storing the wording, or even
// the school and task names, would cost tens of megabytes a day at national scale; the names are
// looked up again at sending (ItemLabels) and the wording is deterministic.
#include <string>
#include <vector>

#include "engine/reminders/ReminderPlan.h"

namespace shnor {

std::string ItemsToJson(const std::vector<ReminderItem>& items);
// Throws std::runtime_error for text that ItemsToJson did not write. The items come back without
// school and task names; ItemLabels fills them in.
std::vector<ReminderItem> ItemsFromJson(const std::string& json);

}  // namespace shnor
