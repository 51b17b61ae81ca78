#include "engine/workspace/AuditSeal.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "engine/base/Errors.h"
#include "engine/workspace/AuditTrail.h"
#include "engine/workspace/Workspace.h"

namespace shnor {
namespace {

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

const Actor& KeyMaker() {
  static const Actor actor{"система (подпись журнала)", Role::Administrator};
  return actor;
}

std::string NotSaved(const std::string& why) {
  return "изменение не сохранено: нечем подписать журнал действий — " + why;
}

}  // namespace

AuditSeal::AuditSeal(Workspace& workspace, std::filesystem::path key_file)
    : ws_(workspace), key_file_(std::move(key_file)) {}

std::filesystem::path AuditSeal::DefaultKeyFile(const std::filesystem::path& db_path) {
  return db_path.string() + ".audit-key";
}

std::filesystem::path AuditSeal::HeadFileOf(const std::filesystem::path& key_file) {
  return key_file.string() + ".head";
}

void AuditSeal::UseKeyFile(const std::filesystem::path& key_file) {
  key_file_ = key_file;
  key_.reset();
  head_writer_.reset();
}

AuditSeal::KeyInfo AuditSeal::EnsureKey() {
  storage::Database::Transaction transaction(ws_.db());
  bool had = key_ || ws_.Setting(kPublicKeySetting);
  std::string public_key = KeyForWriting().public_hex();
  announce_created_ = false;  // the caller says it in its own words
  transaction.Commit();
  return {public_key, !had};
}

const AuditKey& AuditSeal::KeyForWriting() {
  if (key_) return *key_;
  auto public_key = ws_.Setting(kPublicKeySetting);
  return public_key ? LoadKey(*public_key) : CreateKey();
}

const AuditKey& AuditSeal::LoadKey(const std::string& public_key) {
  try {
    AuditKey key = AuditKey::Load(key_file_);
    if (key.public_hex() != public_key) {
      throw InputError(
          "файл ключа " + key_file_.string() + " не подходит к этой базе: его открытый ключ " +
          key.public_hex().substr(0, 16) + "…, а в базе записан " + public_key.substr(0, 16) + "…");
    }
    installation_ = ws_.Setting(kInstallationSetting).value_or("");
    key_ = std::move(key);
  } catch (const InputError& e) {
    throw InputError(NotSaved(e.what()));
  }
  return *key_;
}

// Inside the caller's transaction: the key's public half and the event that says it was made
// commit together with the first signed head, or not at all (the new file is removed then).
const AuditKey& AuditSeal::CreateKey() {
  AuditKey key = AuditKey::Create(key_file_);
  try {
    installation_ = RandomHex(16);
    ws_.SetSetting(kPublicKeySetting, key.public_hex());
    ws_.SetSetting(kInstallationSetting, installation_);
    nlohmann::json details = {{"key_file", std::filesystem::absolute(key_file_).string()},
                              {"installation", installation_}};
    AuditTrail(ws_).RecordInstallationWide(
        KeyMaker(), {std::nullopt, "audit-key-create", "", key.public_hex(), "", details.dump()});
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(key_file_, ignored);
    throw;
  }
  created_in_transaction_ = announce_created_ = true;
  key_ = std::move(key);
  return *key_;
}

void AuditSeal::ForgetCreatedKey() {
  if (!created_in_transaction_) return;
  std::error_code ignored;
  std::filesystem::remove(key_file_, ignored);
  key_.reset();
  created_in_transaction_ = announce_created_ = false;
}

void AuditSeal::BeforeCommit(storage::Database& db) {
  try {
    const AuditKey& key = KeyForWriting();
    storage::AuditLog log(db);
    storage::ChainHead head = log.Head();
    SignedHead signed_head{installation_, head.event_count, head.last_hash,
                           key.Sign(HeadMessage(installation_, head.event_count, head.last_hash))};
    log.StoreSeal({signed_head.event_count, signed_head.last_hash, signed_head.signature});
    pending_ = std::move(signed_head);
  } catch (...) {
    ForgetCreatedKey();
    pending_.reset();
    throw;
  }
}

void AuditSeal::AfterCommit() noexcept {
  created_in_transaction_ = false;
  if (announce_created_) {
    announce_created_ = false;
    Notice("журнал действий этой базы теперь подписывается: создан ключ подписи журнала " +
           key_file_.string() + " (открытый ключ " + key_->public_hex() +
           "). Сохраните копию файла ключа отдельно от резервных копий базы.");
  }
  if (!pending_) return;
  try {
    if (!head_writer_) head_writer_.emplace(head_file());
    head_writer_->Write(*pending_);
  } catch (const std::exception& e) {
    if (!head_file_failed_) Notice("файл головы журнала не записан: " + std::string(e.what()));
    head_file_failed_ = true;
  }
  pending_.reset();
}

void AuditSeal::RolledBack() noexcept {
  ForgetCreatedKey();
  pending_.reset();
}

void AuditSeal::Notice(const std::string& message) {
  if (on_notice) on_notice(message);
}

}  // namespace shnor
