#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "output/DocumentPackage.h"
#include "tests/TestSupport.h"

using namespace shnor;
using output::PackageError;
using output::PackageFile;
using test::TempDir;

namespace {

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// Computed by coreutils, not by the code under test.
std::string Sha256sum(const std::filesystem::path& path) {
  std::string command = "sha256sum '" + path.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[128] = {};
  std::string out;
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  REQUIRE(pclose(pipe) == 0);
  return out.substr(0, 64);
}

struct ZipEntry {
  std::string name;
  std::string data;
  std::time_t mtime = 0;
};

std::vector<ZipEntry> ReadZip(const std::filesystem::path& file) {
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(archive != nullptr);
  std::vector<ZipEntry> entries;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    REQUIRE(zip_stat_index(archive, i, 0, &stat) == 0);
    ZipEntry entry{stat.name, std::string(stat.size, '\0'), stat.mtime};
    zip_file_t* data = zip_fopen_index(archive, i, 0);
    REQUIRE(data != nullptr);
    CHECK(zip_fread(data, entry.data.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(data);
    entries.push_back(entry);
  }
  zip_close(archive);
  return entries;
}

// Stand-ins for rendered documents: a PDF-like and an XLSX-like file with binary bytes.
std::vector<PackageFile> Sources(const std::filesystem::path& dir) {
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>((i * 37) % 256));
  WriteBytes(dir / "order.pdf", "%PDF-1.7\nПриказ № 83/ОД\n" + binary);
  WriteBytes(dir / "sub" / "notice.xlsx", "PK\x03\x04" + binary + binary);
  WriteBytes(dir / "empty.txt", "");
  // Two with the sums they must have, as the registry gives them; one unchecked.
  return {{"Приказ № 83-ОД.pdf", dir / "order.pdf", Sha256sum(dir / "order.pdf")},
          {"Этап I/Уведомление о переходе.xlsx", dir / "sub" / "notice.xlsx",
           Sha256sum(dir / "sub" / "notice.xlsx")},
          {"Пустой.txt", dir / "empty.txt", ""}};
}

const std::string kTitle = "Пакет документов этапа I — МАОУ СОШ № 1";

}  // namespace

TEST_CASE("a package holds the files and manifests whose sums match sha256sum", "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  auto zip = dir / "Пакет.zip";
  auto entries = output::WritePackage(zip, files, kTitle, "2024-03-01");

  REQUIRE(entries.size() == 3);
  auto read = ReadZip(zip);
  REQUIRE(read.size() == 5);
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(read[i].name == files[i].name);  // Cyrillic names round-trip, in the given order
    CHECK(read[i].data == ReadBytes(files[i].source));
    CHECK(entries[i].sha256 == Sha256sum(files[i].source));
    CHECK(entries[i].size == std::filesystem::file_size(files[i].source));
  }
  CHECK(read[3].name == "manifest.txt");
  CHECK(read[4].name == "manifest.json");

  std::string expected_text =
      "# Пакет документов: " + kTitle + "\n# Дата: 2024-03-01\n# Файлов: 3\n" +
      Sha256sum(files[0].source) + "  " + files[0].name + "\n" + Sha256sum(files[1].source) + "  " +
      files[1].name + "\n" + Sha256sum(files[2].source) + "  " + files[2].name + "\n";
  CHECK(read[3].data == expected_text);

  auto json = nlohmann::json::parse(read[4].data);
  CHECK(json["title"] == kTitle);
  CHECK(json["date"] == "2024-03-01");
  CHECK(json["count"] == 3);
  REQUIRE(json["files"].size() == 3);
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(json["files"][i]["name"] == files[i].name);
    CHECK(json["files"][i]["sha256"] == Sha256sum(files[i].source));
    CHECK(json["files"][i]["size"] == std::filesystem::file_size(files[i].source));
  }

  // Every entry carries the package date, read back in local time as libzip wrote it.
  for (const auto& entry : read) {
    std::tm local{};
    localtime_r(&entry.mtime, &local);
    CHECK(local.tm_year + 1900 == 2024);
    CHECK(local.tm_mon + 1 == 3);
    CHECK(local.tm_mday == 1);
    CHECK(local.tm_hour == 0);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "Пакет.zip.tmp"));
}

TEST_CASE("package entry names are flagged as UTF-8", "[package]") {
  TempDir dir;
  auto zip = dir / "p.zip";
  output::WritePackage(zip, Sources(dir / "src"), kTitle, "2024-03-01");
  std::string bytes = ReadBytes(zip);
  // The first local file header: signature, version needed, then the general purpose flags,
  // whose bit 11 says the name is UTF-8 (readers otherwise assume CP437).
  REQUIRE(bytes.substr(0, 4) == "PK\x03\x04");
  auto flags = static_cast<unsigned char>(bytes[6]) | static_cast<unsigned char>(bytes[7]) << 8;
  CHECK((flags & 0x800) != 0);
  std::size_t central = bytes.find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  auto central_flags = static_cast<unsigned char>(bytes[central + 8]) |
                       static_cast<unsigned char>(bytes[central + 9]) << 8;
  CHECK((central_flags & 0x800) != 0);
}

