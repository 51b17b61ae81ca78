#pragma once
// Regions send CSV in UTF-8 (with or without a BOM) or in Windows-1251, as older Excel saves it;
// Excel's "Unicode text" (.txt) is UTF-16 with a BOM.
#include <string>
#include <string_view>

namespace shnor::import {

// Well-formed UTF-8: no overlong forms, surrogates or code points above U+10FFFF.
bool IsValidUtf8(std::string_view bytes);
// Strips a UTF-8 BOM; decodes UTF-16 that starts with its BOM; keeps valid UTF-8; otherwise
// decodes Windows-1251.
std::string ToUtf8(std::string_view bytes);
std::string Cp1251ToUtf8(std::string_view bytes);

}  // namespace shnor::import
