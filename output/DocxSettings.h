#pragma once
// word/settings.xml and the headers: automatic hyphenation on (Russian, by the ru-RU language of
// the styles), and the page number centred in the header from page 2, page 1 having a header of
// its own that is empty (w:titlePg in the section).
#include <string>

namespace shnor::output::docx {

// The parts' bytes; the same on every call (built once).
const std::string& SettingsXml();
const std::string& PageNumberHeaderXml();  // a PAGE field, centred
const std::string& FirstPageHeaderXml();   // empty

}  // namespace shnor::output::docx
