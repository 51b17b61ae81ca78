#include "engine/workspace/AuditHead.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace shnor {
namespace {

constexpr const char* kFormat = "shnor audit head v1";
constexpr std::size_t kMaxFileSize = 4096;  // a head is about 300 bytes

std::string FileText(const SignedHead& head) {
  return std::string(kFormat) + "\ninstallation " + head.installation + "\nevents " +
         std::to_string(head.event_count) + "\nhash " + head.last_hash + "\nsignature " +
         head.signature + "\n";
}

// "name value" on its own line.
bool ReadField(std::istream& in, const std::string& name, std::string& value) {
  std::string line;
  if (!std::getline(in, line) || line.rfind(name + " ", 0) != 0) return false;
  value = line.substr(name.size() + 1);
  return !value.empty();
}

std::optional<SignedHead> ParseHead(const std::string& text) {
  std::istringstream in(text);
  std::string format;
  std::string count;
  SignedHead head;
  if (!std::getline(in, format) || format != kFormat) return std::nullopt;
  if (!ReadField(in, "installation", head.installation) || !ReadField(in, "events", count) ||
      !ReadField(in, "hash", head.last_hash) || !ReadField(in, "signature", head.signature) ||
      count.empty() || count.size() > 18 ||
      count.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  head.event_count = std::stoll(count);
  return head;
}

std::runtime_error Failure(const std::filesystem::path& path, const char* what) {
  return std::runtime_error(path.string() + ": " + what + " (" + strerror(errno) + ")");
}

// Holds an flock while it lives.
class FileLock {
 public:
  FileLock(int fd, int operation) : fd_(fd) {
    while (flock(fd_, operation) != 0 && errno == EINTR) {
    }
  }
  ~FileLock() { flock(fd_, LOCK_UN); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

std::string ReadAll(int fd) {
  std::string text(kMaxFileSize, '\0');
  ssize_t got = pread(fd, text.data(), text.size(), 0);
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return text;
}

}  // namespace

std::string HeadMessage(const std::string& installation, std::int64_t event_count,
                        const std::string& last_hash) {
  return std::string(kFormat) + "\n" + installation + "\n" + std::to_string(event_count) + "\n" +
         last_hash + "\n";
}

HeadFile::~HeadFile() {
  if (fd_ >= 0) close(fd_);
}

HeadFileContent HeadFile::Read(const std::filesystem::path& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {errno != ENOENT, false, std::nullopt};
  std::string text;
  {
    FileLock lock(fd, LOCK_SH);
    text = ReadAll(fd);
  }
  close(fd);
  return {true, true, ParseHead(text)};
}

// Opened once; again when someone removed the file meanwhile, so the new one is written.
int HeadFile::Open() {
  struct stat info {};
  if (fd_ >= 0 && fstat(fd_, &info) == 0 && info.st_nlink > 0) return fd_;
  if (fd_ >= 0) close(fd_);
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Failure(path_, "не открывается");
  return fd_;
}

void HeadFile::Write(const SignedHead& head) {
  int fd = Open();
  FileLock lock(fd, LOCK_EX);
  std::string old_text = ReadAll(fd);
  auto current = ParseHead(old_text);
  if (current && current->installation == head.installation &&
      current->event_count >= head.event_count) {
    return;
  }
  std::string text = FileText(head);
  if (pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    throw Failure(path_, "не записывается");
  }
  if (old_text.size() > text.size() && ftruncate(fd, static_cast<off_t>(text.size())) != 0) {
    throw Failure(path_, "не укорачивается");
  }
}

}  // namespace shnor
