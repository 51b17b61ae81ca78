#include "output/DocxRenderer.h"

#include "output/DocxBody.h"
#include "output/DocxPackageParts.h"
#include "output/DocxSettings.h"
#include "output/DocxStyles.h"
#include "output/DocxZip.h"

namespace shnor::output {

std::string RenderDocx(const Document& doc) {
  using namespace docx;
  // [Content_Types].xml first, as Word writes it; then a fixed order, so fixed bytes.
  const std::vector<ZipPart> parts = {
      {"[Content_Types].xml", ContentTypesXml(false)},
      {"_rels/.rels", RootRelsXml()},
      {"docProps/core.xml", CoreXml(doc)},
      {"docProps/app.xml", AppXml()},
      {"word/document.xml", DocumentXml(doc)},
      {"word/_rels/document.xml.rels", DocumentRelsXml(false)},
      {"word/styles.xml", StylesXml()},
      {"word/settings.xml", SettingsXml()},
      {"word/header1.xml", FirstPageHeaderXml()},
      {"word/header2.xml", PageNumberHeaderXml()},
  };
  return Zip(parts, doc.date);
}

}  // namespace shnor::output
