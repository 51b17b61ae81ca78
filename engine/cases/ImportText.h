#pragma once
// What an imported text may hold so that every later step can use it: the documents must print
// it, the pages must show it as it is, and a code must be safe in a file name and a web address.
// Each check gives the problem in Russian, naming the field, the character's place in it and what
// the character is, or nullopt when the text is fine.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shnor {

// The longest name an import takes, in characters: far above any real school's or person's.
inline constexpr std::size_t kMaxImportedText = 500;

// No malformed UTF-8, no control, bidi or zero-width characters, nothing the documents' font
// cannot draw (emoji), at most kMaxImportedText characters.
std::optional<std::string> TextProblem(std::string_view field, std::string_view value);

// The longest reason or comment a command takes, in characters (the web form's limit).
inline constexpr std::size_t kMaxFreeText = 2000;
// A command's reason or comment: as TextProblem, but line breaks and tabs are welcome.
std::optional<std::string> FreeTextProblem(std::string_view field, std::string_view value);

// A school's code: Latin letters, digits, «.», «_», «-», not starting with a dot, at most 64.
std::optional<std::string> CodeProblem(std::string_view field, std::string_view code);

}  // namespace shnor
