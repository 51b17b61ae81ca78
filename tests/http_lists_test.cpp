// The long lists of the API over real sockets: the school list, the audit log and the letters in
// pages with the count of the whole, within the user's scope, and their paging parameters refused
// with a 400 naming them.
#include "tests/HttpTesting.h"

using namespace shnor;
using namespace shnor::test::http;

namespace {

const std::string kDistrict = "Вагайский муниципальный район";

std::vector<std::string> CodesOfRows(const json& rows) {
  std::vector<std::string> codes;
  for (const auto& row : rows) codes.push_back(row["code"]);
  return codes;
}

// Every school the client may see, in the list's order, from pages of the largest size.
std::vector<std::string> AllCodes(Client& client, const RunningServer& server,
                                  const std::string& filter = "") {
  auto body = client.Get(server.Url("/api/cases?limit=500" + filter)).Json();
  REQUIRE(body["total"] == body["cases"].size());
  return CodesOfRows(body["cases"]);
}

}  // namespace

TEST_CASE("http api pages the school list in the list's order with the count of all", "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  auto all = AllCodes(client, server);
  REQUIRE(all.size() == 60);

  auto first = client.Get(server.Url("/api/cases")).Json();
  CHECK(first["total"] == 60);
  CHECK(first["offset"] == 0);
  CHECK(first["limit"] == 50);
  CHECK(CodesOfRows(first["cases"]) == std::vector<std::string>(all.begin(), all.begin() + 50));

  auto slice = client.Get(server.Url("/api/cases?offset=14&limit=7")).Json();
  CHECK(slice["total"] == 60);
  CHECK(slice["offset"] == 14);
  CHECK(slice["limit"] == 7);
  CHECK(CodesOfRows(slice["cases"]) ==
        std::vector<std::string>(all.begin() + 14, all.begin() + 21));
  auto last = client.Get(server.Url("/api/cases?offset=55&limit=50")).Json();
  CHECK(CodesOfRows(last["cases"]) == std::vector<std::string>(all.begin() + 55, all.end()));
  auto past = client.Get(server.Url("/api/cases?offset=60")).Json();
  CHECK(past["total"] == 60);
  CHECK(past["cases"].empty());
}

TEST_CASE("http api pages a filtered list and a coordinator's schools only", "[http]") {
  RunningServer server;
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto district = AllCodes(admin, server, "&municipality=" + admin.Escape(kDistrict));
  REQUIRE(district.size() > 4);
  auto filtered =
      admin.Get(server.Url("/api/cases?limit=4&offset=2&municipality=" + admin.Escape(kDistrict)))
          .Json();
  CHECK(filtered["total"] == district.size());
  CHECK(CodesOfRows(filtered["cases"]) ==
        std::vector<std::string>(district.begin() + 2, district.begin() + 6));
  auto searched = admin.Get(server.Url("/api/cases?limit=1&q=%D0%BC%D0%B0%D0%BE%D1%83")).Json();
  CHECK(searched["total"].get<int>() > 1);  // «маоу» is in several names; one of them shown
  CHECK(searched["cases"].size() == 1);

  Client vagai;
  REQUIRE(vagai.LogIn(server.Url(""), kVagai).status == 200);
  auto page = vagai.Get(server.Url("/api/cases?limit=4")).Json();
  CHECK(page["total"] == district.size());
  auto next = vagai.Get(server.Url("/api/cases?limit=4&offset=4")).Json();
  auto codes = CodesOfRows(page["cases"]);
  for (const auto& code : CodesOfRows(next["cases"])) codes.push_back(code);
  CHECK(codes == district);
}

TEST_CASE("http api refuses malformed or out-of-range paging with 400 naming the parameter",
          "[http]") {
  RunningServer server;
  Client client;
  REQUIRE(client.LogIn(server.Url(""), kAdmin).status == 200);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"offset", "-1"},   {"offset", "abc"}, {"offset", "99999999999999999999"},
      {"offset", "1.5"},  {"offset", "1e3"}, {"offset", "+3"},
      {"offset", " 3"},   {"limit", "0"},    {"limit", "-5"},
      {"limit", "501"},   {"limit", "x"},    {"limit", "99999999999999999999"},
      {"limit", "10abc"}, {"limit", "0x10"},
  };
  for (const std::string route : {"/api/cases", "/api/log", "/api/outbox"}) {
    for (const auto& [name, value] : bad) {
      std::string url = route + "?" + name + "=" + client.Escape(value);
      INFO(url);
      auto reply = client.Get(server.Url(url));
      CheckJsonError(reply, 400, "bad_request");
      CHECK_THAT(reply.Json()["error"]["message"].get<std::string>(),
                 Catch::Contains("«" + name + "»"));
    }
    CHECK(client.Get(server.Url(route + "?limit=500&offset=0")).status == 200);
  }
  auto over = client.Get(server.Url("/api/cases?limit=501")).Json()["error"]["message"];
  CHECK_THAT(over.get<std::string>(), Catch::Contains("500"));
}

TEST_CASE("http api pages the audit log and the letters with their totals", "[http]") {
  RunningServer server;
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto whole = admin.Get(server.Url("/api/log?limit=500")).Json();
  REQUIRE(whole["total"].get<std::size_t>() > 60);
  REQUIRE(whole["events"].size() == whole["total"]);
  auto first = admin.Get(server.Url("/api/log")).Json();
  CHECK(first["total"] == whole["total"]);
  CHECK(first["limit"] == 50);
  CHECK(first["events"].size() == 50);
  auto slice = admin.Get(server.Url("/api/log?offset=10&limit=3")).Json();
  CHECK(slice["offset"] == 10);
  REQUIRE(slice["events"].size() == 3);
  CHECK(slice["events"][0] == whole["events"][10]);
  CHECK(slice["events"][2] == whole["events"][12]);

  Client vagai;
  REQUIRE(vagai.LogIn(server.Url(""), kVagai).status == 200);
  auto district = vagai.Get(server.Url("/api/cases")).Json()["total"];
  auto events = vagai.Get(server.Url("/api/log?limit=2")).Json();
  CHECK(events["total"] == district);  // one "open" per school of the district
  CHECK(events["events"].size() == 2);

  auto letters = admin.Get(server.Url("/api/outbox?limit=1")).Json();
  CHECK(letters["offset"] == 0);
  CHECK(letters["limit"] == 1);
  CHECK(letters["total"].get<std::size_t>() >= letters["letters"].size());
  CHECK(letters.contains("counts"));
}
