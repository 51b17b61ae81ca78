#pragma once
// A data file (workflow definition, campaign settings, production calendar) refused while
// loading. what() is "file:line: reason" ("file: reason" when the whole file is at fault), in
// Russian, because the person fixing the file is an institute's administrator.
#include <stdexcept>
#include <string>

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

}  // namespace shnor
