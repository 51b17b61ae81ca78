#include "output/PdfToUnicode.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cstdio>
#include <set>

#include "output/PdfRenderer.h"

namespace shnor::output {
namespace {

constexpr std::size_t kSectionLimit = 100;  // entries per begin…end section of a CMap

const char* const kHead =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";
const char* const kTail =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

std::string Code(char32_t code) {
  char text[8];
  std::snprintf(text, sizeof text, "<%04X>", static_cast<unsigned>(code));
  return text;
}

struct Run {
  char32_t first = 0;
  char32_t last = 0;
};

// Consecutive codes, cut where the high byte changes: a bfrange may vary only its last byte.
std::vector<Run> Runs(const std::vector<char32_t>& sorted) {
  std::vector<Run> runs;
  for (char32_t code : sorted) {
    const bool extends = !runs.empty() && runs.back().last + 1 == code && (code & 0xFF) != 0;
    if (extends) {
      runs.back().last = code;
    } else {
      runs.push_back({code, code});
    }
  }
  return runs;
}

void AppendSections(const std::vector<std::string>& entries, const char* kind, std::string& out) {
  for (std::size_t at = 0; at < entries.size(); at += kSectionLimit) {
    const std::size_t count = std::min(kSectionLimit, entries.size() - at);
    out += std::to_string(count) + " begin" + kind + "\n";
    for (std::size_t i = at; i < at + count; ++i) out += entries[i];
    out += std::string("end") + kind + "\n";
  }
}

[[noreturn]] void Fail(const std::string& what) {
  throw PdfError("Не удалось исправить таблицу ToUnicode PDF (qpdf): " + what);
}

// "/HPDFAA+LiberationSerif" -> "LiberationSerif": a subset's name carries a tag and a '+'.
std::string WithoutSubsetTag(const std::string& name) {
  const std::size_t plus = name.find('+');
  return plus == std::string::npos ? name.substr(1) : name.substr(plus + 1);
}

void ReplaceToUnicode(QPDF& pdf, QPDFObjectHandle font, const std::vector<FontCodes>& fonts) {
  if (!font.isDictionary() || !font.getKey("/Subtype").isNameAndEquals("/Type0")) return;
  QPDFObjectHandle base = font.getKey("/BaseFont");
  if (!base.isName()) return;
  for (const FontCodes& codes : fonts) {
    if (WithoutSubsetTag(base.getName()) != codes.base_font) continue;
    font.replaceKey("/ToUnicode",
                    QPDFObjectHandle::newStream(&pdf, IdentityToUnicodeCMap(codes.codes)));
    return;
  }
}

// libharu shares one font object between the pages that use it: each is repaired once.
void RepairFonts(QPDF& pdf, const std::vector<FontCodes>& fonts) {
  std::set<QPDFObjGen> done;
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    QPDFObjectHandle resources = page.getKey("/Resources").getKey("/Font");
    if (!resources.isDictionary()) continue;
    for (const std::string& key : resources.getKeys()) {
      QPDFObjectHandle font = resources.getKey(key);
      if (font.isIndirect() && !done.insert(font.getObjGen()).second) continue;
      ReplaceToUnicode(pdf, font, fonts);
    }
  }
}

std::string Write(QPDF& pdf) {
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.setDeterministicID(true);
  writer.setObjectStreamMode(qpdf_o_disable);
  // Streams are copied as libharu wrote them: recompressing (qpdf's default) costs the order a
  // third of its time. The CMaps stay plain text, a few kilobytes.
  writer.setDecodeLevel(qpdf_dl_none);
  writer.setCompressStreams(false);
  writer.write();
  const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace

std::string IdentityToUnicodeCMap(std::vector<char32_t> codes) {
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::vector<std::string> ranges;
  std::vector<std::string> singles;
  for (const Run& run : Runs(codes)) {
    if (run.first == run.last) {
      singles.push_back(Code(run.first) + " " + Code(run.first) + "\n");
    } else {
      ranges.push_back(Code(run.first) + " " + Code(run.last) + " " + Code(run.first) + "\n");
    }
  }
  std::string out = kHead;
  AppendSections(ranges, "bfrange", out);
  AppendSections(singles, "bfchar", out);
  return out + kTail;
}

std::string RepairToUnicode(const std::string& bytes, const std::vector<FontCodes>& fonts) {
  try {
    QPDF pdf;
    pdf.processMemoryFile("document.pdf", bytes.data(), bytes.size());
    RepairFonts(pdf, fonts);
    return Write(pdf);
  } catch (const QPDFExc& e) {
    Fail(e.what());
  } catch (const std::logic_error& e) {
    Fail(e.what());
  }
}

}  // namespace shnor::output
