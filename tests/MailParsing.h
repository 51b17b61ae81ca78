#pragma once
// Reading letters back in tests: the headers and bodies shnor writes, decoded independently of
// the code that wrote them.
#include <string>
#include <string_view>
#include <vector>

namespace shnor::test {

std::string DecodeBase64(std::string_view text);
std::vector<std::string> Lines(const std::string& bytes);  // split on CRLF
std::string HeaderSection(const std::string& bytes);
// The raw, still folded value of a header field of the top-level header section.
std::string RawHeader(const std::string& bytes, const std::string& name);
// The decoded texts of the RFC 2047 "=?UTF-8?B?...?=" words of a header value.
std::vector<std::string> EncodedWords(const std::string& raw_value);

}  // namespace shnor::test
