// A page of the school list counts the tasks of its own cases only (CaseQueries::ListPage); it
// must hold exactly the rows of the whole list (CaseQueries::List) at that place, for every
// viewer's scope, filter and search.
#include <catch2/catch.hpp>
#include <tuple>

#include "engine/cases/CaseQueries.h"
#include "tests/HttpTesting.h"

using namespace shnor;

namespace {

auto Fields(const storage::CaseSummary& s) {
  return std::tie(s.case_id, s.school_code, s.school_name, s.municipality, s.list, s.stage_id,
                  s.status, s.version, s.open_tasks, s.overdue_tasks, s.next_due);
}

std::vector<Actor> Viewers(Workspace& ws, const storage::CampaignRecord& campaign) {
  auto schools = storage::DirectoryRepository(ws.db()).Schools(campaign.id);
  REQUIRE(schools.size() == 60);
  Actor district{
      "Координатор", Role::Coordinator, {false, {schools[0].school.municipality_id}, {}}};
  Actor school{"Школа", Role::School, {false, {}, {schools[5].school.id}}};
  Actor nobody{"Без школ", Role::Observer, {false, {}, {}}};
  return {Actor{}, district, school, nobody};
}

std::vector<storage::CaseFilter> Filters() {
  storage::CaseFilter stage, municipality, active, withdrawn;
  stage.stage_id = "I";
  municipality.municipality = "Вагайский муниципальный район";
  active.status = storage::CaseStatus::Active;
  withdrawn.status = storage::CaseStatus::Withdrawn;
  return {{}, stage, municipality, active, withdrawn};
}

}  // namespace

TEST_CASE("a page of the school list holds the whole list's rows at its place", "[paging]") {
  app::CliContext ctx = test::http::Sample().Context();  // holds the clock the workspace reads
  auto ws = ctx.Open();
  auto campaign = ws->Campaign("");
  CaseQueries queries(*ws, campaign);
  const std::vector<PageRequest> pages = {{0, 500}, {7, 13}, {55, 50}, {100, 10}};
  for (const Actor& viewer : Viewers(*ws, campaign)) {
    for (const auto& filter : Filters()) {
      for (const std::string search : {"", "маоу", "СОШ № 9", "tmn-00"}) {
        auto whole = queries.List(viewer, filter, search);
        for (const auto& request : pages) {
          INFO(viewer.name << " / " << filter.stage_id << filter.municipality << " / «" << search
                           << "» / " << request.offset << "+" << request.limit);
          auto page = queries.ListPage(viewer, filter, search, request);
          auto expected = PageOf(whole, request);
          CHECK(page.total == expected.total);
          REQUIRE(page.rows.size() == expected.rows.size());
          for (std::size_t i = 0; i < page.rows.size(); ++i) {
            CHECK(Fields(page.rows[i]) == Fields(expected.rows[i]));
          }
        }
      }
    }
  }
}
