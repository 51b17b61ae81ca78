#pragma once
// Template + JSON context -> Document: every string expanded by mstch after the same walk has
// checked that the context provides each name, lists numbered (1., 1.1., 2.1.3.), table rows and
// list items repeated over the context's lists. Values are printed literally: «83/ОД» stays so.
#include <nlohmann/json.hpp>

#include "output/Document.h"
#include "output/Template.h"

namespace shnor::output {

// The context as the template sees it: `context` plus, in every element of every list, `index`
// (1-based, unless the element has one), `template.approved` / `template.approved_lower`:
// «УТВЕРЖДЕН» agreed with the template's gender, and the template's `data` with its strings
// rendered against all that (data lists get `index` too).
//
// Throws TemplateError with the template's file, the string's line and the name the context
// lacks, a data key the context already has (at the key's line), or a chart value that is not
// a number.
Document RenderTemplate(const Template& tmpl, const nlohmann::json& context);

}  // namespace shnor::output
