#pragma once
// The request target of an API call taken apart: decoded path segments and query parameters.
// Decoding happens once, here, so the routes see plain values and a "%2F" can never turn into a
// path separator behind their back.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shnor::app {

struct ApiTarget {
  std::vector<std::string> segments;         // "/api/cases/tmn-001" -> {"api", "cases", "tmn-001"}
  std::map<std::string, std::string> query;  // decoded; "+" is a space
};

// nullopt when the target is malformed: not an absolute path, a bad %-escape, a segment that
// decodes to one holding "/", "\" or NUL, or a query parameter given twice.
std::optional<ApiTarget> ParseTarget(std::string_view target);

// "%D0%90+b" -> "А b" (with plus_is_space); nullopt for a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// RFC 5987 value characters kept, every other byte as %XX: for filename*=UTF-8''...
std::string PercentEncodeAttr(std::string_view text);

// A Content-Disposition value for a download named `name`: RFC 6266 with an RFC 5987 UTF-8 name;
// old clients get the name with "_" per non-ASCII letter.
std::string Attachment(const std::string& name);

}  // namespace shnor::app
