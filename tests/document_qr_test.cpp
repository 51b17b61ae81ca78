// The QR code of ГОСТ Р 7.0.97-2025 (requisite 31), when the campaign chooses that profile: it
// carries the registry number and date as the public site's verification address.
#include <catch2/catch.hpp>

#include "engine/definitions/CampaignDetails.h"
#include "engine/documents/DocumentQr.h"
#include "engine/documents/DocumentService.h"
#include "tests/PdfReading.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

storage::CampaignRecord WithProfile(storage::CampaignRecord campaign, int profile) {
  CampaignDetails details = DetailsFromJson(campaign.details);
  details.profile = profile;
  campaign.details = DetailsToJson(details);
  return campaign;
}

}  // namespace

TEST_CASE("a 2025 campaign's QR code carries the number and date as a verification address",
          "[qr]") {
  test::SampleWorkspace s{"2024-02-05", 1};
  const auto campaign = WithProfile(s.campaign, 2025);
  CHECK(DocumentQrText(campaign, "83/ОД", "2024-01-23") ==
        "https://shnor.example.ru/documents/verify?number=83%2F%D0%9E%D0%94&date=2024-01-23");
  CHECK_FALSE(DocumentQrText(WithProfile(s.campaign, 2016), "83/ОД", "2024-01-23"));
  CHECK(UrlEncode("12-ГС") == "12-%D0%93%D0%A1");
}

TEST_CASE("a 2025 campaign's documents are made with their QR code", "[qr]") {
  test::SampleWorkspace s{"2024-02-05", 1};
  const auto campaign = WithProfile(s.campaign, 2025);
  DocumentService service(*s.ws, test::SourceDir() / "templates", s.dir / "documents");
  auto made = service.Make(campaign, {"final-report", std::nullopt, nullptr, {}});
  REQUIRE(made.size() == 2);  // the PDF, then its DOCX under the same number
  REQUIRE(made[0].format == "pdf");
  // The QR code's dark modules are filled rectangles («re») on page 1.
  const auto pdf = service.root() / made[0].path;
  const auto plain = s.dir / "plain.pdf";
  const auto run = test::Run(
      "qpdf --stream-data=uncompress " + test::Quote(pdf) + " " + test::Quote(plain), s.dir.path());
  REQUIRE(run.exit_code == 0);
  const std::string bytes = test::ReadText(plain);
  std::size_t rectangles = 0;
  for (auto at = bytes.find(" re\n"); at != std::string::npos; at = bytes.find(" re\n", at + 1)) {
    ++rectangles;
  }
  CHECK(rectangles > 100);
  CHECK(test::PdfText(service.root() / made[0].path).find("Аналитическая справка") !=
        std::string::npos);
}
