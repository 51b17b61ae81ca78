#pragma once
// A document package: the files of a stage or a campaign in one ZIP with a manifest of their
// SHA-256 sums (manifest.txt for people and `sha256sum`, manifest.json for programs). The same
// files, names, title and date give the same bytes, so a package can itself be checksummed.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace shnor::output {

// The message is Russian and names the file or the entry at fault.
struct PackageError : std::runtime_error {
  using runtime_error::runtime_error;
};

// A source whose bytes no longer have the sum it was registered with: `index` is its place in
// the files given, so the caller can name the document it stands for.
struct PackageSourceChanged : PackageError {
  PackageSourceChanged(const std::string& message, std::size_t index)
      : PackageError(message), index_(index) {}
  std::size_t index() const { return index_; }

 private:
  std::size_t index_;
};

struct PackageFile {
  std::string name;  // inside the ZIP, UTF-8, "/" between folders: "Этап I/Уведомление.pdf"
  std::filesystem::path source;
  std::string sha256;  // the sum the source must have (lowercase hex); empty: not checked
};

struct PackageEntry {
  std::string name;
  std::string sha256;  // lowercase hex
  std::uint64_t size = 0;
};

struct BuiltPackage {
  std::string bytes;  // the ZIP
  std::vector<PackageEntry> entries;
};

// The ZIP of `files` in the given order, then manifest.txt and manifest.json, in memory. Every
// entry carries `date` (ISO, "2024-03-01") at 00:00 as its time, not the sources' times. Each
// source is read once, so the bytes checked against `sha256` are the bytes packed.
// Throws PackageSourceChanged for a source whose sum is not its `sha256`, and PackageError for a
// missing or unreadable source, an empty, duplicate, reserved or unsafe name ("..", a leading
// "/", a backslash, a control character), a malformed date, or no files.
BuiltPackage BuildPackage(const std::vector<PackageFile>& files, const std::string& title,
                          const std::string& date);

// BuildPackage, written to `zip_path` through a temporary of a unique name beside it (hidden,
// created exclusively) that is synced and renamed into place: a failure leaves neither file, an
// existing package is replaced whole or not at all, and two writers of one package never share
// a temporary. Returns the manifest's entries. Throws as BuildPackage does, or PackageError for
// a write failure.
std::vector<PackageEntry> WritePackage(const std::filesystem::path& zip_path,
                                       const std::vector<PackageFile>& files,
                                       const std::string& title, const std::string& date);

// Lowercase hex SHA-256 of a file's bytes, read in blocks. Throws PackageError when it cannot be
// read.
std::string FileSha256(const std::filesystem::path& path);

}  // namespace shnor::output
