// The school list's export formats on their own: the CSV in pieces as it is sent, its quoting,
// and a field that Excel would run as a formula.
#include <catch2/catch.hpp>

#include "app/CaseListExport.h"

using namespace shnor;

namespace {

std::vector<storage::CaseSummary> Rows(std::size_t count) {
  std::vector<storage::CaseSummary> rows(count);
  for (std::size_t i = 0; i < count; ++i) {
    rows[i].school_code = "r-" + std::to_string(i);
    rows[i].school_name = "МБОУ СОШ № " + std::to_string(i);
    rows[i].municipality = "Район";
    rows[i].list = "1.1";
    rows[i].stage_id = "II";
    rows[i].open_tasks = 3;
  }
  return rows;
}

std::vector<std::string> Pieces(app::BodyStream stream) {
  std::vector<std::string> pieces;
  for (std::string piece = stream(); !piece.empty(); piece = stream()) pieces.push_back(piece);
  return pieces;
}

}  // namespace

TEST_CASE("the school list's CSV comes in pieces of a few hundred rows", "[export]") {
  auto pieces = Pieces(app::CaseListCsv(Rows(1000)));
  REQUIRE(pieces.size() >= 4);
  std::string all;
  for (const auto& piece : pieces) {
    CHECK(piece.size() < 100 * 1024);
    all += piece;
  }
  CHECK(std::count(all.begin(), all.end(), '\n') == 1001);
  CHECK(all.rfind("\xEF\xBB\xBFКод ОО;", 0) == 0);
  CHECK(all.find("\r\nr-999;МБОУ СОШ № 999;Район;1.1;II;в работе;3;0\r\n") != std::string::npos);
  CHECK(Pieces(app::CaseListCsv({})).size() == 1);  // the header alone
}

TEST_CASE("the school list's CSV quotes separators and quotes and defuses formulas", "[export]") {
  auto rows = Rows(3);
  rows[0].school_name = "МАОУ «Гимназия»; корпус \"Б\"";
  rows[1].school_name = "=HYPERLINK(\"http://x\")";
  rows[2].school_name = "-1+1";
  std::string all;
  for (const auto& piece : Pieces(app::CaseListCsv(rows))) all += piece;
  CHECK(all.find(";\"МАОУ «Гимназия»; корпус \"\"Б\"\"\";") != std::string::npos);
  CHECK(all.find(";\"'=HYPERLINK(\"\"http://x\"\")\";") != std::string::npos);
  CHECK(all.find(";\"'-1+1\";") != std::string::npos);
}
