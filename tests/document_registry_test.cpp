#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "storage/CampaignRepository.h"
#include "storage/Database.h"
#include "storage/DocumentRegistry.h"
#include "tests/TestSupport.h"

using namespace shnor;
using storage::DocumentFilter;
using storage::DocumentKey;
using storage::DocumentRecord;
using storage::DocumentRegistry;
using storage::StorageError;

namespace {

const std::string kNotice = "stage-notice";
const std::string kOrder = "regional-order";
const std::string kNoticePattern = "{n}-У";
const std::string kOrderPattern = "{n}/ОД";

std::string FakeSha(int n) {
  std::string hex = std::to_string(n);
  return std::string(64 - hex.size(), 'a') + hex;
}

// A document ready to register but for its number, which each test takes from the registry.
DocumentRecord Doc(const test::SampleWorkspace& sample, std::optional<storage::Id> case_id,
                   const std::string& kind, const std::string& stage, const std::string& path) {
  static int counter = 0;
  DocumentRecord d;
  d.campaign_id = sample.campaign.id;
  d.case_id = case_id;
  d.kind = kind;
  d.stage = stage;
  d.doc_date = "2024-03-01";
  d.template_id = kind;
  d.template_version = 1;
  d.format = "pdf";
  d.sha256 = FakeSha(++counter);
  d.path = path;
  d.created_at = 1709280000;
  return d;
}

DocumentRecord WithNumber(DocumentRecord d, const storage::DocumentNumber& number) {
  d.year = number.year;
  d.seq = number.seq;
  d.number = number.number;
  return d;
}

DocumentFilter Filter(storage::Id campaign_id) {
  DocumentFilter filter;
  filter.campaign_id = campaign_id;
  return filter;
}

DocumentKey KeyOf(const DocumentRecord& d) {
  return {d.campaign_id, d.case_id, d.kind, d.stage, d.format};
}

// The number to print, as DocumentService chooses it: the one already issued to the document (a
// regeneration keeps it), else the next of its kind and year.
storage::DocumentNumber NumberFor(DocumentRegistry& registry, const DocumentKey& key, int year,
                                  const std::string& pattern) {
  if (auto current = registry.Current(key)) return {current->year, current->seq, current->number};
  return registry.NextNumber(key.campaign_id, key.kind, year, pattern);
}

}  // namespace

TEST_CASE("document numbers follow a pattern with one {n}", "[registry]") {
  CHECK(DocumentRegistry::FormatNumber("{n}/ОД", 84) == "84/ОД");
  CHECK(DocumentRegistry::FormatNumber("{n}-У", 12) == "12-У");
  CHECK(DocumentRegistry::FormatNumber("ПР-{n}", 7) == "ПР-7");
  CHECK(DocumentRegistry::FormatNumber("{n}", 1) == "1");
  CHECK_THROWS_WITH(DocumentRegistry::FormatNumber("ОД", 1), Catch::Contains("«ОД»"));
  CHECK_THROWS_AS(DocumentRegistry::FormatNumber("{n}/{n}", 1), StorageError);

  CHECK(DocumentRegistry::ParseNumber("{n}/ОД", "83/ОД") == 83);
  CHECK(DocumentRegistry::ParseNumber("ПР-{n}", "ПР-15") == 15);
  CHECK_FALSE(DocumentRegistry::ParseNumber("{n}/ОД", "83-р").has_value());
  CHECK_FALSE(DocumentRegistry::ParseNumber("{n}/ОД", "/ОД").has_value());
  CHECK_FALSE(DocumentRegistry::ParseNumber("{n}/ОД", "8а/ОД").has_value());
  CHECK_FALSE(DocumentRegistry::ParseNumber("{n}/ОД", "083/ОД").has_value());
}

