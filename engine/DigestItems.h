#pragma once
// A letter's items as the outbox keeps them: compact JSON, from which the letter is worded when
// it is sent. Storing the wording instead would cost kilobytes per letter, tens of thousands of
// letters a day at national scale; the wording is deterministic, so nothing is lost.
#include <string>
#include <vector>

#include "engine/ReminderPlan.h"

namespace shnor {

std::string ItemsToJson(const std::vector<ReminderItem>& items);
// Throws std::runtime_error for text that ItemsToJson did not write.
std::vector<ReminderItem> ItemsFromJson(const std::string& json);

}  // namespace shnor
