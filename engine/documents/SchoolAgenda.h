#pragma once
// What a notice asks of one school: the school's own tasks of its stage still to be done, in
// deadline order, each deadline ahead of the notice's date. The coordinator's and the curator's
// tasks are theirs, not the school's; a monthly task is one line («ежемесячно …») with its next
// deadline, its periods already past at the notice's date are not asked for.
#include <nlohmann/json.hpp>
#include <string>

#include "engine/domain/CaseRecords.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

// `stage` is the stage's element of the context's `stages` (its tasks' `due` in words);
// `date_iso` the notice's date. Rows: {id, title, due, due_iso, owner, reviewer, status}, dated
// ones by deadline, undated ones after them in the workflow's order.
nlohmann::json SchoolAgenda(const WorkflowDefinition& def, const CaseRecord& record,
                            const nlohmann::json& stage, const std::string& date_iso);

}  // namespace shnor
