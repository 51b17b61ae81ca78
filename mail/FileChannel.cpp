#include "mail/FileChannel.h"

#include "mail/MimeFormat.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace shnor::mail {
namespace {

constexpr std::size_t kMaxStemLength = 150;

bool IsSafeFileChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '@' || c == '+' || c == '-';
}

std::string ShortHash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string Reason(int error) {
  switch (error) {
    case EACCES:
    case EPERM:
    case EROFS:
      return "нет прав на запись";
    case ENOSPC:
    case EDQUOT:
      return "нет места на диске";
    case ENOTDIR:
    case EEXIST:
      return "на месте папки находится файл";
    case ENOENT:
      return "папка не найдена";
    default:
      return std::strerror(error);
  }
}

[[noreturn]] void Fail(const std::filesystem::path& path, int error) {
  throw DeliveryError("не удалось записать письмо в «" + path.string() + "»: " + Reason(error),
                      false);
}

// A temp name no other writer (thread or process) can pick, hidden from a folder listing.
std::filesystem::path TempPathNear(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  return target.parent_path() / ("." + target.filename().string() + ".tmp-" +
                                 std::to_string(::getpid()) + "-" + std::to_string(++counter));
}

void WriteAll(int fd, const std::string& bytes, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail(path, errno);
    done += static_cast<std::size_t>(n);
  }
}

// fsync before rename: after a crash the file is either the old letter or the whole new one.
void WriteFileAtomically(const std::filesystem::path& target, const std::string& bytes) {
  auto temp = TempPathNear(target);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) Fail(target.parent_path(), errno);
  try {
    WriteAll(fd, bytes, temp);
    if (::fsync(fd) != 0) Fail(temp, errno);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  int close_error = ::close(fd) == 0 ? 0 : errno;
  if (close_error == 0 && ::rename(temp.c_str(), target.c_str()) == 0) return;
  int error = close_error != 0 ? close_error : errno;
  ::unlink(temp.c_str());
  Fail(target, error);
}

}  // namespace

std::string FileNameForMessageId(std::string_view message_id) {
  std::string_view id = message_id;
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  std::string stem;
  bool changed = false;
  for (char c : id) {
    bool safe = IsSafeFileChar(c) && !(stem.empty() && c == '.');  // no hidden files, no ".."
    stem += safe ? c : '_';
    changed = changed || !safe;
  }
  if (stem.size() > kMaxStemLength) {
    stem.resize(kMaxStemLength);
    changed = true;
  }
  if (changed || stem.empty()) stem += "-" + ShortHash(message_id);
  return stem + ".eml";
}

FileChannel::FileChannel(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FileChannel::PathFor(const MailMessage& message) const {
  return dir_ / FileNameForMessageId(message.message_id);
}

void FileChannel::Send(const MailMessage& message) {
  std::string bytes = FormatForDelivery(message);
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) Fail(dir_, error.value());
  WriteFileAtomically(PathFor(message), bytes);
}

std::string FileChannel::Describe() const {
  return "папка писем " + dir_.string();
}

}  // namespace shnor::mail
