#include "engine/documents/DocumentFiles.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>

#include "engine/documents/DocumentService.h"

namespace shnor {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kShaDigits = 12;
const char* const kLockName = ".shnor-lock";

DocumentError Unwritable(const fs::path& where, const std::string& why) {
  return DocumentError("папка документов " + where.string() + " недоступна для записи: " + why);
}

// A document file as this store or an earlier one named it: "<stem>_<12 hex>.<ext>" or
// "<stem>_v<N>.<ext>". Packages (.zip) and anything else a person put there are not ours.
bool IsDocumentName(const std::string& name) {
  static const std::regex pattern(R"(.+_([0-9a-f]{12}|v[0-9]+)\.(pdf|xlsx|docx))");
  return std::regex_match(name, pattern);
}

bool IsTemporaryName(const std::string& name) {
  return name.size() > 5 && name.front() == '.' && name.ends_with(".tmp");
}

}  // namespace

DocumentFiles::WriterLock::WriterLock(const DocumentFiles& files) : fd_(files.OpenLockFile()) {
  // A shared lock only waits while a sweep holds it exclusively, which takes milliseconds.
  while (::flock(fd_, LOCK_SH) != 0 && errno == EINTR) {
  }
}

DocumentFiles::WriterLock::~WriterLock() {
  Unlock(fd_);
}

std::string DocumentFiles::NameOf(const std::string& stem, const std::string& sha256,
                                  const std::string& ext) {
  return stem + "_" + sha256.substr(0, kShaDigits) + "." + ext;
}

fs::path DocumentFiles::CreateFolder(const fs::path& relative) const {
  const fs::path folder = (root_ / relative).parent_path();
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw Unwritable(root_, error.message());
  return folder;
}

fs::path DocumentFiles::TemporaryFor(const fs::path& relative) {
  const fs::path folder = CreateFolder(relative);
  return folder / ("." + relative.filename().string() + "." + std::to_string(::getpid()) + "-" +
                   std::to_string(++temporaries_) + ".tmp");
}

bool DocumentFiles::Place(const fs::path& temporary, const fs::path& relative) {
  const fs::path target = root_ / relative;
  std::error_code error;
  if (fs::exists(target, error)) {
    fs::remove(temporary, error);
    return false;
  }
  fs::rename(temporary, target, error);
  if (error) {
    fs::remove(temporary, error);
    throw Unwritable(root_, error.message());
  }
  return true;
}

void DocumentFiles::WriteTemporary(const fs::path& temporary, const std::string& bytes) {
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) return;
  std::error_code ignored;
  fs::remove(temporary, ignored);
  throw Unwritable(root_, "файл " + temporary.filename().string() + " не записан");
}

void DocumentFiles::Remove(const fs::path& relative) noexcept {
  std::error_code error;
  fs::remove(root_ / relative, error);
  // Folders it leaves empty go too (fs::remove takes a folder only when it is empty).
  for (fs::path folder = relative.parent_path(); !folder.empty() && !error;
       folder = folder.parent_path()) {
    if (!fs::remove(root_ / folder, error)) break;
  }
}

int DocumentFiles::OpenLockFile() const {
  std::error_code error;
  fs::create_directories(root_, error);
  if (error) throw Unwritable(root_, error.message());
  int fd = ::open((root_ / kLockName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Unwritable(root_, std::strerror(errno));
  return fd;
}

int DocumentFiles::LockExclusive() const {
  if (!fs::exists(root_)) return -1;
  int fd = OpenLockFile();
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
  ::close(fd);
  return -1;
}

void DocumentFiles::Unlock(int fd) {
  if (fd < 0) return;
  ::flock(fd, LOCK_UN);
  ::close(fd);
}

void DocumentFiles::SweepHeld(const std::set<std::string>& referenced, SweepReport& report) const {
  report.done = true;
  std::error_code error;
  std::vector<fs::path> doomed;
  for (auto it = fs::recursive_directory_iterator(root_, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    const fs::path relative = fs::relative(it->path(), root_, error);
    const std::string name = relative.filename().string();
    const bool staging = *relative.begin() == ".staging";
    if (staging || IsTemporaryName(name)) {
      report.temporaries.push_back(relative.generic_string());
    } else if (IsDocumentName(name) && !referenced.count(relative.generic_string())) {
      report.removed.push_back(relative.generic_string());
    } else {
      continue;
    }
    doomed.push_back(it->path());
  }
  for (const fs::path& path : doomed) fs::remove(path, error);
  fs::remove(root_ / ".staging", error);  // only when empty
}

}  // namespace shnor
