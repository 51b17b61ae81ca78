#include "engine/base/DefinitionError.h"

namespace shnor {

DefinitionError::DefinitionError(std::string file, int line, std::string reason)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace shnor
