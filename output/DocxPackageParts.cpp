#include "output/DocxPackageParts.h"

#include "output/DocxXml.h"

namespace shnor::output::docx {
namespace {

constexpr const char* kTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
constexpr const char* kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kWordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

void AddOverride(pugi::xml_node types, const char* part, const std::string& type) {
  pugi::xml_node node = types.append_child("Override");
  node.append_attribute("PartName") = part;
  node.append_attribute("ContentType") = type.c_str();
}

void AddDefault(pugi::xml_node types, const char* extension, const char* type) {
  pugi::xml_node node = types.append_child("Default");
  node.append_attribute("Extension") = extension;
  node.append_attribute("ContentType") = type;
}

pugi::xml_node StartRels(pugi::xml_document& part) {
  AddDeclaration(part);
  pugi::xml_node rels = part.append_child("Relationships");
  rels.append_attribute("xmlns") = kPackageRelNs;
  return rels;
}

void AddRel(pugi::xml_node rels, const char* id, const std::string& type, const char* target) {
  pugi::xml_node rel = rels.append_child("Relationship");
  rel.append_attribute("Id") = id;
  rel.append_attribute("Type") = type.c_str();
  rel.append_attribute("Target") = target;
}

std::string BuildRootRels() {
  pugi::xml_document part;
  pugi::xml_node rels = StartRels(part);
  AddRel(rels, "rId1", std::string(kOfficeRel) + "officeDocument", "word/document.xml");
  AddRel(rels, "rId2",
         "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml");
  AddRel(rels, "rId3", std::string(kOfficeRel) + "extended-properties", "docProps/app.xml");
  return Serialise(part);
}

std::string BuildApp() {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node props = part.append_child("Properties");
  props.append_attribute("xmlns") =
      "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
  props.append_child("Application").text() = "shnor";
  props.append_child("DocSecurity").text() = "0";
  return Serialise(part);
}

// W3CDTF at midnight UTC of the document's date; a document without one gets 1980-01-01, as its
// zip entries.
std::string Timestamp(const std::string& iso) {
  return (iso.empty() ? std::string("1980-01-01") : iso) + "T00:00:00Z";
}

void AddText(pugi::xml_node parent, const char* name, const std::string& text) {
  if (!text.empty()) parent.append_child(name).text() = XmlSafe(text).c_str();
}

void AddDate(pugi::xml_node parent, const char* name, const std::string& iso) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("xsi:type") = "dcterms:W3CDTF";
  node.text() = Timestamp(iso).c_str();
}

}  // namespace

std::string ContentTypesXml(bool with_png) {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node types = part.append_child("Types");
  types.append_attribute("xmlns") = kTypesNs;
  AddDefault(types, "rels", "application/vnd.openxmlformats-package.relationships+xml");
  AddDefault(types, "xml", "application/xml");
  if (with_png) AddDefault(types, "png", "image/png");
  const std::string word = kWordType;
  AddOverride(types, "/word/document.xml", word + "document.main+xml");
  AddOverride(types, "/word/styles.xml", word + "styles+xml");
  AddOverride(types, "/word/settings.xml", word + "settings+xml");
  AddOverride(types, "/word/header1.xml", word + "header+xml");
  AddOverride(types, "/word/header2.xml", word + "header+xml");
  AddOverride(types, "/docProps/core.xml",
              "application/vnd.openxmlformats-package.core-properties+xml");
  AddOverride(types, "/docProps/app.xml",
              "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  return Serialise(part);
}

const std::string& RootRelsXml() {
  static const std::string bytes = BuildRootRels();
  return bytes;
}

std::string DocumentRelsXml(bool with_qr) {
  pugi::xml_document part;
  pugi::xml_node rels = StartRels(part);
  const std::string office = kOfficeRel;
  AddRel(rels, "rIdStyles", office + "styles", "styles.xml");
  AddRel(rels, "rIdSettings", office + "settings", "settings.xml");
  AddRel(rels, kFirstHeaderId, office + "header", "header1.xml");
  AddRel(rels, kHeaderId, office + "header", "header2.xml");
  if (with_qr) AddRel(rels, kQrImageId, office + "image", "media/qr.png");
  return Serialise(part);
}

std::string CoreXml(const Document& doc) {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node core = part.append_child("cp:coreProperties");
  core.append_attribute("xmlns:cp") =
      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  core.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  core.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
  core.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  AddText(core, "dc:title", doc.title);
  AddText(core, "dc:subject", doc.subject);
  AddText(core, "dc:creator", doc.author);
  AddText(core, "dc:language", "ru-RU");
  AddDate(core, "dcterms:created", doc.date);
  AddDate(core, "dcterms:modified", doc.date);
  return Serialise(part);
}

const std::string& AppXml() {
  static const std::string bytes = BuildApp();
  return bytes;
}

}  // namespace shnor::output::docx
