#include "output/DocxSettings.h"

#include "output/DocxStyles.h"
#include "output/DocxXml.h"

namespace shnor::output::docx {
namespace {

std::string BuildSettings() {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node settings = part.append_child("w:settings");
  settings.append_attribute("xmlns:w") = kMainNs;
  settings.append_child("w:zoom").append_attribute("w:percent") = 100;
  AddVal(settings, "w:autoHyphenation", "true");
  AddVal(settings, "w:consecutiveHyphenLimit", 3);
  AddVal(settings, "w:hyphenationZone", Twips(5));
  AddVal(settings, "w:defaultTabStop", kIndent);
  AddVal(settings, "w:characterSpacingControl", "doNotCompress");
  pugi::xml_node compat = settings.append_child("w:compat");
  pugi::xml_node mode = compat.append_child("w:compatSetting");
  mode.append_attribute("w:name") = "compatibilityMode";
  mode.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
  mode.append_attribute("w:val") = "15";
  AddVal(settings, "w:themeFontLang", "ru-RU");
  return Serialise(part);
}

pugi::xml_node StartHeader(pugi::xml_document& part) {
  AddDeclaration(part);
  pugi::xml_node header = part.append_child("w:hdr");
  header.append_attribute("xmlns:w") = kMainNs;
  return header;
}

void AddField(pugi::xml_node paragraph, const char* type) {
  paragraph.append_child("w:r").append_child("w:fldChar").append_attribute("w:fldCharType") = type;
}

std::string BuildPageNumberHeader() {
  pugi::xml_document part;
  pugi::xml_node paragraph = StartHeader(part).append_child("w:p");
  AddVal(paragraph.append_child("w:pPr"), "w:pStyle", kPageNumberStyle);
  AddField(paragraph, "begin");
  pugi::xml_node instruction = paragraph.append_child("w:r").append_child("w:instrText");
  instruction.append_attribute("xml:space") = "preserve";
  instruction.text() = " PAGE ";
  AddField(paragraph, "separate");
  paragraph.append_child("w:r").append_child("w:t").text() = "2";
  AddField(paragraph, "end");
  return Serialise(part);
}

std::string BuildFirstPageHeader() {
  pugi::xml_document part;
  pugi::xml_node paragraph = StartHeader(part).append_child("w:p");
  AddVal(paragraph.append_child("w:pPr"), "w:pStyle", kPageNumberStyle);
  return Serialise(part);
}

}  // namespace

const std::string& SettingsXml() {
  static const std::string bytes = BuildSettings();
  return bytes;
}

const std::string& PageNumberHeaderXml() {
  static const std::string bytes = BuildPageNumberHeader();
  return bytes;
}

const std::string& FirstPageHeaderXml() {
  static const std::string bytes = BuildFirstPageHeader();
  return bytes;
}

}  // namespace shnor::output::docx
