#pragma once
// Small UTF-8 text helpers for Russian input.
#include <string>
#include <string_view>
#include <vector>

namespace shnor {

std::string Trim(std::string_view text);
// Lower-cases ASCII and Russian Cyrillic (А-Я, Ё); other bytes pass through.
std::string LowerRu(std::string_view text);
// Splits on any of `separators`, trims the parts and drops empty ones.
std::vector<std::string> SplitList(std::string_view text, std::string_view separators);
// "1 рабочий день", "3 рабочих дня", "5 рабочих дней": the number with the noun form Russian
// grammar asks for after it.
std::string CountOf(int n, const char* one, const char* few, const char* many);

// "за май 2024" for a monthly task's period "2024-05"; another text comes back unchanged.
std::string PeriodText(const std::string& period);

}  // namespace shnor