TEST_CASE("numbering runs per kind and per year and restarts at 1 in a new year", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 3);
  auto& db = sample.ws->db();
  DocumentRegistry registry(db);
  storage::Id s1 = sample.CaseOf("s-1");
  storage::Id s2 = sample.CaseOf("s-2");
  storage::Id s3 = sample.CaseOf("s-3");

  storage::Database::Transaction transaction(db);
  // The regional order keeps the number the authority gave it; the sequence goes on after it.
  auto order = registry.GivenNumber(sample.campaign.id, kOrder, 2024, "83/ОД", kOrderPattern);
  CHECK(order.seq == 83);
  registry.Register(WithNumber(Doc(sample, std::nullopt, kOrder, "", "order-83.pdf"), order));

  auto n1 = registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern);
  CHECK(n1.number == "1-У");
  registry.Register(WithNumber(Doc(sample, s1, kNotice, "I", "notice-1.pdf"), n1));

  auto order2 = registry.NextNumber(sample.campaign.id, kOrder, 2024, kOrderPattern);
  CHECK(order2.number == "84/ОД");
  CHECK(order2.seq == 84);
  registry.Register(WithNumber(Doc(sample, std::nullopt, kOrder, "II", "order-84.pdf"), order2));

  auto n2 = registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern);
  CHECK(n2.number == "2-У");
  registry.Register(WithNumber(Doc(sample, s2, kNotice, "I", "notice-2.pdf"), n2));

  // NextNumber reserves nothing: asking twice without registering gives the same number.
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern).number == "3-У");
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern).number == "3-У");

  auto next_year = registry.NextNumber(sample.campaign.id, kNotice, 2025, kNoticePattern);
  CHECK(next_year.number == "1-У");
  CHECK(next_year.year == 2025);
  registry.Register(WithNumber(Doc(sample, s3, kNotice, "I", "notice-2025-1.pdf"), next_year));
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2025, kNoticePattern).number == "2-У");
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern).number == "3-У");
  CHECK(registry.NextNumber(sample.campaign.id, kOrder, 2024, kOrderPattern).number == "85/ОД");
  transaction.Commit();
}

TEST_CASE("a number from outside the sequence is kept and does not move the sequence",
          "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  DocumentRegistry registry(sample.ws->db());
  auto given = registry.GivenNumber(sample.campaign.id, kOrder, 2024, "83-р", kOrderPattern);
  CHECK(given.number == "83-р");
  CHECK(given.seq == -1);
  registry.Register(WithNumber(Doc(sample, std::nullopt, kOrder, "", "o1.pdf"), given));
  auto another = registry.GivenNumber(sample.campaign.id, kOrder, 2024, "12-р", kOrderPattern);
  CHECK(another.seq == -2);
  registry.Register(WithNumber(Doc(sample, std::nullopt, kOrder, "II", "o2.pdf"), another));
  CHECK(registry.NextNumber(sample.campaign.id, kOrder, 2024, kOrderPattern).number == "1/ОД");

  // The same text twice would be two documents under one number.
  auto again = registry.GivenNumber(sample.campaign.id, kOrder, 2024, "83-р", kOrderPattern);
  CHECK_THROWS_WITH(
      registry.Register(WithNumber(Doc(sample, std::nullopt, kOrder, "III", "o3.pdf"), again)),
      Catch::Contains("«83-р»") && Catch::Contains("уже присвоен"));
  CHECK_THROWS_AS(registry.GivenNumber(sample.campaign.id, kOrder, 2024, "", kOrderPattern),
                  StorageError);
}

TEST_CASE("a number already given to another document is refused", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 2);
  DocumentRegistry registry(sample.ws->db());
  auto n1 = registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern);
  registry.Register(WithNumber(Doc(sample, sample.CaseOf("s-1"), kNotice, "I", "a.pdf"), n1));
  CHECK_THROWS_WITH(
      registry.Register(WithNumber(Doc(sample, sample.CaseOf("s-2"), kNotice, "I", "b.pdf"), n1)),
      Catch::Contains("«1-У»") && Catch::Contains("уже присвоен"));
  // Registering without any number is a caller's mistake, named as such.
  CHECK_THROWS_WITH(registry.Register(Doc(sample, sample.CaseOf("s-2"), kNotice, "I", "b.pdf")),
                    Catch::Contains("нет номера"));
}

