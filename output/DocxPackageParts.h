#pragma once
// The Open Packaging parts around the document: [Content_Types].xml, the relationships, and the
// properties (docProps/core.xml dated by the document's date, docProps/app.xml naming shnor),
// so that nothing in the file depends on when or where it was made.
#include <string>

#include "output/Document.h"

namespace shnor::output::docx {

// Relationship ids of word/document.xml.
inline constexpr const char* kFirstHeaderId = "rIdHeaderFirst";
inline constexpr const char* kHeaderId = "rIdHeader";
inline constexpr const char* kQrImageId = "rIdQr";
inline constexpr const char* kQrImagePart = "word/media/qr.png";

std::string ContentTypesXml(bool with_png);
const std::string& RootRelsXml();
std::string DocumentRelsXml(bool with_qr);
std::string CoreXml(const Document& doc);
const std::string& AppXml();

}  // namespace shnor::output::docx
