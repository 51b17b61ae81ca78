#pragma once
// The audit chain's signed head — the installation, how many events the log holds and the last
// one's hash — and its copy in a small file beside the key, outside the database: a log cut short
// with an older head row put back still disagrees with the file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace shnor {

struct SignedHead {
  std::string installation;
  std::int64_t event_count = 0;
  std::string last_hash;
  std::string signature;  // hex, over HeadMessage
};

// What the key signs.
std::string HeadMessage(const std::string& installation, std::int64_t event_count,
                        const std::string& last_hash);

struct HeadFileContent {
  bool exists = false;
  bool readable = false;
  std::optional<SignedHead> head;  // nullopt when the file is missing, unreadable or no head
};

// The head file, rewritten in place under an flock at every signed commit: replacing it by
// rename makes ext4 flush the new file each time (0.6 ms a commit, ten times a task command).
class HeadFile {
 public:
  explicit HeadFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~HeadFile();
  HeadFile(const HeadFile&) = delete;
  HeadFile& operator=(const HeadFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  static HeadFileContent Read(const std::filesystem::path& path);
  // Writes `head` unless the file holds a head of the same installation at least as long: a
  // slower process never puts back an older head, and one signed after the log was cut short
  // never hides the longer one. Throws std::runtime_error when the file cannot be written.
  void Write(const SignedHead& head);

 private:
  int Open();

  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace shnor