TEST_CASE("regenerating a document adds version 2 with the same number and keeps version 1",
          "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 2);
  auto& db = sample.ws->db();
  DocumentRegistry registry(db);
  storage::Id s1 = sample.CaseOf("s-1");

  DocumentRecord first = Doc(sample, s1, kNotice, "I", "s-1/notice-I.v1.pdf");
  first =
      registry.Register(WithNumber(first, NumberFor(registry, KeyOf(first), 2024, kNoticePattern)));
  CHECK(first.id > 0);
  CHECK(first.version == 1);
  CHECK(first.number == "1-У");
  CHECK_FALSE(first.supersedes.has_value());

  // A second generation asks for the number to print and gets the one already issued.
  DocumentRecord second = Doc(sample, s1, kNotice, "I", "s-1/notice-I.v2.pdf");
  auto number = NumberFor(registry, KeyOf(second), 2025, kNoticePattern);
  CHECK(number.number == "1-У");
  CHECK(number.year == 2024);
  second.doc_date = "2024-03-05";
  {
    storage::Database::Transaction transaction(db);
    second = registry.Register(WithNumber(second, number));
    transaction.Commit();
  }
  CHECK(second.version == 2);
  CHECK(second.number == "1-У");
  CHECK(second.seq == first.seq);
  CHECK(second.year == 2024);
  REQUIRE(second.supersedes.has_value());
  CHECK(*second.supersedes == first.id);

  auto old = registry.Find(first.id);
  REQUIRE(old.has_value());
  CHECK(old->path == "s-1/notice-I.v1.pdf");
  CHECK(old->sha256 == first.sha256);
  CHECK(old->version == 1);
  auto current = registry.Current(KeyOf(first));
  REQUIRE(current.has_value());
  CHECK(current->id == second.id);
  CHECK(current->doc_date == "2024-03-05");

  // An empty number on a regeneration takes the issued one; a different one is refused.
  DocumentRecord third = Doc(sample, s1, kNotice, "I", "s-1/notice-I.v3.pdf");
  third = registry.Register(third);
  CHECK(third.version == 3);
  CHECK(third.number == "1-У");
  DocumentRecord wrong = Doc(sample, s1, kNotice, "I", "s-1/notice-I.v4.pdf");
  wrong.number = "7-У";
  CHECK_THROWS_WITH(registry.Register(wrong), Catch::Contains("«1-У»") && Catch::Contains("«7-У»"));
  // A new version never overwrites the file of an old one.
  CHECK_THROWS_WITH(registry.Register(Doc(sample, s1, kNotice, "I", "s-1/notice-I.v1.pdf")),
                    Catch::Contains("s-1/notice-I.v1.pdf"));

  // The regenerations took no new numbers.
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern).number == "2-У");
  // The same kind for another stage, format or case is another document.
  DocumentRecord xlsx = Doc(sample, s1, kNotice, "I", "s-1/notice-I.xlsx");
  xlsx.format = "xlsx";
  CHECK_FALSE(registry.Current(KeyOf(xlsx)).has_value());
  CHECK(NumberFor(registry, KeyOf(xlsx), 2024, kNoticePattern).number == "2-У");
}

