// AuditSeal::Check: the key, the signed head in the database and the head file against a chain
// that verified on its own.
#include "engine/base/Errors.h"
#include "engine/workspace/AuditSeal.h"
#include "engine/workspace/Workspace.h"

namespace shnor {
namespace {

// "1 событие", "3 события", "21 событие", "25 событий".
std::string EventsText(std::int64_t n) {
  std::int64_t tens = n % 100;
  std::int64_t ones = n % 10;
  const char* word = "событий";
  if (ones == 1 && tens != 11) word = "событие";
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) word = "события";
  return std::to_string(n) + " " + word;
}

std::string Removed(std::int64_t n) {
  if (n == 1) return "удалено последнее событие журнала";
  return "удалены последние " + EventsText(n) + " журнала";
}

// One signed head (the database's row or the file) against the chain.
class HeadComparison {
 public:
  HeadComparison(const storage::ChainReport& chain, storage::AuditLog& log, SealCheck& out)
      : chain_(chain), log_(log), out_(out) {}

  // `behind_allowed`: the file may lag the log by a commit whose process died before writing it.
  bool Matches(const SignedHead& head, const std::string& source, bool behind_allowed) {
    std::int64_t n = chain_.events_checked;
    std::string counts = " (" + source + ": " + EventsText(head.event_count) + ", в журнале — " +
                         std::to_string(n) + ")";
    if (head.event_count > n) return Problem(Removed(head.event_count - n) + counts);
    if (head.event_count < n && !behind_allowed) {
      return Problem("в журнале " + EventsText(n - head.event_count) +
                     " после подписанной головы: дописаны в обход программы" + counts);
    }
    if (HashAt(head.event_count) != head.last_hash) {
      return Problem("цепочка пересчитана: подпись головы журнала не совпадает с событием № " +
                     std::to_string(head.event_count) + " (" + source + ")");
    }
    return true;
  }

 private:
  std::string HashAt(std::int64_t count) {
    if (count == chain_.events_checked) return chain_.last_hash;
    if (count == 0) return storage::AuditLog::GenesisHash();
    return log_.HashAt(count).value_or("");
  }
  bool Problem(const std::string& text) {
    out_.problems.push_back(text);
    return false;
  }

  const storage::ChainReport& chain_;
  storage::AuditLog& log_;
  SealCheck& out_;
};

void CheckKeyFile(const std::filesystem::path& key_file, SealCheck& out) {
  if (!std::filesystem::exists(key_file)) {
    out.notes.push_back("файл ключа " + key_file.string() +
                        " здесь не найден: подпись проверена по открытому ключу из базы");
    return;
  }
  try {
    AuditKey key = AuditKey::Load(key_file);
    if (key.public_hex() == out.public_key) return;
    out.problems.push_back(
        "файл ключа " + key_file.string() + " не подходит к этой базе: его открытый ключ " +
        key.public_hex().substr(0, 16) + "…, а в базе записан " + out.public_key.substr(0, 16) +
        "… — это ключ другой базы, или открытый ключ в базе подменён");
  } catch (const InputError& e) {
    out.notes.push_back(std::string(e.what()) + ": подпись проверена по открытому ключу из базы");
  }
}

// A database made before signing has no key until its first change; one whose key is gone from
// the settings while a head says it was signed has lost it to someone.
void NeverSigned(bool heads_exist, SealCheck& out) {
  if (heads_exist) {
    out.problems.push_back(
        "в базе нет открытого ключа подписи журнала, хотя журнал подписывался: ключ удалён "
        "из базы");
  } else {
    out.notes.push_back(
        "журнал ещё не подписан: база создана до подписи журнала, ключ создаст её первое "
        "изменение");
  }
}

bool SignedBy(const std::string& public_key, const SignedHead& head) {
  return SignatureValid(
      public_key, HeadMessage(head.installation, head.event_count, head.last_hash), head.signature);
}

// The head row in the database: signed by the key, and ending the chain exactly.
bool StoredHeadHolds(const std::optional<storage::HeadSeal>& stored,
                     const std::string& installation, HeadComparison& compare, SealCheck& out) {
  if (!stored) {
    out.problems.push_back("подписанной головы журнала в базе нет: её строка удалена");
    return false;
  }
  SignedHead head{installation, stored->event_count, stored->last_hash, stored->signature};
  if (!SignedBy(out.public_key, head)) {
    out.problems.push_back("подпись головы журнала неверна: голова изменена не программой");
    return false;
  }
  return compare.Matches(head, "подписанная голова в базе", false);
}

// The head file: signed by the key for this installation, and a head the chain passes through.
bool HeadFileHolds(const std::filesystem::path& path, const HeadFileContent& file,
                   const std::string& installation, HeadComparison& compare, SealCheck& out) {
  std::string name = "файл головы журнала " + path.string();
  if (!file.exists) {
    out.notes.push_back(name + " не найден: сверка с ним пропущена");
  } else if (!file.readable) {
    out.notes.push_back(name + " не читается: сверка с ним пропущена");
  } else if (!file.head) {
    out.problems.push_back(name + " повреждён");
  } else if (file.head->installation != installation) {
    out.problems.push_back(name + " относится к другой базе");
  } else if (!SignedBy(out.public_key, *file.head)) {
    out.problems.push_back("подпись в файле головы журнала " + path.string() + " неверна");
  } else {
    return compare.Matches(*file.head, name, true);
  }
  return false;
}

}  // namespace

SealCheck AuditSeal::Check(const storage::ChainReport& chain, const HeadFileContent& file) {
  SealCheck out;
  storage::AuditLog log(ws_.db());
  auto public_key = ws_.Setting(kPublicKeySetting);
  auto stored = log.StoredSeal();
  if (!public_key) {
    NeverSigned(stored || file.exists, out);
    return out;
  }
  out.public_key = *public_key;
  CheckKeyFile(key_file_, out);
  std::string installation = ws_.Setting(kInstallationSetting).value_or("");
  HeadComparison compare(chain, log, out);
  out.head_signed = StoredHeadHolds(stored, installation, compare, out);
  out.head_file_matches = HeadFileHolds(head_file(), file, installation, compare, out);
  return out;
}

}  // namespace shnor
