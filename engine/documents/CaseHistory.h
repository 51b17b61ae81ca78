#pragma once
// What a case's audit log tells its documents: the facts of its last transition of a kind (a
// return notice rendered again on demand) and when the school really was on each stage (the
// completion notice), rather than the stages' planned windows.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/documents/DocumentContext.h"
#include "storage/Records.h"

namespace shnor {

// The last event of `kind` ("return", "withdraw", …; a curator's override too) in `events`, as
// the transition's facts; nullopt when the case never had one.
std::optional<TransitionFacts> LastTransition(const std::vector<storage::AuditEvent>& events,
                                              const std::string& kind);

// Per stage the case entered, in the workflow's order: {id, title, from, to} with `from` the day
// it first entered the stage and `to` the day it last left it; a stage still held ends on
// `until_iso` (the completion's day), or "" when that is "".
nlohmann::json StageHistory(const std::vector<storage::AuditEvent>& events,
                            const WorkflowDefinition& def, const std::string& until_iso);

// The kind of transition ("return", "withdraw", "complete") whose document `document_id` is, when
// it needs that transition's facts; nullopt for documents of advances or of no transition.
std::optional<std::string> TransitionKindOf(const WorkflowDefinition& def,
                                            const std::string& document_id);

// Why a document of a `kind` transition cannot be made for a school that never had one.
std::string NoTransitionText(const std::string& kind, const std::string& school);

}  // namespace shnor
