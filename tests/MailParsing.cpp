#include "tests/MailParsing.h"

#include <cstdint>

namespace shnor::test {

std::string DecodeBase64(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t group = 0;
  int bits = 0;
  for (char c : text) {
    auto value = kAlphabet.find(c);
    if (value == std::string::npos) continue;  // padding, line breaks
    group = (group << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((group >> bits) & 0xFF);
    }
  }
  return out;
}

std::vector<std::string> Lines(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = bytes.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(bytes.substr(start, end - start));
  }
  return lines;
}

std::string HeaderSection(const std::string& bytes) {
  return bytes.substr(0, bytes.find("\r\n\r\n") + 2);
}

// The raw, still folded value of a header field of the top-level header section.
std::string RawHeader(const std::string& bytes, const std::string& name) {
  std::string headers = "\r\n" + HeaderSection(bytes);
  auto start = headers.find("\r\n" + name + ":");
  if (start == std::string::npos) return "";
  start += name.size() + 3;
  if (start < headers.size() && headers[start] == ' ') ++start;
  auto end = start;
  while ((end = headers.find("\r\n", end)) != std::string::npos && end + 2 < headers.size() &&
         headers[end + 2] == ' ') {
    end += 2;
  }
  return headers.substr(start, end - start);
}

std::vector<std::string> EncodedWords(const std::string& raw_value) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while ((start = raw_value.find("=?UTF-8?B?", start)) != std::string::npos) {
    auto end = raw_value.find("?=", start + 10);
    words.push_back(DecodeBase64(raw_value.substr(start + 10, end - start - 10)));
    start = end + 2;
  }
  return words;
}

}  // namespace shnor::test
