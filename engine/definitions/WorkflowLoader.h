#pragma once
// Reads a workflow definition from YAML and validates it. Every refusal names the file, the line
// and the reason in Russian, because the person fixing the file is an institute's administrator.
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/base/DefinitionError.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

// REQUIRES: `source_name` names the text in messages (usually its path).
WorkflowDefinition LoadWorkflowText(std::string_view yaml, const std::string& source_name);

}  // namespace shnor
