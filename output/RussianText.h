#pragma once
// Russian conventions of official documents: dates as «23.01.2024» and «23 января 2024 г.»,
// a person as «Е.В. Иванова», and the agreement of a participle with the document it describes
// (УТВЕРЖДЕН приказ, УТВЕРЖДЕНА программа, УТВЕРЖДЕНО положение, УТВЕРЖДЕНЫ изменения).
#include <optional>
#include <string>

namespace shnor::output {

enum class Gender { Masculine, Feminine, Neuter, Plural };

// "masculine"/"m", "feminine"/"f", "neuter"/"n", "plural"/"pl"; nullopt for anything else.
std::optional<Gender> ParseGender(const std::string& text);

// "2024-01-23" -> "23.01.2024"; nullopt when the text is not an ISO date.
std::optional<std::string> NumericDate(const std::string& iso);
// "2024-01-23" -> "23 января 2024 г."; nullopt when the text is not an ISO date.
std::optional<std::string> LongDate(const std::string& iso);

// "Иванова Елена Викторовна" -> "Е.В. Иванова"; a name of one word stays as it is.
std::string Initials(const std::string& full_name);

// The short passive participle in the document's gender: ("утвержден", Feminine) -> "утверждена";
// the case of the first letter is kept, all capitals stay capitals ("УТВЕРЖДЕН" -> "УТВЕРЖДЕНА").
std::string Agree(const std::string& masculine, Gender gender);

// «Департамент образования и науки …» -> «Департамента образования и науки …», for «к приказу
// Департамента …». Only the head word declines (the rest of such names is already genitive);
// a name with an unknown head word comes back unchanged.
std::string AuthorityGenitive(const std::string& authority);

// 12 -> «12», 12.5 -> «12,5», -3.25 -> «-3,25»: at most two decimals, a comma, no trailing zeros.
std::string DecimalComma(double value);

}  // namespace shnor::output
