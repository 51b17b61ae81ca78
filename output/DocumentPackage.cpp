#include "output/DocumentPackage.h"

#include <sodium.h>
#include <zip.h>

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <system_error>

namespace shnor::output {
namespace {

const char* kManifestText = "manifest.txt";
const char* kManifestJson = "manifest.json";

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xF]);
  }
  return out;
}

bool IsValidUtf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = lead < 0x80             ? 0
                        : (lead & 0xE0) == 0xC0 ? 1
                        : (lead & 0xF0) == 0xE0 ? 2
                        : (lead & 0xF8) == 0xF0 ? 3
                                                : 4;
    if (extra == 4 || i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Names are checked for what would go wrong on extraction or in the manifest: leaving the target
// folder, a Windows separator, a line break splitting a manifest line, or two entries of one name.
void CheckName(const std::string& name) {
  auto fail = [&](const std::string& why) {
    throw PackageError("имя «" + name + "» в пакете документов недопустимо: " + why);
  };
  if (name.empty()) throw PackageError("пустое имя файла в пакете документов");
  if (!IsValidUtf8(name)) fail("не в кодировке UTF-8");
  if (name == kManifestText || name == kManifestJson) fail("оно занято описью пакета");
  if (name.front() == '/' || name.back() == '/') fail("начинается или кончается знаком «/»");
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) fail("содержит управляющий символ");
    if (c == '\\') fail("содержит обратную косую черту");
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") fail("содержит пустую часть, «.» или «..»");
    start = end + 1;
  }
}

// ZIP keeps local time in MS-DOS form; writing it directly, not through libzip's time_t
// conversion, keeps the bytes independent of the time zone of the machine.
std::pair<zip_uint16_t, zip_uint16_t> DosDate(const std::string& date) {
  auto bad = [&] {
    return PackageError("дата пакета документов «" + date + "» не в виде ГГГГ-ММ-ДД");
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') throw bad();
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) throw bad();
  }
  int year = std::stoi(date.substr(0, 4));
  int month = std::stoi(date.substr(5, 2));
  int day = std::stoi(date.substr(8, 2));
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31) throw bad();
  auto dos_date = static_cast<zip_uint16_t>(((year - 1980) << 9) | (month << 5) | day);
  return {0, dos_date};
}

std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string BytesSha256(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest, sizeof digest);
}

std::string ReadSource(const PackageFile& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file.source, error)) {
    throw PackageError("файл «" + file.source.string() + "» для пакета документов (" + file.name +
                       ") не найден");
  }
  std::uintmax_t size = std::filesystem::file_size(file.source, error);
  std::ifstream in(file.source, std::ios::binary);
  std::string bytes(error ? 0 : size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (error || !in || static_cast<std::uintmax_t>(in.gcount()) != size) {
    throw PackageError("не удалось прочитать файл «" + file.source.string() + "»");
  }
  return bytes;
}

void CheckSum(const PackageFile& file, const std::string& sha256, std::size_t index) {
  if (file.sha256.empty() || file.sha256 == sha256) return;
  throw PackageSourceChanged("файл «" + file.source.string() + "» (" + file.name +
                                 ") не совпадает со своей контрольной суммой: SHA-256 " + sha256 +
                                 ", ожидалась " + file.sha256,
                             index);
}

// Each source is read once: the bytes whose sum is checked and listed are the bytes packed.
std::vector<std::string> ReadSources(const std::vector<PackageFile>& files,
                                     std::vector<PackageEntry>& entries) {
  std::vector<std::string> contents;
  std::set<std::string> names;
  for (std::size_t i = 0; i < files.size(); ++i) {
    CheckName(files[i].name);
    if (!names.insert(files[i].name).second) {
      throw PackageError("файл «" + files[i].name + "» дважды включён в пакет документов");
    }
    contents.push_back(ReadSource(files[i]));
    std::string sha256 = BytesSha256(contents.back());
    CheckSum(files[i], sha256, i);
    entries.push_back({files[i].name, sha256, contents.back().size()});
  }
  return contents;
}

std::string ManifestText(const std::string& title, const std::string& date,
                         const std::vector<PackageEntry>& entries) {
  std::string text = "# Пакет документов: " + OneLine(title) + "\n# Дата: " + date +
                     "\n# Файлов: " + std::to_string(entries.size()) + "\n";
  // The form `sha256sum -c` reads, once the package is unpacked.
  for (const PackageEntry& entry : entries) text += entry.sha256 + "  " + entry.name + "\n";
  return text;
}

std::string ManifestJson(const std::string& title, const std::string& date,
                         const std::vector<PackageEntry>& entries) {
  nlohmann::ordered_json json;
  json["title"] = title;
  json["date"] = date;
  json["count"] = entries.size();
  json["files"] = nlohmann::ordered_json::array();
  for (const PackageEntry& entry : entries) {
    json["files"].push_back({{"name", entry.name}, {"sha256", entry.sha256}, {"size", entry.size}});
  }
  return json.dump(2, ' ', false) + "\n";
}

