// Documents made by transitions and on demand: numbered in the registry, rendered from the
// shipped templates, filed under the documents root only when the transaction commits, bundled
// into packages. A failure leaves the case, the registry and the folder as they were.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "engine/base/Errors.h"
#include "engine/documents/DocumentPackages.h"
#include "engine/documents/DocumentService.h"
#include "output/DocumentPackage.h"
#include "storage/CaseRepository.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"
#include "tests/XlsxReading.h"

using namespace shnor;
namespace fs = std::filesystem;

namespace {

std::string PdfText(const fs::path& pdf) {
  return test::PdfText(pdf, 0, 0, true);
}

// Every file and folder under `root`, as relative paths, but the writers' lock file.
std::vector<std::string> FilesUnder(const fs::path& root) {
  std::vector<std::string> files;
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() == ".shnor-lock") continue;
    files.push_back(fs::relative(entry.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<storage::DocumentRecord> Registered(test::SampleWorkspace& s) {
  storage::DocumentFilter all;
  all.campaign_id = s.campaign.id;
  all.latest_only = false;
  return storage::DocumentRegistry(s.ws->db()).List(all);
}

struct DocumentsSample {
  explicit DocumentsSample(fs::path templates = test::SourceDir() / "templates")
      : service(*s.ws, std::move(templates), s.dir / "documents") {}

  CommandResult Advance(const std::string& code) {
    s.FinishStage(code);
    s.clock.Set(test::LocalNoon("2024-03-01"));
    CaseService cases(*s.ws, &service);
    Command advance;
    advance.kind = CommandKind::Advance;
    return cases.Execute(s.CaseOf(code), advance, s.admin);
  }

  test::SampleWorkspace s{"2024-02-10", 2};
  DocumentService service;
};

// A copy of the shipped templates with the stage notice broken at one name.
fs::path BrokenTemplates(const test::TempDir& dir) {
  const fs::path copy = dir / "templates";
  fs::copy(test::SourceDir() / "templates", copy);
  std::string text = test::ReadText(copy / "stage-notice.yaml");
  const std::string name = "{{school.name}}";
  text.replace(text.find(name), name.size(), "{{school.title}}");
  std::ofstream(copy / "stage-notice.yaml") << text;
  return copy;
}

}  // namespace

TEST_CASE("an advance makes the stage notice and the road map after the commit", "[docs]") {
  DocumentsSample d;
  CommandResult result = d.Advance("s-1");
  REQUIRE(result.applied());
  REQUIRE(result.documents.size() == 3);  // the notice as PDF and DOCX, the road map
  const auto& notice = result.documents[0];
  const auto& road_map = result.documents[2];
  CHECK(notice.kind == "stage-notice");
  CHECK(notice.number == "1-УП");
  CHECK(notice.format == "pdf");
  CHECK(notice.doc_date == "2024-03-01");
  CHECK(notice.stage == "II");
  CHECK(road_map.kind == "road-map");
  CHECK(road_map.format == "xlsx");
  CHECK(road_map.number == "1-ДК");
  const fs::path pdf = d.service.root() / notice.path;
  REQUIRE(fs::exists(pdf));
  CHECK(output::FileSha256(pdf) == notice.sha256);
  CHECK(output::FileSha256(d.service.root() / road_map.path) == road_map.sha256);
  const std::string text = PdfText(pdf);
  CHECK(text.find("№ 1-УП") != std::string::npos);
  CHECK(text.find("МАОУ СОШ № 1") != std::string::npos);
  CHECK(text.find("Формирование программных документов") != std::string::npos);
  CHECK(Registered(d.s).size() == 3);
  CHECK(!fs::exists(d.service.root() / ".staging"));
}

TEST_CASE("an advance makes the notice as PDF and as DOCX under one number", "[docs][docx]") {
  DocumentsSample d;
  CommandResult result = d.Advance("s-1");
  REQUIRE(result.applied());
  REQUIRE(result.documents.size() == 3);
  const auto& pdf = result.documents[0];
  const auto& docx = result.documents[1];
  CHECK(pdf.format == "pdf");
  CHECK(docx.format == "docx");
  CHECK(docx.kind == "stage-notice");
  CHECK(docx.number == pdf.number);
  CHECK(docx.seq == pdf.seq);
  CHECK(docx.doc_date == pdf.doc_date);
  CHECK(docx.version == 1);
  CHECK(fs::path(docx.path).extension() == ".docx");
  const fs::path file = d.service.root() / docx.path;
  REQUIRE(fs::exists(file));
  CHECK(output::FileSha256(file) == docx.sha256);
  const std::string body = test::ZipEntry(file, "word/document.xml").value_or("");
  CHECK(body.find("№ 1-УП") != std::string::npos);
  CHECK(body.find("МАОУ СОШ №\u00A01") != std::string::npos);  // typeset as the PDF
  // The next school's notice takes the next number in both formats.
  CommandResult second = d.Advance("s-2");
  REQUIRE(second.documents.size() == 3);
  CHECK(second.documents[0].number == "2-УП");
  CHECK(second.documents[1].number == "2-УП");
}

TEST_CASE("a second school's notice takes the next number", "[docs]") {
  DocumentsSample d;
  REQUIRE(d.Advance("s-1").applied());
  CommandResult second = d.Advance("s-2");
  REQUIRE(second.documents.size() == 3);
  CHECK(second.documents[0].number == "2-УП");
  CHECK(second.documents[2].number == "2-ДК");
}

TEST_CASE("a template error undoes the transition and leaves no file", "[docs]") {
  test::TempDir copy;
  DocumentsSample d(BrokenTemplates(copy));
  const auto before = storage::CaseRepository(d.s.ws->db()).Load(d.s.CaseOf("s-1"));
  d.s.FinishStage("s-1");
  const auto finished = storage::CaseRepository(d.s.ws->db()).Load(d.s.CaseOf("s-1"));
  try {
    d.Advance("s-1");
    FAIL("the advance should have failed");
  } catch (const DocumentError& e) {
    const std::string message = e.what();
    CHECK(message.find("stage-notice.yaml") != std::string::npos);
    CHECK(message.find("school.title") != std::string::npos);
  }
  const auto after = storage::CaseRepository(d.s.ws->db()).Load(d.s.CaseOf("s-1"));
  CHECK(after->stage_id == "I");
  CHECK(after->version == finished->version);
  CHECK(before->stage_id == "I");
  CHECK(Registered(d.s).empty());
  CHECK(FilesUnder(d.service.root()).empty());
}

TEST_CASE("an unwritable documents folder undoes the transition", "[docs]") {
  test::SampleWorkspace s{"2024-02-10", 1};
  // A path under a regular file cannot be created, even by root.
  std::ofstream(s.dir / "not-a-folder") << "x";
  DocumentService service(*s.ws, test::SourceDir() / "templates", s.dir / "not-a-folder" / "docs");
  s.FinishStage("s-1");
  const int version = storage::CaseRepository(s.ws->db()).Load(s.CaseOf("s-1"))->version;
  s.clock.Set(test::LocalNoon("2024-03-01"));
  CaseService cases(*s.ws, &service);
  Command advance;
  advance.kind = CommandKind::Advance;
  CHECK_THROWS_AS(cases.Execute(s.CaseOf("s-1"), advance, s.admin), DocumentError);
  const auto after = storage::CaseRepository(s.ws->db()).Load(s.CaseOf("s-1"));
  CHECK(after->stage_id == "I");
  CHECK(after->version == version);
  CHECK(Registered(s).empty());
  CHECK(test::ReadText(s.dir / "not-a-folder") == "x");
}

TEST_CASE("the regional order keeps the campaign's number and regenerates as version 2", "[docs]") {
  DocumentsSample d;
  DocumentRequest order{"regional-order", std::nullopt, nullptr, nlohmann::json::object()};
  auto first = d.service.Make(d.s.campaign, order);
  REQUIRE(first.size() == 2);  // PDF and DOCX
  CHECK(first[0].number == "83/ОД");
  CHECK(first[0].doc_date == "2024-01-23");
  CHECK(first[1].format == "docx");
  CHECK(first[1].number == "83/ОД");
  auto second = d.service.Make(d.s.campaign, order);
  REQUIRE(second.size() == 2);
  CHECK(second[0].number == "83/ОД");
  CHECK(second[0].version == 2);
  CHECK(second[0].supersedes == first[0].id);
  CHECK(second[1].version == 2);
  CHECK(second[1].supersedes == first[1].id);
  CHECK(fs::exists(d.service.root() / first[0].path));
  CHECK(fs::exists(d.service.root() / second[0].path));
  const std::string text = PdfText(d.service.root() / second[0].path);
  CHECK(text.find("приказываю") != std::string::npos);
  CHECK(text.find("Приложение № 1") != std::string::npos);
}

TEST_CASE("a school document without a school and a campaign one with a school are refused",
          "[docs]") {
  DocumentsSample d;
  CHECK_THROWS_AS(d.service.Make(d.s.campaign,
                                 {"stage-notice", std::nullopt, nullptr, nlohmann::json::object()}),
                  InputError);
  CHECK_THROWS_AS(d.service.Make(d.s.campaign, {"regional-order", d.s.CaseOf("s-1"), nullptr,
                                                nlohmann::json::object()}),
                  InputError);
  CHECK_THROWS_AS(d.service.Make(d.s.campaign, {"no-such-document", std::nullopt, nullptr,
                                                nlohmann::json::object()}),
                  DocumentError);
  CHECK(Registered(d.s).empty());
}

TEST_CASE("a package holds the school's documents of the stage with their sums", "[docs]") {
  DocumentsSample d;
  REQUIRE(d.Advance("s-1").applied());
  DocumentPackages packages(*d.s.ws, d.service.root());
  PackageResult package = packages.ForSchool(d.s.campaign, "s-1", "II");
  CHECK(package.files == 3);
  REQUIRE(fs::exists(package.path));
  test::TempDir unpacked;
  const std::string unzip = "cd '" + unpacked.path().string() + "' && unzip -q '" +
                            package.path.string() + "' && sha256sum -c --quiet manifest.txt";
  CHECK(std::system(unzip.c_str()) == 0);
  // The notice as PDF and as DOCX, under one name but for the extension.
  CHECK(fs::exists(unpacked / "stage-notice_1-УП.pdf"));
  CHECK(fs::exists(unpacked / "stage-notice_1-УП.docx"));
  CHECK_THROWS_AS(packages.ForSchool(d.s.campaign, "s-1", "IV"), InputError);
  CHECK_THROWS_AS(packages.ForSchool(d.s.campaign, "no-such", "II"), InputError);
}

TEST_CASE("the campaign context counts schools tasks and overdue per municipality", "[docs]") {
  DocumentsSample d;
  const WorkflowDefinition& def =
      d.s.ws->workflows().Get(d.s.campaign.workflow_id, d.s.campaign.workflow_version);
  DocumentContext builder(*d.s.ws, d.s.campaign, def);
  nlohmann::json context = builder.Common("1-МН", "2024-02-28");
  builder.AddCampaign(context, "2024-02-28");
  CHECK(context["order"]["number"] == "83/ОД");
  CHECK(context["order"]["date_long"] == "23 января 2024 г.");
  CHECK(context["signer"]["name"] == "М.В. Соколова");
  REQUIRE(context["municipalities"].size() == 2);
  CHECK(context["totals"]["schools"] == "2");
  // Stage I has three tasks due in February, all open on 28.02.2024.
  CHECK(context["totals"]["tasks"] == "6");
  CHECK(context["totals"]["overdue"] == "6");
  CHECK(context["task_rows"].size() == 6);
  CHECK(context["list_1_1"].size() + context["list_1_2"].size() == 2);
  CHECK(context["stages"][1]["tasks"][0]["due"] == "18.03.2024");
}

TEST_CASE("shnor docs render list and package on the sample region", "[docs][cli]") {
  test::TempDir dir;
  const std::string sample = (test::SourceDir() / "samples/tyumen-2024").string();
  auto run = [&](const std::string& args) {
    return test::RunShnor("--db '" + (dir / "shnor.db").string() + "' --today 2024-02-05 " + args);
  };
  REQUIRE(run("init").exit_code == 0);
  REQUIRE(run("import schools '" + sample + "/schools.csv'").exit_code == 0);
  REQUIRE(run("import people '" + sample + "/people.csv'").exit_code == 0);

  auto order = run("docs render regional-order");
  REQUIRE(order.exit_code == 0);
  CHECK(order.out.find("№ 83/ОД от 23.01.2024") != std::string::npos);

  auto short_days = run("docs render interview-schedule --days 2024-02-12");
  CHECK(short_days.exit_code == 4);
  CHECK(short_days.err.find("Не хватает слотов") != std::string::npos);

  auto schedule = run("docs render interview-schedule --days 2024-02-12,2024-02-13,2024-02-14");
  REQUIRE(schedule.exit_code == 0);
  CHECK(schedule.out.find("1-ГС") != std::string::npos);
  CHECK(schedule.out.find(".xlsx") != std::string::npos);

  auto no_school = run("docs render road-map");
  CHECK(no_school.exit_code == 4);
  CHECK(no_school.err.find("--school") != std::string::npos);
  auto road_map = run("docs render road-map --school tmn-001");
  REQUIRE(road_map.exit_code == 0);
  CHECK(road_map.out.find("1-ДК") != std::string::npos);

  for (const char* more :
       {"final-report", "monitoring-report", "interview-protocol --school tmn-001",
        "stage-notice --school tmn-001"}) {
    INFO(more);
    CHECK(run(std::string("docs render ") + more).exit_code == 0);
  }
  // Page 1 of each kind of PDF, for a person to look at beside the test output.
  const fs::path png = fs::current_path() / "docset-png";
  fs::create_directories(png);
  for (const auto& entry : fs::recursive_directory_iterator(dir / "documents")) {
    if (entry.path().extension() != ".pdf") continue;
    const std::string kind =
        entry.path().stem().string().substr(0, entry.path().stem().string().find('_'));
    const std::string command = "pdftoppm -q -png -r 50 -f 1 -l 1 -singlefile '" +
                                entry.path().string() + "' '" + (png / ("cli-" + kind)).string() +
                                "'";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(fs::exists(png / ("cli-" + kind + ".png")));
  }

  auto list = run("docs list");
  REQUIRE(list.exit_code == 0);
  for (const char* expected : {"83/ОД", "1-ГС", "1-ДК", "interview-schedule"}) {
    CHECK(list.out.find(expected) != std::string::npos);
  }
  auto packages = run("package --all");
  REQUIRE(packages.exit_code == 0);
  CHECK(packages.out.find("пакет_проект.zip") != std::string::npos);
  CHECK(packages.out.find("пакет_tmn-001_этап-I.zip") != std::string::npos);
  CHECK(fs::exists(dir / "documents/tyumen-2024/проект/пакет_проект.zip"));
  CHECK(run("package tmn-002 --stage I").exit_code == 4);
}

// A registered file changed on disk (an XLSX edited after it was issued) must not travel in a
// package under its new sum: `GET /api/documents/ID` refuses it, so the package does too.
TEST_CASE("shnor package refuses a document whose file no longer matches the registry with exit 4",
          "[docs][cli][package]") {
  test::TempDir dir;
  const std::string sample = (test::SourceDir() / "samples/tyumen-2024").string();
  auto run = [&](const std::string& args) {
    return test::RunShnor("--db '" + (dir / "shnor.db").string() + "' --today 2024-02-05 " + args);
  };
  REQUIRE(run("init").exit_code == 0);
  REQUIRE(run("import schools '" + sample + "/schools.csv'").exit_code == 0);
  REQUIRE(run("import people '" + sample + "/people.csv'").exit_code == 0);
  REQUIRE(run("docs render road-map --school tmn-001").exit_code == 0);
  REQUIRE(run("docs render stage-notice --school tmn-001").exit_code == 0);
  REQUIRE(run("package tmn-001 --stage I").exit_code == 0);
  const fs::path school = dir / "documents/tyumen-2024/tmn-001";
  const fs::path zip = school / "пакет_tmn-001_этап-I.zip";
  const std::string issued = test::ReadText(zip);
  const auto listing = FilesUnder(dir / "documents");

  fs::path xlsx;
  for (const auto& entry : fs::directory_iterator(school / "I")) {
    if (entry.path().extension() == ".xlsx") xlsx = entry.path();
  }
  // The name carries the version and the first 12 hex digits of the file's checksum.
  const std::string name = xlsx.filename().string();
  REQUIRE(name.starts_with("road-map_1-ДК_v1_"));
  CHECK(name == "road-map_1-ДК_v1_" + output::FileSha256(xlsx).substr(0, 12) + ".xlsx");
  std::ofstream(xlsx, std::ios::binary | std::ios::app) << "изменено";
  auto refused = run("package tmn-001 --stage I");
  CHECK(refused.exit_code == 4);
  CHECK_THAT(refused.err, Catch::Contains("1-ДК") && Catch::Contains("road-map") &&
                              Catch::Contains(name) && Catch::Contains("контрольной сумм"));
  CHECK((test::ReadText(zip) == issued));  // the package made before stays as it was
  CHECK(FilesUnder(dir / "documents") == listing);
  CHECK(run("package --all").exit_code == 4);
  CHECK(FilesUnder(dir / "documents") == listing);
}

TEST_CASE("a character the font lacks undoes the transition and names the character", "[docs]") {
  test::TempDir copy;
  const fs::path templates = copy / "templates";
  fs::copy(test::SourceDir() / "templates", templates);
  std::string text = test::ReadText(templates / "stage-notice.yaml");
  const std::string title = "О переходе на этап";
  // The rouble sign is not in Liberation Serif: it would print as an empty box.
  text.replace(text.find(title), title.size(), "О переходе (₽) на этап");
  std::ofstream(templates / "stage-notice.yaml") << text;
  DocumentsSample d(templates);
  try {
    d.Advance("s-1");
    FAIL("the advance should have failed");
  } catch (const DocumentError& e) {
    CHECK_THAT(e.what(), Catch::Contains("U+20BD"));
  }
  CHECK(storage::CaseRepository(d.s.ws->db()).Load(d.s.CaseOf("s-1"))->stage_id == "I");
  CHECK(Registered(d.s).empty());
  CHECK(FilesUnder(d.service.root()).empty());
}

TEST_CASE("a bulk advance numbers every school's documents in turn", "[docs]") {
  test::SampleWorkspace s{"2024-02-10", 4};
  DocumentService service(*s.ws, test::SourceDir() / "templates", s.dir / "documents");
  for (const char* code : {"s-1", "s-2", "s-3", "s-4"}) s.FinishStage(code);
  s.clock.Set(test::LocalNoon("2024-03-01"));
  CaseService cases(*s.ws, &service);
  Command advance;
  advance.kind = CommandKind::Advance;
  auto lines = cases.AdvanceStage(s.campaign, "I", "", advance, s.admin);
  REQUIRE(lines.size() == 4);
  for (const auto& line : lines) CHECK(line.applied);
  std::set<std::string> numbers;
  for (const auto& doc : Registered(s)) {
    INFO(doc.path);
    CHECK(fs::exists(service.root() / doc.path));
    CHECK(output::FileSha256(service.root() / doc.path) == doc.sha256);
    numbers.insert(doc.number);
  }
  CHECK(numbers ==
        std::set<std::string>{"1-УП", "2-УП", "3-УП", "4-УП", "1-ДК", "2-ДК", "3-ДК", "4-ДК"});
}

TEST_CASE("a bulk advance whose documents fail advances nobody", "[docs]") {
  test::TempDir copy;
  test::SampleWorkspace s{"2024-02-10", 2};
  DocumentService service(*s.ws, BrokenTemplates(copy), s.dir / "documents");
  for (const char* code : {"s-1", "s-2"}) s.FinishStage(code);
  s.clock.Set(test::LocalNoon("2024-03-01"));
  CaseService cases(*s.ws, &service);
  Command advance;
  advance.kind = CommandKind::Advance;
  auto lines = cases.AdvanceStage(s.campaign, "I", "", advance, s.admin);
  REQUIRE(lines.size() == 2);
  for (const auto& line : lines) {
    CHECK(!line.applied);
    CHECK_THAT(line.message, Catch::Contains("school.title"));
  }
  CHECK(storage::CaseRepository(s.ws->db()).Load(s.CaseOf("s-1"))->stage_id == "I");
  CHECK(Registered(s).empty());
  CHECK(FilesUnder(service.root()).empty());
}
