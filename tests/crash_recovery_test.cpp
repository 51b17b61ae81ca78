// kill -9 at a chosen system call of a bulk advance with documents: strace's fault injection
// kills the real `shnor` process at its N-th rename (a document file put in place) or its N-th
// write (the documents, the WAL, the commit). After any such crash the registry and the folder
// agree: every registered document has its file with its checksum, and what the crash left
// unregistered is swept by the next `shnor fsck` (or `serve`) — then the advance completes.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
#include "output/DocumentPackage.h"
#include "storage/DocumentRegistry.h"
#include "tests/TestSupport.h"

using namespace shnor;
namespace fs = std::filesystem;

namespace {

constexpr int kSchools = 12;

struct CrashRegion {
  CrashRegion() {
    for (int i = 1; i <= kSchools; ++i) s.FinishStage("s-" + std::to_string(i));
  }
  std::string Args(const std::string& args) const {
    return "--db '" + (s.dir / "shnor.db").string() + "' --today 2024-03-01 " + args;
  }
  test::ProcessResult Shnor(const std::string& args) const { return test::RunShnor(Args(args)); }
  // The command killed by SIGKILL when it enters `syscalls` for the `nth` time (counted over
  // all its threads).
  int KilledAt(const std::string& syscalls, int nth, const std::string& args) const {
    const std::string command = "strace -f -qq -o /dev/null -e trace=" + syscalls +
                                " -e inject=" + syscalls +
                                ":signal=KILL:when=" + std::to_string(nth) + " '" + SHNOR_BINARY +
                                "' " + Args(args) + " > /dev/null 2>&1 < /dev/null";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  test::SampleWorkspace s{"2024-02-10", kSchools};
  fs::path documents = s.dir / "documents";
};

// Every registered row's file is there with the registered checksum.
void CheckRowsHaveFiles(const CrashRegion& r) {
  auto ws =
      std::make_unique<Workspace>(r.s.dir / "shnor.db", storage::OpenMode::MustExist, r.s.clock);
  storage::DocumentFilter all;
  all.campaign_id = r.s.campaign.id;
  all.latest_only = false;
  for (const auto& doc : storage::DocumentRegistry(ws->db()).List(all)) {
    INFO(doc.path);
    REQUIRE(fs::exists(r.documents / doc.path));
    CHECK(output::FileSha256(r.documents / doc.path) == doc.sha256);
  }
}

// Files under the documents folder that are neither registered documents nor the lock.
std::vector<std::string> Leftovers(const CrashRegion& r) {
  std::vector<std::string> found;
  if (!fs::exists(r.documents)) return found;
  for (const auto& entry : fs::recursive_directory_iterator(r.documents)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.' && name != ".shnor-lock") found.push_back(name);
  }
  return found;
}

}  // namespace

TEST_CASE("kill -9 at any rename or write of a bulk advance leaves rows and files in agreement",
          "[crash][docs]") {
  if (std::system("command -v strace > /dev/null") != 0) FAIL("strace is not installed");
  // 12 schools make 24 files; the kills fall at the first, among and halfway through them.
  auto [syscalls, nth] = GENERATE(table<std::string, int>({{"rename,renameat,renameat2", 1},
                                                           {"rename,renameat,renameat2", 6},
                                                           {"rename,renameat,renameat2", 12},
                                                           {"write,pwrite64", 40},
                                                           {"write,pwrite64", 200},
                                                           {"fsync,fdatasync", 1}}));
  CrashRegion r;
  INFO(syscalls << " #" << nth);
  // strace exits as its tracee did: 128 + SIGKILL.
  CHECK(r.KilledAt(syscalls, nth, "advance --all --stage I") == 128 + 9);
  CheckRowsHaveFiles(r);
  auto check = r.Shnor("fsck");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(Leftovers(r).empty());
  auto finished = r.Shnor("advance --all --stage I");
  INFO(finished.out << finished.err);
  CHECK(finished.exit_code == 0);
  CheckRowsHaveFiles(r);
  auto again = r.Shnor("fsck");
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("расхождений: 0") != std::string::npos);
  auto in_stage_two = r.Shnor("status --stage II");
  CHECK(in_stage_two.out.find("s-" + std::to_string(kSchools)) != std::string::npos);
}

TEST_CASE("shnor fsck reports a lost and an altered document and --repair makes them again",
          "[docs][cli]") {
  CrashRegion r;
  REQUIRE(r.Shnor("advance --all --stage I").exit_code == 0);
  auto ws =
      std::make_unique<Workspace>(r.s.dir / "shnor.db", storage::OpenMode::MustExist, r.s.clock);
  storage::DocumentFilter all;
  all.campaign_id = r.s.campaign.id;
  const auto docs = storage::DocumentRegistry(ws->db()).List(all);
  // Per school: the notice as PDF and DOCX, the road map. The notice's PDF goes missing, the
  // road map is altered (two documents: the DOCX of the notice is made again with its PDF).
  REQUIRE(docs.size() == 3 * kSchools);
  const auto& lost = docs[0];
  const auto& altered = docs[2];
  fs::remove(r.documents / lost.path);
  std::ofstream(r.documents / altered.path, std::ios::app) << "правка";
  // An orphan, as a crash before the commit leaves one, and a stale temporary file.
  const fs::path orphan =
      fs::path(docs[3].path).parent_path() / "stage-notice_99-УП_v1_0123456789ab.pdf";
  fs::copy_file(r.documents / docs[3].path, r.documents / orphan);
  std::ofstream(r.documents / ".x.pdf.123-1.tmp") << "x";

  auto report = r.Shnor("fsck");
  INFO(report.out);
  CHECK(report.exit_code == 4);
  CHECK(report.out.find("Нет файла документа «" + lost.kind + "» № " + lost.number) !=
        std::string::npos);
  CHECK(report.out.find("Файл изменён после выпуска: документ «" + altered.kind + "» № " +
                        altered.number) != std::string::npos);
  CHECK(report.out.find("Удалён незарегистрированный файл: " + orphan.generic_string()) !=
        std::string::npos);
  CHECK(!fs::exists(r.documents / orphan));
  CHECK(!fs::exists(r.documents / ".x.pdf.123-1.tmp"));
  CHECK(fs::exists(r.documents / docs[3].path));

  auto repaired = r.Shnor("fsck --repair");
  INFO(repaired.out);
  CHECK(repaired.exit_code == 0);
  CHECK(repaired.out.find("составлен заново: версия 2") != std::string::npos);
  CHECK(repaired.out.find("не устранено: 0") != std::string::npos);
  const auto latest = storage::DocumentRegistry(ws->db()).List(all);
  for (const auto& doc : latest) {
    if (doc.kind != lost.kind || doc.case_id != lost.case_id) continue;
    CHECK(doc.version == 2);
    CHECK(doc.number == lost.number);  // made again under its number
    CHECK(output::FileSha256(r.documents / doc.path) == doc.sha256);
  }
}

TEST_CASE("only the administrator may check and repair the documents folder", "[access]") {
  CHECK_THROWS_AS(RequireAdministration(Actor{"Куратор", Role::Curator, {}}), AccessDenied);
  CHECK_THROWS_AS(RequireAdministration(Actor{"Наблюдатель", Role::Observer, {true, {}, {}}}),
                  AccessDenied);
  CHECK_NOTHROW(RequireAdministration(Actor{"Администратор", Role::Administrator}));
}
