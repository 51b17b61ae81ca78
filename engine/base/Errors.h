#pragma once
// Errors the engine raises at its edge, so the CLI can map them to exit codes.
#include <stdexcept>
#include <string>

namespace shnor {

// Bad input from a person: a missing school, an unknown campaign, a malformed file. Exit code 4.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// No such school, case or document. Bad input to the CLI (exit 4); the API's 404.
class NotFound : public InputError {
 public:
  using InputError::InputError;
};

// The actor may not see or do this at all, however the case stands: a school outside their scope,
// a tool of another role. The message names what was refused. The API's 403, the CLI's exit 3.
class AccessDenied : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace shnor
