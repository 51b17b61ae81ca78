#pragma once
// A task's deadline as an official document writes it: «18.03.2024» when it has a date, and in
// words when it has none — «ежемесячно, до 5-го рабочего дня месяца» for a monthly task, «в
// течение 15 рабочих дней после утверждения ДТК» for one that waits on another task's approval.
#include <string>

#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

// What the rule says in words; «» for a rule that always gives a date.
std::string DeadlineRuleText(const TaskDefinition& task, const WorkflowDefinition& workflow);

// The date «18.03.2024» when `due_iso` has one, else the rule in words.
std::string DueText(const TaskDefinition& task, const std::string& due_iso,
                    const WorkflowDefinition& workflow);

// For «Задача — {{due_by}}»: «до 18.03.2024», or the rule in words (never «до ежемесячно»).
std::string DueByText(const TaskDefinition& task, const std::string& due_iso,
                      const WorkflowDefinition& workflow);

}  // namespace shnor
