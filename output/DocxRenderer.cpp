#include "output/DocxRenderer.h"

#include "output/DocxBody.h"
#include "output/DocxPackageParts.h"
#include "output/DocxQr.h"
#include "output/DocxSettings.h"
#include "output/DocxStyles.h"
#include "output/DocxZip.h"

namespace shnor::output {

std::string RenderDocx(const Document& doc) {
  using namespace docx;
  const bool qr = doc.profile == Profile::Gost2025;
  if (qr && doc.qr_text.empty()) {
    throw DocxError("Для документа по ГОСТ Р 7.0.97-2025 нужен текст QR-кода (qr_text)");
  }
  // [Content_Types].xml first, as Word writes it; then a fixed order, so fixed bytes.
  std::vector<ZipPart> parts = {
      {"[Content_Types].xml", ContentTypesXml(qr)},
      {"_rels/.rels", RootRelsXml()},
      {"docProps/core.xml", CoreXml(doc)},
      {"docProps/app.xml", AppXml()},
      {"word/document.xml", DocumentXml(doc)},
      {"word/_rels/document.xml.rels", DocumentRelsXml(qr)},
      {"word/styles.xml", StylesXml()},
      {"word/settings.xml", SettingsXml()},
      {"word/header1.xml", FirstPageHeaderXml()},
      {"word/header2.xml", PageNumberHeaderXml()},
  };
  if (qr) parts.push_back({kQrImagePart, QrPng(doc.qr_text)});
  return Zip(parts, doc.date);
}

}  // namespace shnor::output
