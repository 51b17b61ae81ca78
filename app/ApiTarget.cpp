#include "app/ApiTarget.h"

#include <cstring>

namespace shnor::app {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool SafeSegment(const std::string& segment) {
  return segment.find_first_of(std::string_view("/\\\0", 3)) == std::string::npos;
}

bool ParsePath(std::string_view path, ApiTarget& target) {
  auto parts = Split(path.substr(1), '/');
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();  // "/api/cases/"
  for (auto part : parts) {
    auto segment = PercentDecode(part, false);
    if (!segment || !SafeSegment(*segment)) return false;
    target.segments.push_back(std::move(*segment));
  }
  return true;
}

bool ParseQuery(std::string_view query, ApiTarget& target) {
  if (query.empty()) return true;
  for (auto pair : Split(query, '&')) {
    if (pair.empty()) continue;  // "a=1&&b=2"
    auto eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value || name->empty()) return false;
    if (!target.query.emplace(std::move(*name), std::move(*value)).second) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

std::optional<ApiTarget> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  auto question = target.find('?');
  ApiTarget parsed;
  if (!ParsePath(target.substr(0, question), parsed)) return std::nullopt;
  if (question != std::string_view::npos && !ParseQuery(target.substr(question + 1), parsed)) {
    return std::nullopt;
  }
  return parsed;
}

std::string PercentEncodeAttr(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                (c != 0 && std::strchr("!#$&+-.^_`|~", c) != nullptr);
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Attachment(const std::string& name) {
  std::string ascii;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: its letter is one "_"
    ascii += (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncodeAttr(name);
}

}  // namespace shnor::app
