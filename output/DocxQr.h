#pragma once
// Requisite 31 of ГОСТ Р 7.0.97-2025 in a DOCX: the QR code as a small PNG part (written here:
// 1-bit greyscale, zlib stored blocks, no image library) anchored at the bottom right of page 1,
// 25 mm square as in the PDF.
#include <pugixml.hpp>

#include <string>

namespace shnor::output::docx {

// The PNG of `text`'s QR code (level M, 4-module quiet zone). Throws DocxError when libqrencode
// cannot encode it.
std::string QrPng(const std::string& text);

// Appends to `paragraph` a run holding the picture of relationship `image_id`, anchored to the
// bottom right of the page's margins so the text flows above it.
void AddQrDrawing(pugi::xml_node paragraph, const char* image_id);

}  // namespace shnor::output::docx
