#include "output/XlsxAppProperties.h"

#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
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

// The archive is rewritten in memory and written back over the same file: libzip's own close
// would write a temporary file and rename it, which a failed rename would leave behind.
void SetApplicationName(const std::filesystem::path& xlsx, const std::string& application) {
  std::string bytes;
  {
    std::ifstream in(xlsx, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  zip_error_t error;
  zip_error_init(&error);
  // libzip frees a written buffer source's old data itself (1.7.3, even when told not to), so
  // it gets a malloc'd copy it owns.
  void* data = std::malloc(bytes.empty() ? 1 : bytes.size());
  if (!data) Fail(xlsx, "нет памяти");
  std::memcpy(data, bytes.data(), bytes.size());
  zip_source_t* source = zip_source_buffer_create(data, bytes.size(), 1, &error);
  if (!source) std::free(data);
  zip_t* archive = source ? zip_open_from_source(source, 0, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    Fail(xlsx, "файл не открывается как архив");
  }
  zip_source_keep(source);
  const zip_int64_t index = zip_name_locate(archive, kAppPart, 0);
  std::string xml = index < 0 ? "" : ReadPart(archive, static_cast<zip_uint64_t>(index));
  const std::string renamed = Renamed(std::move(xml), application);
  const auto at = static_cast<zip_uint64_t>(index);
  zip_source_t* part =
      renamed.empty() ? nullptr : zip_source_buffer(archive, renamed.data(), renamed.size(), 0);
  if (!part || zip_file_replace(archive, at, part, 0) != 0) {
    if (part) zip_source_free(part);
    zip_discard(archive);
    zip_source_free(source);
    Fail(xlsx, std::string("нет части ") + kAppPart);
  }
  zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0);
  zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 6);
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(source);
    Fail(xlsx, "архив не собран");
  }
  std::string out;
  zip_stat_t stat;
  if (zip_source_open(source) == 0 && zip_source_stat(source, &stat) == 0) {
    out.resize(stat.size);
    const zip_int64_t read = zip_source_read(source, out.data(), stat.size);
    if (read != static_cast<zip_int64_t>(stat.size)) out.clear();
    zip_source_close(source);
  }
  zip_source_free(source);
  if (out.empty()) Fail(xlsx, "архив не прочитан");
  std::ofstream file(xlsx, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file.flush()) Fail(xlsx, "файл не записан");
}

}  // namespace shnor::output
