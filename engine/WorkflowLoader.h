#pragma once
// Reads a workflow definition from YAML and validates it. Every refusal names the file, the line
// and the reason in Russian, because the person fixing the file is an institute's administrator.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/WorkflowDefinition.h"

namespace shnor {

class DefinitionError : public std::runtime_error {
 public:
  DefinitionError(std::string file, int line, std::string reason);
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when the whole file is at fault
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  int line_;
  std::string reason_;
};

// REQUIRES: `source_name` names the text in messages (usually its path).
WorkflowDefinition LoadWorkflowText(std::string_view yaml, const std::string& source_name);
WorkflowDefinition LoadWorkflowFile(const std::filesystem::path& path);

}  // namespace shnor