TEST_CASE("registered rows can be neither changed nor removed", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  DocumentRegistry registry(sample.ws->db());
  DocumentRecord d = Doc(sample, sample.CaseOf("s-1"), kNotice, "I", "x.pdf");
  d = registry.Register(WithNumber(d, NumberFor(registry, KeyOf(d), 2024, kNoticePattern)));
  SQLite::Database raw((sample.dir / "shnor.db").string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE documents SET number = '99-У'"),
                    Catch::Contains("never changed"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM documents"), Catch::Contains("never removed"));
}

TEST_CASE("a registration rolls back with the caller's transaction", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  auto& db = sample.ws->db();
  DocumentRegistry registry(db);
  storage::Id id = 0;
  {
    storage::Database::Transaction transaction(db);
    DocumentRecord d = Doc(sample, sample.CaseOf("s-1"), kNotice, "I", "x.pdf");
    id = registry.Register(WithNumber(d, NumberFor(registry, KeyOf(d), 2024, kNoticePattern))).id;
    CHECK(registry.Find(id).has_value());
  }
  CHECK_FALSE(registry.Find(id).has_value());
  CHECK(registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern).number == "1-У");
}

TEST_CASE("malformed documents are refused with the field named", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  DocumentRegistry registry(sample.ws->db());
  auto number = registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern);
  DocumentRecord good =
      WithNumber(Doc(sample, sample.CaseOf("s-1"), kNotice, "I", "x.pdf"), number);

  DocumentRecord d = good;
  d.format = "odt";
  CHECK_THROWS_WITH(registry.Register(d), Catch::Contains("odt"));
  d = good;
  d.sha256 = "abc";
  CHECK_THROWS_WITH(registry.Register(d), Catch::Contains("SHA-256"));
  d = good;
  d.path = "/var/docs/x.pdf";
  CHECK_THROWS_WITH(registry.Register(d), Catch::Contains("относительным"));
  d = good;
  d.path = "a/../../x.pdf";
  CHECK_THROWS_WITH(registry.Register(d), Catch::Contains("a/../../x.pdf"));
  d = good;
  d.doc_date = "01.03.2024";
  CHECK_THROWS_WITH(registry.Register(d), Catch::Contains("01.03.2024"));
  CHECK(registry.List(Filter(sample.campaign.id)).empty());
}

TEST_CASE("listing filters by case, kind and stage, latest versions or all", "[registry]") {
  test::SampleWorkspace sample("2024-02-10", 2);
  DocumentRegistry registry(sample.ws->db());
  storage::Id s1 = sample.CaseOf("s-1");
  storage::Id s2 = sample.CaseOf("s-2");
  auto add = [&](std::optional<storage::Id> case_id, const std::string& kind,
                 const std::string& stage, const std::string& path) {
    DocumentRecord d = Doc(sample, case_id, kind, stage, path);
    const std::string& pattern = kind == kOrder ? kOrderPattern : kNoticePattern;
    return registry.Register(WithNumber(d, NumberFor(registry, KeyOf(d), 2024, pattern)));
  };
  DocumentRecord order = add(std::nullopt, kOrder, "", "order.pdf");
  DocumentRecord a1 = add(s1, kNotice, "I", "s1-I.pdf");
  DocumentRecord a2 = add(s1, kNotice, "I", "s1-I.v2.pdf");  // regenerated
  DocumentRecord b = add(s1, kNotice, "II", "s1-II.pdf");
  DocumentRecord c = add(s2, kNotice, "I", "s2-I.pdf");
  DocumentRecord package = add(std::nullopt, "stage-package", "I", "package-I.pdf");

  auto ids = [](const std::vector<DocumentRecord>& docs) {
    std::vector<storage::Id> out;
    for (const auto& d : docs) out.push_back(d.id);
    return out;
  };
  using V = std::vector<storage::Id>;
  DocumentFilter all = Filter(sample.campaign.id);
  CHECK(ids(registry.List(all)) == V{order.id, a2.id, b.id, c.id, package.id});
  all.latest_only = false;
  CHECK(ids(registry.List(all)) == V{order.id, a1.id, a2.id, b.id, c.id, package.id});

  DocumentFilter by_case = Filter(sample.campaign.id);
  by_case.case_id = s1;
  CHECK(ids(registry.List(by_case)) == V{a2.id, b.id});
  by_case.latest_only = false;
  CHECK(ids(registry.List(by_case)) == V{a1.id, a2.id, b.id});
  by_case.stage = "I";
  CHECK(ids(registry.List(by_case)) == V{a1.id, a2.id});

  DocumentFilter wide = Filter(sample.campaign.id);
  wide.campaign_wide = true;
  CHECK(ids(registry.List(wide)) == V{order.id, package.id});
  wide.stage = "";
  CHECK(ids(registry.List(wide)) == V{order.id});

  DocumentFilter by_kind = Filter(sample.campaign.id);
  by_kind.kind = kNotice;
  by_kind.stage = "I";
  CHECK(ids(registry.List(by_kind)) == V{a2.id, c.id});

  DocumentFilter other_campaign = Filter(sample.campaign.id + 1);
  CHECK(registry.List(other_campaign).empty());
  CHECK_FALSE(registry.Find(9999).has_value());
}

