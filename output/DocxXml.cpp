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

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!XmlForbidden(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

}  // namespace shnor::output::docx
