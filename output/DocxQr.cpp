#include "output/DocxQr.h"

#include <qrencode.h>

#include <array>
#include <cstdint>
#include <memory>

#include "output/DocxRenderer.h"
#include "output/DocxXml.h"

namespace shnor::output::docx {
namespace {

constexpr int kQuietModules = 4;
constexpr int kPixelsPerModule = 4;
constexpr long kSideEmu = 25L * 36000;  // 25 mm in EMU (36 000 a millimetre)

std::uint32_t Crc32(const std::string& bytes, std::size_t from) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    crc = table[(crc ^ static_cast<unsigned char>(bytes[i])) & 0xFF] ^ (crc >> 8);
  }
  return crc ^ 0xFFFFFFFFu;
}

void Put32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void Put16Le(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void Chunk(std::string& png, const char* type, const std::string& data) {
  Put32(png, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = png.size();
  png += type;
  png += data;
  Put32(png, Crc32(png, start));
}

// A zlib stream of stored (uncompressed) blocks: a QR image is a few kilobytes.
std::string StoredZlib(const std::string& raw) {
  std::string out = "\x78\x01";
  std::size_t at = 0;
  do {
    const std::size_t size = std::min<std::size_t>(raw.size() - at, 65535);
    out += static_cast<char>(at + size == raw.size() ? 1 : 0);
    Put16Le(out, static_cast<std::uint32_t>(size));
    Put16Le(out, static_cast<std::uint32_t>(~size & 0xFFFF));
    out.append(raw, at, size);
    at += size;
  } while (at < raw.size());
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  Put32(out, (b << 16) | a);
  return out;
}

// Rows of 1-bit pixels, each after its filter byte (0: none); a set bit is white.
std::string Scanlines(const QRcode& code, int side) {
  const int row_bytes = (side + 7) / 8;
  std::string raw;
  raw.reserve(static_cast<std::size_t>(side) * (row_bytes + 1));
  for (int y = 0; y < side; ++y) {
    raw += '\0';
    std::string row(row_bytes, '\xFF');
    const int my = y / kPixelsPerModule - kQuietModules;
    for (int x = 0; x < side; ++x) {
      const int mx = x / kPixelsPerModule - kQuietModules;
      const bool inside = my >= 0 && my < code.width && mx >= 0 && mx < code.width;
      if (inside && (code.data[my * code.width + mx] & 1)) {
        row[x / 8] = static_cast<char>(row[x / 8] & ~(0x80 >> (x % 8)));
      }
    }
    raw += row;
  }
  return raw;
}

pugi::xml_node Element(pugi::xml_node parent, const char* name,
                       std::initializer_list<std::pair<const char*, const char*>> attributes) {
  pugi::xml_node node = parent.append_child(name);
  for (const auto& [key, value] : attributes) node.append_attribute(key) = value;
  return node;
}

void AddPicture(pugi::xml_node graphic, const char* image_id, const std::string& side) {
  pugi::xml_node data =
      Element(graphic, "a:graphicData",
              {{"uri", "http://schemas.openxmlformats.org/drawingml/2006/picture"}});
  pugi::xml_node pic = Element(
      data, "pic:pic", {{"xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"}});
  pugi::xml_node names = pic.append_child("pic:nvPicPr");
  Element(names, "pic:cNvPr", {{"id", "1"}, {"name", "qr.png"}});
  names.append_child("pic:cNvPicPr");
  pugi::xml_node fill = pic.append_child("pic:blipFill");
  Element(fill, "a:blip", {{"r:embed", image_id}});
  fill.append_child("a:stretch").append_child("a:fillRect");
  pugi::xml_node shape = pic.append_child("pic:spPr");
  pugi::xml_node frame = shape.append_child("a:xfrm");
  Element(frame, "a:off", {{"x", "0"}, {"y", "0"}});
  Element(frame, "a:ext", {{"cx", side.c_str()}, {"cy", side.c_str()}});
  Element(shape, "a:prstGeom", {{"prst", "rect"}}).append_child("a:avLst");
}

}  // namespace

std::string QrPng(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!code) throw DocxError("Не удалось построить QR-код из «" + text + "»");
  const int side = (code->width + 2 * kQuietModules) * kPixelsPerModule;
  std::string header;
  Put32(header, static_cast<std::uint32_t>(side));
  Put32(header, static_cast<std::uint32_t>(side));
  header += std::string("\x01\x00\x00\x00\x00", 5);  // 1 bit, greyscale, deflate, no interlace
  std::string png = "\x89PNG\r\n\x1a\n";
  Chunk(png, "IHDR", header);
  Chunk(png, "IDAT", StoredZlib(Scanlines(*code, side)));
  Chunk(png, "IEND", "");
  return png;
}

void AddQrDrawing(pugi::xml_node paragraph, const char* image_id) {
  const std::string side = std::to_string(kSideEmu);
  pugi::xml_node anchor =
      Element(paragraph.append_child("w:r").append_child("w:drawing"), "wp:anchor",
              {{"distT", "0"},
               {"distB", "0"},
               {"distL", "0"},
               {"distR", "0"},
               {"simplePos", "0"},
               {"relativeHeight", "1"},
               {"behindDoc", "0"},
               {"locked", "1"},
               {"layoutInCell", "1"},
               {"allowOverlap", "0"}});
  Element(anchor, "wp:simplePos", {{"x", "0"}, {"y", "0"}});
  Element(anchor, "wp:positionH", {{"relativeFrom", "margin"}}).append_child("wp:align").text() =
      "right";
  Element(anchor, "wp:positionV", {{"relativeFrom", "margin"}}).append_child("wp:align").text() =
      "bottom";
  Element(anchor, "wp:extent", {{"cx", side.c_str()}, {"cy", side.c_str()}});
  Element(anchor, "wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
  anchor.append_child("wp:wrapTopAndBottom");
  Element(anchor, "wp:docPr", {{"id", "1"}, {"name", "QR-код документа"}});
  anchor.append_child("wp:cNvGraphicFramePr");
  pugi::xml_node graphic = Element(
      anchor, "a:graphic", {{"xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"}});
  AddPicture(graphic, image_id, side);
}

}  // namespace shnor::output::docx
