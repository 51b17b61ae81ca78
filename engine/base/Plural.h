#pragma once
// Russian agreement of a noun with a number: 1 организация, 2 организации, 5 организаций,
// 11 организаций, 21 организация, 111 организаций.
#include <string>

namespace shnor {

// The form that goes with `n`: `one` for 1, 21, 101 …; `few` for 2–4, 22–24 …; `many` for 0,
// 5–20, 25–30, 111 … (the teens always take `many`).
const std::string& PluralForm(long long n, const std::string& one, const std::string& few,
                              const std::string& many);

// «43 завершили» needs no noun; «60 общеобразовательных организаций» does: the number and the
// agreeing form, with a no-break space between them.
std::string CountOf(long long n, const std::string& one, const std::string& few,
                    const std::string& many);

}  // namespace shnor
