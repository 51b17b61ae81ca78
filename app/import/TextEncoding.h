#pragma once
// Regions send CSV in UTF-8 (with or without a BOM) or in Windows-1251, as older Excel saves it.
#include <string>
#include <string_view>

namespace shnor::import {

bool IsValidUtf8(std::string_view bytes);
// Strips a UTF-8 BOM; keeps valid UTF-8; otherwise decodes Windows-1251.
std::string ToUtf8(std::string_view bytes);
std::string Cp1251ToUtf8(std::string_view bytes);

}  // namespace shnor::import