TEST_CASE("the same inputs give identical package bytes whatever the sources' times and modes",
          "[package]") {
  TempDir dir;
  auto first = Sources(dir / "a");
  auto second = Sources(dir / "b");
  for (const auto& file : second) {
    std::filesystem::last_write_time(
        file.source, std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    std::filesystem::permissions(
        file.source, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  output::WritePackage(dir / "1.zip", first, kTitle, "2024-03-01");
  output::WritePackage(dir / "2.zip", second, kTitle, "2024-03-01");
  CHECK(ReadBytes(dir / "1.zip") == ReadBytes(dir / "2.zip"));
  // Writing over an existing package replaces it whole.
  output::WritePackage(dir / "2.zip", second, kTitle, "2024-03-02");
  CHECK(ReadBytes(dir / "1.zip") != ReadBytes(dir / "2.zip"));
  output::WritePackage(dir / "2.zip", second, kTitle, "2024-03-01");
  CHECK(ReadBytes(dir / "1.zip") == ReadBytes(dir / "2.zip"));
}

TEST_CASE("a missing source fails naming the file and leaves no package", "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  files.push_back({"Нет такого.pdf", dir / "src" / "Отсутствует.pdf", ""});
  CHECK_THROWS_WITH(output::WritePackage(dir / "p.zip", files, kTitle, "2024-03-01"),
                    Catch::Contains("Отсутствует.pdf") && Catch::Contains("не найден"));
  CHECK_FALSE(std::filesystem::exists(dir / "p.zip"));
  CHECK_FALSE(std::filesystem::exists(dir / "p.zip.tmp"));

  // A package already in place stays as it was.
  files.pop_back();
  output::WritePackage(dir / "p.zip", files, kTitle, "2024-03-01");
  std::string before = ReadBytes(dir / "p.zip");
  files.push_back({"Нет такого.pdf", dir / "src" / "Отсутствует.pdf", ""});
  CHECK_THROWS_AS(output::WritePackage(dir / "p.zip", files, "другой", "2024-03-02"), PackageError);
  CHECK(ReadBytes(dir / "p.zip") == before);
  CHECK_FALSE(std::filesystem::exists(dir / "p.zip.tmp"));
}

TEST_CASE("a source changed since its sum was taken is refused by its index and writes nothing",
          "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  auto zip = dir / "p.zip";
  output::WritePackage(zip, files, kTitle, "2024-03-01");
  const std::string before = ReadBytes(zip);
  WriteBytes(files[1].source, ReadBytes(files[1].source) + "изменено");
  try {
    output::WritePackage(zip, files, kTitle, "2024-03-02");
    FAIL("the changed source was packed");
  } catch (const output::PackageSourceChanged& e) {
    CHECK(e.index() == 1);
    CHECK_THAT(e.what(), Catch::Contains("notice.xlsx") && Catch::Contains(files[1].sha256));
  }
  CHECK((ReadBytes(zip) == before));
  CHECK_FALSE(std::filesystem::exists(dir / "p.zip.tmp"));
  // Without a sum to check the same file is packed as it is now.
  files[1].sha256.clear();
  auto entries = output::WritePackage(zip, files, kTitle, "2024-03-02");
  CHECK(entries[1].sha256 == Sha256sum(files[1].source));
}

// Two writers of one package (two `shnor package` runs, the scheduler and an administrator)
// must never share a temporary file: each rename puts a whole package of one of them in place.
TEST_CASE("concurrent writers of one package never collide and leave no temporary file",
          "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  auto zip = dir / "p.zip";
  std::map<std::string, std::string> whole;  // date -> the bytes one writer alone makes
  for (const char* date : {"2024-03-01", "2024-03-02"}) {
    output::WritePackage(zip, files, kTitle, date);
    whole[date] = ReadBytes(zip);
  }
  std::atomic<int> failures{0};
  auto writer = [&](const std::string& date) {
    for (int i = 0; i < 40; ++i) {
      try {
        output::WritePackage(zip, files, kTitle, date);
      } catch (const std::exception&) {
        ++failures;
      }
    }
  };
  std::thread first(writer, "2024-03-01");
  std::thread second(writer, "2024-03-02");
  first.join();
  second.join();
  CHECK(failures == 0);
  const std::string last = ReadBytes(zip);
  CHECK((last == whole["2024-03-01"] || last == whole["2024-03-02"]));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"p.zip", "src"});
}

TEST_CASE("a package that cannot be written leaves no temporary file", "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  CHECK_THROWS_AS(
      output::WritePackage(dir / "no-such-folder" / "p.zip", files, kTitle, "2024-03-01"),
      PackageError);
  CHECK_FALSE(std::filesystem::exists(dir / "no-such-folder"));
}

TEST_CASE("unsafe, duplicate and reserved names and bad dates are refused", "[package]") {
  TempDir dir;
  auto files = Sources(dir / "src");
  auto with_name = [&](const std::string& name) {
    auto changed = files;
    changed[0].name = name;
    return changed;
  };
  auto zip = dir / "p.zip";
  for (std::string name : {"../x.pdf", "/x.pdf", "a//b.pdf", "a\\b.pdf", "a/./b.pdf", "a\nb.pdf",
                           "manifest.txt", "manifest.json", "", "a/", "\xff.pdf"}) {
    INFO(name);
    CHECK_THROWS_AS(output::WritePackage(zip, with_name(name), kTitle, "2024-03-01"), PackageError);
  }
  CHECK_THROWS_WITH(output::WritePackage(zip, with_name(files[1].name), kTitle, "2024-03-01"),
                    Catch::Contains("дважды"));
  CHECK_THROWS_WITH(output::WritePackage(zip, files, kTitle, "01.03.2024"),
                    Catch::Contains("01.03.2024"));
  CHECK_THROWS_AS(output::WritePackage(zip, files, kTitle, "1970-01-01"), PackageError);
  CHECK_THROWS_AS(output::WritePackage(zip, {}, kTitle, "2024-03-01"), PackageError);
  CHECK_FALSE(std::filesystem::exists(zip));
}
