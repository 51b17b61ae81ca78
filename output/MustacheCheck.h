#pragma once
// mstch renders a missing name or an unclosed section as empty text, without a word; in an
// official document that is a hole nobody notices. These checks walk a Mustache string as mstch
// would, over the same JSON context, and name what is wrong.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace shnor::output {

struct MustacheTag {
  char kind = 'v';  // 'v' value, '#' section, '^' inverted, '/' close, '!' comment
  std::string name;
  std::size_t begin = 0;  // of "{{"
  std::size_t end = 0;    // past "}}"
};

// Throws std::invalid_argument (Russian) for an unterminated tag, a partial or a delimiter change.
std::vector<MustacheTag> TokenizeMustache(const std::string& text);

// "" when sections are balanced, else the Russian reason naming the section.
std::string CheckSections(const std::string& text);

// The context frames, innermost last. Returns the first name that resolves in no frame, walking
// into sections over lists element by element (so a key missing from one element is found);
// "" when every name resolves.
std::string FirstUnknownName(const std::string& text, std::vector<const nlohmann::json*> frames);

// Whether a section over `value` renders its body, as Mustache decides.
bool Truthy(const nlohmann::json& value);

// Resolves a dotted name ("school.name", ".") in the frames, innermost first; nullptr if absent.
const nlohmann::json* Lookup(const std::string& name,
                             const std::vector<const nlohmann::json*>& frames);

}  // namespace shnor::output
