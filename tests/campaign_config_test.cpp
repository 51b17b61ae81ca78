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
