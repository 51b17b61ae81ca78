#include "output/MustacheCheck.h"

#include <stdexcept>

namespace shnor::output {
namespace {

std::string Trimmed(const std::string& s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

MustacheTag ReadTag(const std::string& text, std::size_t open) {
  bool triple = text.compare(open, 3, "{{{") == 0;
  const char* closer = triple ? "}}}" : "}}";
  std::size_t inner = open + (triple ? 3 : 2);
  std::size_t close = text.find(closer, inner);
  if (close == std::string::npos) {
    throw std::invalid_argument("тег «" + text.substr(open, 20) + "» не закрыт");
  }
  MustacheTag tag;
  tag.begin = open;
  tag.end = close + (triple ? 3 : 2);
  std::string body = Trimmed(text.substr(inner, close - inner));
  char first = body.empty() ? 0 : body[0];
  if (!triple && (first == '#' || first == '^' || first == '/' || first == '!' || first == '&')) {
    tag.kind = first == '&' ? 'v' : first;
    body = Trimmed(body.substr(1));
  } else if (!triple && (first == '>' || first == '=')) {
    throw std::invalid_argument("тег «{{" + body + "}}» не поддерживается в шаблонах документов");
  }
  if (tag.kind != '!' && body.empty()) throw std::invalid_argument("пустой тег «{{}}»");
  tag.name = body;
  return tag;
}

// Walks tags [from, to) in `frames`; returns the first unknown name or "".
std::string Walk(const std::vector<MustacheTag>& tags, std::size_t from, std::size_t to,
                 std::vector<const nlohmann::json*>& frames);

std::size_t MatchingClose(const std::vector<MustacheTag>& tags, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open + 1; i < tags.size(); ++i) {
    if ((tags[i].kind == '#' || tags[i].kind == '^') && tags[i].name == tags[open].name) ++depth;
    if (tags[i].kind == '/' && tags[i].name == tags[open].name && depth-- == 0) return i;
  }
  return tags.size();  // CheckSections refuses this before any walk
}

std::string WalkSection(const std::vector<MustacheTag>& tags, std::size_t open, std::size_t close,
                        const nlohmann::json& value, std::vector<const nlohmann::json*>& frames) {
  bool inverted = tags[open].kind == '^';
  if (inverted) return Truthy(value) ? "" : Walk(tags, open + 1, close, frames);
  if (!Truthy(value)) return "";
  if (value.is_array()) {
    for (const auto& element : value) {
      frames.push_back(&element);
      std::string unknown = Walk(tags, open + 1, close, frames);
      frames.pop_back();
      if (!unknown.empty()) return unknown;
    }
    return "";
  }
  frames.push_back(&value);
  std::string unknown = Walk(tags, open + 1, close, frames);
  frames.pop_back();
  return unknown;
}

std::string Walk(const std::vector<MustacheTag>& tags, std::size_t from, std::size_t to,
                 std::vector<const nlohmann::json*>& frames) {
  for (std::size_t i = from; i < to; ++i) {
    const MustacheTag& tag = tags[i];
    if (tag.kind == '!' || tag.kind == '/') continue;
    const nlohmann::json* value = Lookup(tag.name, frames);
    if (!value) return tag.name;
    if (tag.kind == 'v') continue;
    std::size_t close = MatchingClose(tags, i);
    std::string unknown = WalkSection(tags, i, close, *value, frames);
    if (!unknown.empty()) return unknown;
    i = close;
  }
  return "";
}

}  // namespace

std::vector<MustacheTag> TokenizeMustache(const std::string& text) {
  std::vector<MustacheTag> tags;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
    tags.push_back(ReadTag(text, at));
    at = tags.back().end;
  }
  return tags;
}

std::string CheckSections(const std::string& text) {
  std::vector<std::string> open;
  for (const MustacheTag& tag : TokenizeMustache(text)) {
    if (tag.kind == '#' || tag.kind == '^') open.push_back(tag.name);
    if (tag.kind != '/') continue;
    if (open.empty()) return "закрывающий тег «{{/" + tag.name + "}}» без открывающего";
    if (open.back() != tag.name) {
      return "секция «{{#" + open.back() + "}}» закрыта тегом «{{/" + tag.name + "}}»";
    }
    open.pop_back();
  }
  if (!open.empty()) return "секция «{{#" + open.back() + "}}» не закрыта";
  return "";
}

bool Truthy(const nlohmann::json& value) {
  if (value.is_null()) return false;
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_array()) return !value.empty();
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  return true;
}

const nlohmann::json* Lookup(const std::string& name,
                             const std::vector<const nlohmann::json*>& frames) {
  if (frames.empty()) return nullptr;
  if (name == ".") return frames.back();
  std::string head = name.substr(0, name.find('.'));
  const nlohmann::json* found = nullptr;
  for (auto it = frames.rbegin(); it != frames.rend() && !found; ++it) {
    if ((*it)->is_object() && (*it)->contains(head)) found = &(**it)[head];
  }
  for (std::size_t dot = name.find('.'); found && dot != std::string::npos;) {
    std::size_t next = name.find('.', dot + 1);
    std::string part = name.substr(dot + 1, next == std::string::npos ? next : next - dot - 1);
    found = found->is_object() && found->contains(part) ? &(*found)[part] : nullptr;
    dot = next;
  }
  return found;
}

std::string FirstUnknownName(const std::string& text, std::vector<const nlohmann::json*> frames) {
  auto tags = TokenizeMustache(text);
  return Walk(tags, 0, tags.size(), frames);
}

}  // namespace shnor::output