// The archive is built in a libzip memory buffer: a package handed out over HTTP never touches
// a folder, and one written to a file is written whole, by WriteWhole, under a name of its own.
class Archive {
 public:
  Archive(zip_uint16_t dos_time, zip_uint16_t dos_date) : dos_time_(dos_time), dos_date_(dos_date) {
    zip_error_t error;
    zip_error_init(&error);
    buffer_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer_) zip_ = zip_open_from_source(buffer_, ZIP_TRUNCATE, &error);
    if (!zip_) {
      std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      if (buffer_) zip_source_free(buffer_);
      throw PackageError("не удалось создать пакет документов: " + message);
    }
    zip_source_keep(buffer_);  // the archive's close would free it; its bytes are read after
  }
  ~Archive() {
    if (zip_) zip_discard(zip_);
    zip_source_free(buffer_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // `bytes` must outlive Close(): libzip reads buffers only when it writes the archive.
  void AddBuffer(const std::string& name, const std::string& bytes) {
    zip_source_t* data = zip_source_buffer(zip_, bytes.data(), bytes.size(), 0);
    if (!data) Fail("не удалось добавить «" + name + "»");
    Add(name, data);
  }

  std::string Close() {
    if (zip_close(zip_) != 0) Fail("не удалось записать пакет документов");
    zip_ = nullptr;  // zip_close freed it
    return Bytes();
  }

 private:
  void Add(const std::string& name, zip_source_t* data) {
    zip_int64_t index = zip_file_add(zip_, name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      Fail("не удалось добавить «" + name + "»");
    }
    auto i = static_cast<zip_uint64_t>(index);
    // Fixed time and mode: the same documents give the same bytes on any machine and run.
    if (zip_file_set_dostime(zip_, i, dos_time_, dos_date_, 0) != 0 ||
        zip_file_set_external_attributes(zip_, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0 ||
        zip_set_file_compression(zip_, i, ZIP_CM_DEFLATE, 9) != 0) {
      Fail("не удалось задать свойства «" + name + "»");
    }
  }

  std::string Bytes() {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer_, &stat) != 0 || zip_source_open(buffer_) != 0) BufferFail();
    std::string bytes(stat.size, '\0');
    zip_int64_t read = zip_source_read(buffer_, bytes.data(), bytes.size());
    zip_source_close(buffer_);
    if (read != static_cast<zip_int64_t>(bytes.size())) BufferFail();
    return bytes;
  }

  [[noreturn]] void Fail(const std::string& what) {
    throw PackageError(what + ": " + zip_strerror(zip_));
  }
  [[noreturn]] void BufferFail() {
    throw PackageError(std::string("не удалось прочитать собранный пакет документов: ") +
                       zip_error_strerror(zip_source_error(buffer_)));
  }

  zip_uint16_t dos_time_;
  zip_uint16_t dos_date_;
  zip_source_t* buffer_ = nullptr;
  zip_t* zip_ = nullptr;
};

// The usual causes in the user's words; the rest as the system words them.
std::string Reason(int error) {
  switch (error) {
    case EACCES:
    case EPERM:
    case EROFS:
      return "нет прав на запись";
    case ENOSPC:
    case EDQUOT:
      return "нет места на диске";
    case ENOENT:
      return "папка не найдена";
    default:
      return std::strerror(error);
  }
}

[[noreturn]] void WriteFail(const std::string& what, const std::filesystem::path& path, int error) {
  throw PackageError(what + " «" + path.string() + "»: " + Reason(error));
}

// 64 random bits: no other writer, thread, process or node on a shared folder, picks the same
// name, and O_EXCL makes sure of it.
std::filesystem::path UniqueTempNear(const std::filesystem::path& target) {
  std::random_device random;
  std::uint64_t bits = (std::uint64_t{random()} << 32) | random();
  unsigned char raw[8];
  for (int i = 0; i < 8; ++i) raw[i] = static_cast<unsigned char>(bits >> (8 * i));
  return target.parent_path() / ("." + target.filename().string() + "." + Hex(raw, 8) + ".tmp");
}

int CreateTemp(const std::filesystem::path& target, std::filesystem::path& temp) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    temp = UniqueTempNear(target);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

bool WriteAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// A temporary of its own beside the target, synced, then renamed over it: a reader sees the old
// package or the whole new one, and two writers never write into one file.
void WriteWhole(const std::filesystem::path& target, const std::string& bytes) {
  std::filesystem::path temp;
  int fd = CreateTemp(target, temp);
  if (fd < 0) WriteFail("не удалось создать пакет документов в папке", target.parent_path(), errno);
  int error = WriteAll(fd, bytes) && ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), target.c_str()) != 0) error = errno;
  if (error == 0) return;
  ::unlink(temp.c_str());
  WriteFail("не удалось записать пакет документов", target, error);
}

}  // namespace

std::string FileSha256(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PackageError("не удалось прочитать файл «" + path.string() + "»");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(block.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  if (in.bad()) throw PackageError("ошибка чтения файла «" + path.string() + "»");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof digest);
}

BuiltPackage BuildPackage(const std::vector<PackageFile>& files, const std::string& title,
                          const std::string& date) {
  auto [dos_time, dos_date] = DosDate(date);
  if (!IsValidUtf8(title)) throw PackageError("заголовок пакета документов не в кодировке UTF-8");
  if (files.empty()) throw PackageError("пакет документов не содержит ни одного файла");
  BuiltPackage package;
  const std::vector<std::string> contents = ReadSources(files, package.entries);
  const std::string text = ManifestText(title, date, package.entries);
  const std::string json = ManifestJson(title, date, package.entries);
  Archive archive(dos_time, dos_date);
  for (std::size_t i = 0; i < files.size(); ++i) archive.AddBuffer(files[i].name, contents[i]);
  archive.AddBuffer(kManifestText, text);
  archive.AddBuffer(kManifestJson, json);
  package.bytes = archive.Close();
  return package;
}

std::vector<PackageEntry> WritePackage(const std::filesystem::path& zip_path,
                                       const std::vector<PackageFile>& files,
                                       const std::string& title, const std::string& date) {
  BuiltPackage package = BuildPackage(files, title, date);
  WriteWhole(zip_path, package.bytes);
  return std::move(package.entries);
}

}  // namespace shnor::output
