#include "output/DocxZip.h"

#include <zip.h>

#include <cctype>

#include "output/DocxRenderer.h"

namespace shnor::output::docx {
namespace {

// MS-DOS date fields, written directly rather than through libzip's time_t conversion, which
// goes through the machine's local time zone.
zip_uint16_t DosDate(const std::string& iso) {
  if (iso.empty()) return (0 << 9) | (1 << 5) | 1;
  bool digits = iso.size() == 10 && iso[4] == '-' && iso[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    digits = digits && std::isdigit(static_cast<unsigned char>(iso[i]));
  }
  const int year = digits ? std::stoi(iso.substr(0, 4)) : 0;
  const int month = digits ? std::stoi(iso.substr(5, 2)) : 0;
  const int day = digits ? std::stoi(iso.substr(8, 2)) : 0;
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw DocxError("дата документа «" + iso + "» не в виде ГГГГ-ММ-ДД");
  }
  return static_cast<zip_uint16_t>(((year - 1980) << 9) | (month << 5) | day);
}

class Archive {
 public:
  Archive() {
    zip_error_t error;
    zip_error_init(&error);
    buffer_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer_) zip_ = zip_open_from_source(buffer_, ZIP_TRUNCATE, &error);
    if (!zip_) {
      const std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      if (buffer_) zip_source_free(buffer_);
      throw DocxError("не удалось создать файл DOCX: " + message);
    }
    zip_source_keep(buffer_);  // zip_close would free it; its bytes are read after
  }
  ~Archive() {
    if (zip_) zip_discard(zip_);
    zip_source_free(buffer_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // `part` must outlive Close(): libzip reads buffers only when it writes the archive.
  void Add(const ZipPart& part, zip_uint16_t dos_date) {
    zip_source_t* data = zip_source_buffer(zip_, part.bytes.data(), part.bytes.size(), 0);
    const zip_int64_t index = data ? zip_file_add(zip_, part.name.c_str(), data, 0) : -1;
    if (index < 0) {
      if (data) zip_source_free(data);
      Fail("не удалось добавить часть «" + part.name + "»");
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_file_set_dostime(zip_, i, 0, dos_date, 0) != 0 ||
        zip_file_set_external_attributes(zip_, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0 ||
        zip_set_file_compression(zip_, i, ZIP_CM_DEFLATE, 6) != 0) {
      Fail("не удалось задать свойства части «" + part.name + "»");
    }
  }

  std::string Close() {
    if (zip_close(zip_) != 0) Fail("не удалось записать файл DOCX");
    zip_ = nullptr;  // zip_close freed it
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer_, &stat) != 0 || zip_source_open(buffer_) != 0) BufferFail();
    std::string bytes(stat.size, '\0');
    const zip_int64_t read = zip_source_read(buffer_, bytes.data(), bytes.size());
    zip_source_close(buffer_);
    if (read != static_cast<zip_int64_t>(bytes.size())) BufferFail();
    return bytes;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    throw DocxError(what + ": " + zip_strerror(zip_));
  }
  [[noreturn]] void BufferFail() {
    throw DocxError(std::string("не удалось прочитать собранный файл DOCX: ") +
                    zip_error_strerror(zip_source_error(buffer_)));
  }

  zip_source_t* buffer_ = nullptr;
  zip_t* zip_ = nullptr;
};

}  // namespace

std::string Zip(const std::vector<ZipPart>& parts, const std::string& iso_date) {
  const zip_uint16_t dos_date = DosDate(iso_date);
  Archive archive;
  for (const ZipPart& part : parts) archive.Add(part, dos_date);
  return archive.Close();
}

}  // namespace shnor::output::docx