TEST_CASE("a version 4 database gains the document registry and keeps its campaign",
          "[registry][storage]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  std::filesystem::path file = sample.dir / "shnor.db";
  std::string code = sample.campaign.code;
  sample.ws.reset();
  {
    // What version 4 wrote: no documents, no signer.
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    raw.exec(
        "DROP TABLE audit_head; ALTER TABLE audit_events DROP COLUMN actor_account; "
        "ALTER TABLE audit_events DROP COLUMN actor_login");
    raw.exec("DROP INDEX person_roles_school; DROP INDEX person_roles_municipality");
    raw.exec(
        "DROP TABLE sessions; DROP TABLE api_tokens; DROP TABLE login_failures; DROP TABLE users");
    raw.exec("DROP TABLE documents");
    raw.exec("ALTER TABLE campaigns DROP COLUMN signer_position");
    raw.exec("ALTER TABLE campaigns DROP COLUMN signer_name");
    for (const char* column : {"claimant", "lease_until", "handed_at", "resends"}) {
      raw.exec(std::string("ALTER TABLE outbox DROP COLUMN ") + column);
    }
    raw.exec("PRAGMA user_version = 4");
  }
  storage::Database db(file, storage::OpenMode::MustExist);
  CHECK(test::SchemaVersionOf(file) == storage::Database::kSchemaVersion);
  auto campaign = storage::CampaignRepository(db).FindByCode(code);
  REQUIRE(campaign.has_value());
  SQLite::Database raw(file.string());
  CHECK(raw.execAndGet("SELECT signer_position || signer_name FROM campaigns").getString() == "");
  CHECK(raw.tableExists("documents"));
  DocumentRegistry registry(db);
  CHECK(registry.NextNumber(campaign->id, kOrder, 2024, kOrderPattern).number == "1/ОД");
}

TEST_CASE("a version 10 registry keeps its rows and takes DOCX after migration 11",
          "[registry][storage]") {
  test::SampleWorkspace sample("2024-02-10", 1);
  const std::filesystem::path file = sample.dir / "shnor.db";
  {
    DocumentRegistry registry(sample.ws->db());
    auto number = registry.NextNumber(sample.campaign.id, kNotice, 2024, kNoticePattern);
    registry.Register(WithNumber(Doc(sample, sample.CaseOf("s-1"), kNotice, "I", "x.pdf"), number));
  }
  sample.ws.reset();
  {
    // The table as version 10 had it: the format column took pdf and xlsx only.
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    std::string schema =
        raw.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'documents'").getString();
    const std::string now = "'pdf', 'xlsx', 'docx'";
    REQUIRE(schema.find(now) != std::string::npos);
    schema.replace(schema.find(now), now.size(), "'pdf', 'xlsx'");
    schema.replace(schema.find("documents"), 9, "documents_v10");
    raw.exec("DROP TRIGGER documents_no_update; DROP TRIGGER documents_no_delete;");
    raw.exec(schema);
    raw.exec("INSERT INTO documents_v10 SELECT * FROM documents; DROP TABLE documents;");
    raw.exec("ALTER TABLE documents_v10 RENAME TO documents; PRAGMA user_version = 10");
    raw.exec("CREATE INDEX documents_case ON documents (case_id, kind, stage, format, version)");
    CHECK_THROWS(raw.exec("UPDATE documents SET format = 'docx'"));  // refused by the CHECK
    raw.exec("CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT 1; END;");
    raw.exec("CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN SELECT 1; END;");
  }
  storage::Database db(file, storage::OpenMode::MustExist);
  CHECK(test::SchemaVersionOf(file) == storage::Database::kSchemaVersion);
  DocumentRegistry registry(db);
  const auto rows = registry.List(Filter(sample.campaign.id));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].number == "1-У");
  DocumentRecord docx = rows[0];
  docx.format = "docx";
  docx.path = "x.docx";
  CHECK(registry.Register(docx).format == "docx");
  SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("DELETE FROM documents"), Catch::Contains("never removed"));
}
