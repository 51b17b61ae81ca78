#include "output/XlsxAppProperties.h"

#include <zip.h>

#include <memory>
#include <string>

#include "output/XlsxRenderer.h"

namespace shnor::output {
namespace {

constexpr const char* kAppPart = "docProps/app.xml";
// 1980-01-01 00:00, the MS-DOS epoch libxlsxwriter stamps on every part.
constexpr zip_uint16_t kDosDate = (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

[[noreturn]] void Fail(const std::filesystem::path& xlsx, const std::string& reason) {
  throw XlsxError("Не удалось записать свойства XLSX-файла «" + xlsx.string() + "»: " + reason);
}

std::string ReadPart(zip_t* archive, zip_uint64_t index) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) return "";
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive, index, 0),
                                                         zip_fclose);
  if (!file) return "";
  std::string text(stat.size, '\0');
  const zip_int64_t read = zip_fread(file.get(), text.data(), stat.size);
  return read == static_cast<zip_int64_t>(stat.size) ? text : "";
}

std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string Renamed(std::string xml, const std::string& application) {
  const std::string open = "<Application>", close = "</Application>";
  const std::size_t from = xml.find(open);
  const std::size_t to = xml.find(close);
  if (from == std::string::npos || to == std::string::npos || to < from) return xml;
  return xml.replace(from + open.size(), to - from - open.size(), Escaped(application));
}

}  // namespace

void SetApplicationName(const std::filesystem::path& xlsx, const std::string& application) {
  int error = 0;
  zip_t* archive = zip_open(xlsx.c_str(), 0, &error);
  if (!archive) Fail(xlsx, "файл не открывается как архив");
  const zip_int64_t index = zip_name_locate(archive, kAppPart, 0);
  std::string xml = index < 0 ? "" : ReadPart(archive, static_cast<zip_uint64_t>(index));
  if (xml.empty()) {
    zip_discard(archive);
    Fail(xlsx, std::string("нет части ") + kAppPart);
  }
  // The buffer must live until zip_close has written it.
  const std::string renamed = Renamed(std::move(xml), application);
  zip_source_t* source = zip_source_buffer(archive, renamed.data(), renamed.size(), 0);
  const auto at = static_cast<zip_uint64_t>(index);
  if (!source || zip_file_replace(archive, at, source, 0) != 0) {
    if (source) zip_source_free(source);
    zip_discard(archive);
    Fail(xlsx, "часть не заменена");
  }
  zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0);
  zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 6);
  if (zip_close(archive) != 0) {
    const std::string reason = zip_strerror(archive);
    zip_discard(archive);
    Fail(xlsx, reason);
  }
}

}  // namespace shnor::output
