#include "output/DocxXml.h"

namespace shnor::output::docx {
namespace {

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

bool XmlForbidden(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n';
}

}  // namespace

pugi::xml_node AddVal(pugi::xml_node parent, const char* name, const char* value) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("w:val") = value;
  return node;
}

pugi::xml_node AddVal(pugi::xml_node parent, const char* name, int value) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("w:val") = value;
  return node;
}

void AddDeclaration(pugi::xml_document& part) {
  pugi::xml_node declaration = part.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  declaration.append_attribute("standalone") = "yes";
}

std::string Serialise(const pugi::xml_document& part) {
  StringWriter writer;
  writer.out.reserve(4096);
  part.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
  return std::move(writer.out);
}

namespace {

// The length of the valid sequence starting at `at` (a lead byte >= 0x80), 0 when invalid.
std::size_t SequenceLength(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  // Overlong three- and four-byte forms, surrogates, and past U+10FFFF.
  if (lead == 0xE0 && byte(1) < 0xA0) return 0;
  if (lead == 0xED && byte(1) >= 0xA0) return 0;
  if (lead == 0xF0 && byte(1) < 0x90) return 0;
  if (lead == 0xF4 && byte(1) >= 0x90) return 0;
  return length;
}

}  // namespace

std::size_t InvalidUtf8At(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = SequenceLength(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

bool HasXmlForbidden(std::string_view text) {
  for (char c : text) {
    if (XmlForbidden(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!XmlForbidden(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

}  // namespace shnor::output::docx
