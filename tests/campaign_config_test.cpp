// Campaign settings files: the sample loads, and a broken file is refused with its line.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/definitions/CampaignConfig.h"
#include "engine/definitions/WorkflowLoader.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

std::string Sample() {
  return test::ReadText(test::SourceDir() / "samples/tyumen-2024/campaign.yaml");
}

void RequireRefusal(const std::string& yaml, int line, const std::string& part) {
  test::TempDir dir;
  test::WriteText(dir / "campaign.yaml", yaml);
  try {
    LoadCampaignConfig(dir / "campaign.yaml");
    FAIL("the settings were accepted");
  } catch (const DefinitionError& e) {
    INFO(e.what());
    CHECK(e.line() == line);
    CHECK_THAT(e.reason(), Catch::Contains(part));
  }
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

int LineOf(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

}  // namespace

TEST_CASE("the sample campaign settings load", "[campaign]") {
  auto config = LoadCampaignConfig(test::SourceDir() / "samples/tyumen-2024/campaign.yaml");
  CHECK(config.campaign.code == "tyumen-2024");
  CHECK(config.campaign.order_number == "83/ОД");
  CHECK(config.campaign.order_date == "2024-01-23");
  CHECK(config.campaign.utc_offset_minutes == 300);
  CHECK(config.municipalities.size() == 16);
}

TEST_CASE("campaign settings refuse a malformed date with its line", "[campaign]") {
  std::string yaml = Replace(Sample(), "start: 2024-02-01", "start: 2024-02-30");
  RequireRefusal(yaml, LineOf(yaml, "2024-02-30"), "2024-02-30");
}

TEST_CASE("campaign settings refuse an offset outside Russia", "[campaign]") {
  std::string yaml = Replace(Sample(), "utc_offset: \"+05:00\"", "utc_offset: \"+14:00\"");
  RequireRefusal(yaml, LineOf(yaml, "+14:00"), "+14:00");
  CHECK(ParseUtcOffset("+12:00") == 720);
  CHECK(ParseUtcOffset("+02:00") == 120);
  CHECK_FALSE(ParseUtcOffset("5"));
}

TEST_CASE("campaign settings refuse a missing field and a repeated municipality", "[campaign]") {
  std::string no_region = Replace(Sample(), "region: Тюменская область\n", "");
  RequireRefusal(no_region, LineOf(no_region, "code:"),
                 "«region»");  // the settings map begins there
  std::string twice = Replace(Sample(), "  - г. Тобольск\n", "  - г. Тобольск\n  - г. Тобольск\n");
  RequireRefusal(twice, LineOf(twice, "  - г. Тобольск\n  - г. Тобольск") + 1, "дважды");
}

TEST_CASE("campaign settings refuse a period that ends before it starts", "[campaign]") {
  std::string yaml = Replace(Sample(), "end: 2024-12-31", "end: 2024-01-31");
  RequireRefusal(yaml, LineOf(yaml, "period:"), "раньше");
}

TEST_CASE("the sample names the operator in full with its signer and the order's drafter",
          "[campaign]") {
  auto config = LoadCampaignConfig(test::SourceDir() / "samples/tyumen-2024/campaign.yaml");
  CHECK(config.campaign.authority == "Департамент образования и науки Тюменской области");
  CHECK(config.campaign.operator_name == "ТОГИРРО");
  const CampaignDetails& d = config.details;
  CHECK(d.operator_full ==
        "ГАОУ ТО ДПО «Тюменский областной государственный институт развития регионального "
        "образования»");
  CHECK(d.operator_signer.position == "Ректор");
  CHECK_FALSE(d.authority.address.empty());
  CHECK_FALSE(d.executor.name.empty());
  CHECK_FALSE(d.executor_phone.empty());
  CHECK(d.visas.size() == 2);
  CHECK(d.schedule_approver == ScheduleApprover::Operator);
  CHECK(d.public_url == "https://shnor.example.ru");
  // What is kept in the campaigns table reads back the same.
  CampaignDetails back = DetailsFromJson(config.campaign.details);
  CHECK(back.operator_full == d.operator_full);
  CHECK(back.visas.size() == 2);
  CHECK(back.executor_phone == d.executor_phone);
}

TEST_CASE("campaign settings of the older form still load with the defaults", "[campaign]") {
  std::string yaml = Sample();
  auto from = yaml.find("authority:\n");
  auto to = yaml.find("city:");
  REQUIRE(from != std::string::npos);
  yaml.replace(from, to - from,
               "authority: Департамент образования и науки Тюменской области\n"
               "operator: ТОГИРРО\n");
  test::TempDir dir;
  test::WriteText(dir / "campaign.yaml", yaml);
  auto config = LoadCampaignConfig(dir / "campaign.yaml");
  CHECK(config.campaign.authority == "Департамент образования и науки Тюменской области");
  CHECK(config.campaign.operator_name == "ТОГИРРО");
  CHECK(config.details.operator_full == "ТОГИРРО");
  CHECK_FALSE(config.details.letterhead_blank);
  CHECK(config.details.profile == 2016);
  CHECK(config.details.visas.empty());
  CHECK(DetailsFromJson("").profile == 2016);  // a campaign stored before the details
}

TEST_CASE("campaign settings refuse a bad document option with its line in Russian", "[campaign]") {
  std::string letterhead = Replace(Sample(), "letterhead: print", "letterhead: colour");
  RequireRefusal(letterhead, LineOf(letterhead, "letterhead: colour"), "print или blank");
  std::string profile = Replace(Sample(), "profile: 2016", "profile: 2030");
  RequireRefusal(profile, LineOf(profile, "profile: 2030"), "«2030»");
  std::string url = Replace(Sample(), "public_url: https://", "public_url: ftp://");
  RequireRefusal(url, LineOf(url, "public_url:"), "не адрес сайта");
  std::string approver =
      Replace(Sample(), "schedule_approver: operator", "schedule_approver: mayor");
  RequireRefusal(approver, LineOf(approver, "schedule_approver:"), "operator или authority");
  std::string visa =
      Replace(Sample(), "  - { position: Заместитель директора департамента, ", "  - { ");
  RequireRefusal(visa, LineOf(visa, "  - { name: Кравцова"), "«position»");
  std::string no_signer =
      Replace(Sample(), "  signer: { position: Ректор, name: Лебедева Ирина Николаевна }\n", "");
  RequireRefusal(no_signer, LineOf(no_signer, "schedule_approver:"), "operator.signer");
}
