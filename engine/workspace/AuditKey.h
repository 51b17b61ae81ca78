#pragma once
// The audit log's signing key: an Ed25519 key pair in a file outside the database, so that
// whoever can rewrite the database file cannot also sign what they wrote. The file (mode 0600)
// holds only the 32-byte seed; the public half is derived from it and kept in the database.
#include <array>
#include <filesystem>
#include <string>

namespace shnor {

class AuditKey {
 public:
  // Writes a new key to `path`, never over an existing file. Throws InputError.
  static AuditKey Create(const std::filesystem::path& path);
  // Throws InputError when the file is missing, unreadable or holds no key.
  static AuditKey Load(const std::filesystem::path& path);

  AuditKey(AuditKey&& other) noexcept;
  AuditKey& operator=(AuditKey&& other) noexcept;
  AuditKey(const AuditKey&) = delete;
  AuditKey& operator=(const AuditKey&) = delete;
  ~AuditKey();  // wipes the secret from memory

  const std::string& public_hex() const { return public_hex_; }
  // The detached signature of `message`, in hex.
  std::string Sign(const std::string& message) const;

 private:
  AuditKey() = default;
  static AuditKey FromSeed(const unsigned char* seed);

  std::array<unsigned char, 64> secret_{};
  std::string public_hex_;
};

// Whether `signature_hex` is `message` signed by the key whose public half is `public_hex`;
// false for malformed hex of either.
bool SignatureValid(const std::string& public_hex, const std::string& message,
                    const std::string& signature_hex);

}  // namespace shnor
