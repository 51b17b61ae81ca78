#pragma once
// The documents folder as a store of files named by their content. A document's file is written
// to its final place before the transaction that registers it commits: the name carries the
// file's checksum, so a file nobody registers is merely unreferenced (and swept later), two
// writers of one document can never overwrite each other's bytes, and a registered row always
// has its file, whatever moment a crash picks.
//
// Writers hold a shared lock on the folder from their first file to their commit; the sweep
// takes it exclusively and, when it cannot, sweeps nothing, so it never removes a file whose
// transaction is still open in another thread or process.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace shnor {

class DocumentFiles {
 public:
  explicit DocumentFiles(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // The shared lock of one writer, from before its first file until after its commit.
  class WriterLock {
   public:
    explicit WriterLock(const DocumentFiles& files);
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

   private:
    int fd_ = -1;
  };

  // "<stem>_<first 12 hex digits of sha256>.<ext>": the content-addressed name.
  static std::string NameOf(const std::string& stem, const std::string& sha256,
                            const std::string& ext);
  // A temporary name beside `relative`, hidden and unique to this process and call.
  std::filesystem::path TemporaryFor(const std::filesystem::path& relative);
  // Moves `temporary` to `relative` (under the root). True when this call created the file; when
  // one with that name existed it holds the same bytes, so the temporary is removed instead.
  // Throws DocumentError naming the folder when it cannot be written.
  bool Place(const std::filesystem::path& temporary, const std::filesystem::path& relative);
  // Fills a temporary file. Throws DocumentError when it cannot be written.
  void WriteTemporary(const std::filesystem::path& temporary, const std::string& bytes);
  // Removes a file this process created and nobody registered (a failed transaction), and the
  // folders that leaves empty.
  void Remove(const std::filesystem::path& relative) noexcept;

  struct SweepReport {
    bool done = false;                     // false: a writer held the lock, nothing was looked at
    std::vector<std::string> removed;      // unreferenced documents, relative paths
    std::vector<std::string> temporaries;  // stale temporary and staging files removed
  };
  // Removes every document file under the root that `referenced` (relative paths) does not name,
  // and every temporary or staging file; packages and other files stay. `referenced` must be
  // read after the lock is taken: `list` is called once it is held.
  template <class ListReferenced>
  SweepReport Sweep(ListReferenced list) {
    SweepReport report;
    int fd = LockExclusive();
    if (fd < 0) return report;
    try {
      SweepHeld(list(), report);
    } catch (...) {
      Unlock(fd);
      throw;
    }
    Unlock(fd);
    return report;
  }

 private:
  int LockExclusive() const;
  static void Unlock(int fd);
  int OpenLockFile() const;
  void SweepHeld(const std::set<std::string>& referenced, SweepReport& report) const;
  std::filesystem::path CreateFolder(const std::filesystem::path& relative) const;

  std::filesystem::path root_;
  std::atomic<std::size_t> temporaries_{0};
};

}  // namespace shnor
