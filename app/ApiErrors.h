#pragma once
// A refusal raised anywhere in a route and answered as JSON by ApiRoutes::Handle:
// {"error": {"code": "...", "message": "<Russian>"}} with the status below.
#include <string>

namespace shnor::app {

struct ApiError {
  int status;
  std::string code;
  std::string message;
};

[[noreturn]] inline void BadRequest(const std::string& message) {
  throw ApiError{400, "bad_request", message};
}
[[noreturn]] inline void Forbidden(const std::string& message) {
  throw ApiError{403, "forbidden", message};
}
[[noreturn]] inline void NotFound(const std::string& message) {
  throw ApiError{404, "not_found", message};
}

}  // namespace shnor::app
