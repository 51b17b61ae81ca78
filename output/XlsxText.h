#pragma once
// Text in a spreadsheet cell wraps wherever the spreadsheet likes: the spaces that must not break
// become no-break spaces first (U+00A0) — after initials («А.С. Берестова») and before initials
// after a surname («Берестова А.С.») — so a name never loses its initials at a line's end. Other
// spaces stay plain: a reader filters and searches the cells by what they type («СОШ № 97»).
#include <string>
#include <string_view>

namespace shnor::output {

std::string KeepTogether(std::string_view text);

}  // namespace shnor::output
