#include "engine/workspace/AuditKey.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "engine/base/Errors.h"

namespace shnor {
namespace {

constexpr const char* kHeader =
    "# shnor: ключ подписи журнала действий (Ed25519, 32 байта). Храните в секрете; копию —\n"
    "# отдельно от резервных копий базы: без него журнал больше не подписать.\n";

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium не инициализирована");
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// Exactly `size` bytes from `hex`, or false.
bool FromHex(const std::string& hex, unsigned char* out, std::size_t size) {
  std::size_t written = 0;
  const char* end = nullptr;
  return hex.size() == size * 2 &&
         sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, &end) == 0 &&
         written == size && end == hex.data() + hex.size();
}

std::string KeyProblem(const std::filesystem::path& path, const std::string& what) {
  return "ключ подписи журнала " + path.string() + ": " + what;
}

// The seed's line: the first that is not a comment.
std::string SeedLine(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw InputError(
        KeyProblem(path, std::filesystem::exists(path)
                             ? "файл не читается (" + std::string(strerror(errno)) + ")"
                             : "файл не найден") +
        "; восстановите его из резервной копии или укажите его путь в --audit-key "
        "или SHNOR_AUDIT_KEY");
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.front() != '#') return line;
  }
  return "";
}

void WriteNew(const std::filesystem::path& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    throw InputError(KeyProblem(path,
                                "файл уже есть, а в базе нет открытого ключа к нему; новый ключ "
                                "поверх существующего не пишется. Если это ключ другой базы, "
                                "укажите для этой другой путь в --audit-key или SHNOR_AUDIT_KEY"));
  }
  if (fd < 0)
    throw InputError(KeyProblem(path, "не удалось создать файл: " + std::string(strerror(errno))));
  bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  bool durable = written && fsync(fd) == 0;
  close(fd);
  if (!durable) {
    std::filesystem::remove(path);
    throw InputError(KeyProblem(path, "не удалось записать файл"));
  }
}

}  // namespace

AuditKey AuditKey::FromSeed(const unsigned char* seed) {
  AuditKey key;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, key.secret_.data(), seed);
  key.public_hex_ = Hex(pk, sizeof pk);
  return key;
}

AuditKey AuditKey::Create(const std::filesystem::path& path) {
  InitSodium();
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  std::string text = kHeader + Hex(seed, sizeof seed) + "\n";
  try {
    WriteNew(path, text);
  } catch (...) {
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(text.data(), text.size());
    throw;
  }
  AuditKey key = FromSeed(seed);
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(text.data(), text.size());
  return key;
}

AuditKey AuditKey::Load(const std::filesystem::path& path) {
  InitSodium();
  std::string line = SeedLine(path);
  unsigned char seed[crypto_sign_SEEDBYTES];
  bool ok = FromHex(line, seed, sizeof seed);
  sodium_memzero(line.data(), line.size());
  if (!ok)
    throw InputError(
        KeyProblem(path, "в файле нет ключа (ожидалась строка из 64 шестнадцатеричных цифр)"));
  AuditKey key = FromSeed(seed);
  sodium_memzero(seed, sizeof seed);
  return key;
}

AuditKey::AuditKey(AuditKey&& other) noexcept
    : secret_(other.secret_), public_hex_(std::move(other.public_hex_)) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

AuditKey& AuditKey::operator=(AuditKey&& other) noexcept {
  secret_ = other.secret_;
  public_hex_ = std::move(other.public_hex_);
  sodium_memzero(other.secret_.data(), other.secret_.size());
  return *this;
}

AuditKey::~AuditKey() {
  sodium_memzero(secret_.data(), secret_.size());
}

std::string AuditKey::Sign(const std::string& message) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret_.data());
  return Hex(signature, sizeof signature);
}

bool SignatureValid(const std::string& public_hex, const std::string& message,
                    const std::string& signature_hex) {
  InitSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char signature[crypto_sign_BYTES];
  if (!FromHex(public_hex, pk, sizeof pk) || !FromHex(signature_hex, signature, sizeof signature)) {
    return false;
  }
  return crypto_sign_verify_detached(signature,
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk) == 0;
}

}  // namespace shnor
