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

}  // namespace shnor
