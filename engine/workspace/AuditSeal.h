#pragma once
// The audit log's seal. A hash chain shows an edited event, but not the last events removed nor a
// chain recomputed from an edit onwards. So every commit that appends events signs the chain's
// head (installation, event count, last hash) with an Ed25519 key kept in a file outside the
// database, stores the signed head in the database and copies it to a file beside the key; a log
// is intact when its chain, the signature and both heads agree. The public half of the key is
// kept in the database's settings, so checking needs no secret.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/workspace/AuditHead.h"
#include "engine/workspace/AuditKey.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"

namespace shnor {

class Workspace;

// What `log --verify` finds beyond the chain itself.
struct SealCheck {
  std::string public_key;             // hex; "" when the log has never been signed
  bool head_signed = false;           // the stored head's signature holds and matches the chain
  bool head_file_matches = false;     // the head file's too
  std::vector<std::string> problems;  // Russian, each one reason the log is not as signed
  std::vector<std::string> notes;     // Russian, what was not checked and why
};

class AuditSeal : public storage::AuditSealer {
 public:
  // The database's settings that name its key (public half) and the installation it signs for.
  static constexpr const char* kPublicKeySetting = "audit.public_key";
  static constexpr const char* kInstallationSetting = "audit.installation";

  AuditSeal(Workspace& workspace, std::filesystem::path key_file);
  AuditSeal(const AuditSeal&) = delete;
  AuditSeal& operator=(const AuditSeal&) = delete;

  // The key file beside the database unless --audit-key or SHNOR_AUDIT_KEY names another.
  static std::filesystem::path DefaultKeyFile(const std::filesystem::path& db_path);
  static std::filesystem::path HeadFileOf(const std::filesystem::path& key_file);
  void UseKeyFile(const std::filesystem::path& key_file);
  const std::filesystem::path& key_file() const { return key_file_; }
  std::filesystem::path head_file() const { return HeadFileOf(key_file_); }

  struct KeyInfo {
    std::string public_key;  // hex
    bool created = false;    // made by this call
  };
  // Makes the key of a database that has none yet (`shnor init`), or checks the one it has.
  // Throws InputError: a key file already there for a database without a key, a missing or wrong
  // key file.
  KeyInfo EnsureKey();
  // Told, once, what a command other than init should say on stderr: that its write made the key
  // of a database older than signing, or that the head file could not be written.
  std::function<void(const std::string&)> on_notice;

  void BeforeCommit(storage::Database& db) override;
  void AfterCommit() noexcept override;
  void RolledBack() noexcept override;

  // The signature and the heads against a chain that verified; `file` is the head file as read
  // before the chain (HeadFile::Read(head_file())).
  SealCheck Check(const storage::ChainReport& chain, const HeadFileContent& file);

 private:
  const AuditKey& KeyForWriting();
  const AuditKey& LoadKey(const std::string& public_key);
  const AuditKey& CreateKey();
  void ForgetCreatedKey();
  void Notice(const std::string& message);

  Workspace& ws_;
  std::filesystem::path key_file_;
  std::optional<AuditKey> key_;
  std::string installation_;
  std::optional<HeadFile> head_writer_;  // opened at the first signed commit
  std::optional<SignedHead> pending_;    // signed before the commit, written to the file after it
  bool created_in_transaction_ = false;  // removed again if that transaction fails
  bool announce_created_ = false;
  bool head_file_failed_ = false;
};

}  // namespace shnor
