#pragma once
// Query parameters and JSON bodies of API requests, checked strictly: an unknown name or a value
// of the wrong type is a 400 naming it, so a misspelt filter or field never silently changes what
// a request means.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app/ApiTarget.h"
#include "engine/cases/ListPage.h"

namespace shnor::app {

void OnlyParams(const ApiTarget& target, std::initializer_list<std::string_view> known);
std::string Param(const ApiTarget& target, const std::string& name);
// "1"/"true" or "0"/"false"/absent.
bool FlagParam(const ApiTarget& target, const std::string& name);
// offset= and limit= of a paged list, absent or empty for the engine's defaults; a value that is
// not a plain decimal integer, or that the engine's range refuses, is a 400 naming it.
PageRequest PageParams(const ApiTarget& target);

// A request body: a JSON object (an empty body is an empty object) with only `known` fields.
class JsonBody {
 public:
  JsonBody(const std::string& body, std::initializer_list<std::string_view> known);
  std::string String(const std::string& name) const;  // "" when absent
  bool Bool(const std::string& name) const;           // false when absent
  std::optional<int> Int(const std::string& name) const;
  const nlohmann::json& Field(const std::string& name) const;  // null when absent

 private:
  [[noreturn]] static void WrongType(const std::string& name, const char* expected);
  nlohmann::json value_;
};

}  // namespace shnor::app
