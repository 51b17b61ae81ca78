// The long lists of the API over real sockets: the school list, the audit log and the letters in
// pages with the count of the whole, their paging parameters refused with a 400 naming them, and
// the whole school list as a CSV sent in chunks and as an XLSX, each within the user's scope.
#include <fstream>

#include "tests/HttpTesting.h"
#include "tests/XlsxReading.h"

using namespace shnor;
using namespace shnor::test::http;

namespace {

const std::string kDistrict = "Вагайский муниципальный район";
const std::string kCsvHeader =
    "Код ОО;Наименование ОО;Муниципальное образование;Список;Этап;Статус;Открытых задач;"
    "Просрочено";

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

// The CSV's rows as Python's csv module reads them (`;`, UTF-8 with a BOM), so the check does not
// rest on our own quoting: one line per row, fields separated by a tab.
std::vector<std::string> CsvRows(const std::string& csv) {
  test::TempDir dir;
  test::WriteText(dir / "list.csv", csv);
  std::string script =
      "import csv,sys\n"
      "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
      "    for row in csv.reader(f, delimiter=';'):\n"
      "        print('\\t'.join(row))\n";
  test::WriteText(dir / "read.py", script);
  std::string command = "python3 '" + (dir / "read.py").string() + "' '" +
                        (dir / "list.csv").string() + "' > '" + (dir / "rows.txt").string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  std::vector<std::string> rows;
  std::ifstream in(dir / "rows.txt");
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  return rows;
}

std::string FirstField(const std::string& row) {
  return row.substr(0, row.find('\t'));
}

int FieldCount(const std::string& row) {
  return 1 + static_cast<int>(std::count(row.begin(), row.end(), '\t'));
}

// Sends `request` on a connection of its own and reads the answer until the server closes it.
std::string RawExchange(unsigned short port, const std::string& request) {
  int fd = ConnectRaw(port);
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) answer.append(buffer, n);
  close(fd);
  return answer;
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

TEST_CASE("http api exports the user's schools as a chunked CSV for Excel", "[http]") {
  RunningServer server;
  Client admin;
  REQUIRE(admin.LogIn(server.Url(""), kAdmin).status == 200);
  auto district = AllCodes(admin, server, "&municipality=" + admin.Escape(kDistrict));
  Client vagai;
  REQUIRE(vagai.LogIn(server.Url(""), kVagai).status == 200);
  auto reply = vagai.Get(server.Url("/api/cases/export.csv"));
  REQUIRE(reply.status == 200);
  CHECK(reply.Header("content-type") == "text/csv; charset=utf-8");
  CHECK(reply.Header("transfer-encoding") == "chunked");
  CHECK(reply.Header("content-length").empty());
  CHECK_THAT(reply.Header("content-disposition"),
             Catch::StartsWith("attachment; filename=\"") &&
                 Catch::Contains("filename*=UTF-8''" + vagai.Escape("Школы")) &&
                 Catch::EndsWith(".csv"));
  REQUIRE(reply.body.rfind("\xEF\xBB\xBF" + kCsvHeader + "\r\n", 0) == 0);
  auto rows = CsvRows(reply.body);
  REQUIRE(rows.size() == district.size() + 1);
  for (std::size_t i = 0; i < district.size(); ++i) {
    CHECK(FirstField(rows[i + 1]) == district[i]);
    CHECK(FieldCount(rows[i + 1]) == 8);
  }
  CHECK_THAT(rows[1], Catch::Contains("\t" + kDistrict + "\t") && Catch::Contains("\tв работе\t"));

  // The administrator's whole list, quotes in a school's name included, and the filters.
  auto all = CsvRows(admin.Get(server.Url("/api/cases/export.csv")).body);
  CHECK(all.size() == 61);
  CHECK(std::count_if(all.begin(), all.end(), [](const std::string& row) {
          return row.find("\"Кедровая ООШ\"") != std::string::npos && FieldCount(row) == 8;
        }) == 1);
  auto none = admin.Get(server.Url("/api/cases/export.csv?stage=II"));
  CHECK(none.body == "\xEF\xBB\xBF" + kCsvHeader + "\r\n");
  CheckJsonError(admin.Get(server.Url("/api/cases/export.csv?stage=IX")), 400, "bad_request");
  CheckJsonError(admin.Get(server.Url("/api/cases/export.csv?limit=5")), 400, "bad_request");
  // HEAD: the headers of the export and no chunk after them.
  std::string head = RawExchange(server.port(),
                                 "HEAD /api/cases/export.csv HTTP/1.1\r\n"
                                 "Host: 127.0.0.1\r\nAuthorization: Bearer " +
                                     Sample().token + "\r\nConnection: close\r\n\r\n");
  CHECK_THAT(head, Catch::StartsWith("HTTP/1.1 200") && Catch::EndsWith("\r\n\r\n"));
  CHECK_THAT(head, Catch::Contains("Transfer-Encoding: chunked"));
}

TEST_CASE("http api exports the user's schools as an XLSX with the same rows", "[http]") {
  RunningServer server;
  Client vagai;
  REQUIRE(vagai.LogIn(server.Url(""), kVagai).status == 200);
  auto codes = AllCodes(vagai, server);
  auto reply = vagai.Get(server.Url("/api/cases/export.xlsx"));
  REQUIRE(reply.status == 200);
  CHECK(reply.Header("content-type") ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK_THAT(reply.Header("content-disposition"),
             Catch::StartsWith("attachment; filename=\"") && Catch::EndsWith(".xlsx"));
  test::TempDir dir;
  test::WriteText(dir / "list.xlsx", reply.body);
  test::Xlsx book(dir / "list.xlsx");
  REQUIRE(book.SheetNames().size() == 1);
  auto sheet = book.Sheet(book.SheetNames()[0]);
  const std::vector<std::string> header = {
      "Код ОО",         "Наименование ОО", "Муниципальное образование", "Список", "Этап", "Статус",
      "Открытых задач", "Просрочено"};
  for (std::size_t i = 0; i < header.size(); ++i) {
    CHECK(book.CellText(*sheet, std::string(1, static_cast<char>('A' + i)) + "1") == header[i]);
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    std::string row = std::to_string(i + 2);
    CHECK(book.CellText(*sheet, "A" + row) == codes[i]);
    CHECK(book.CellText(*sheet, "C" + row) == kDistrict);
    CHECK(test::Xlsx::Cell(*sheet, "G" + row).child("v").text().as_int() > 0);
  }
  CHECK(test::Xlsx::Cell(*sheet, "A" + std::to_string(codes.size() + 2)).empty());
  // Whatever the filter, only the user's own schools.
  Client school;
  REQUIRE(school.LogIn(server.Url(""), kSchool).status == 200);
  test::WriteText(dir / "own.xlsx", school.Get(server.Url("/api/cases/export.xlsx")).body);
  test::Xlsx own(dir / "own.xlsx");
  auto own_sheet = own.Sheet(own.SheetNames()[0]);
  CHECK(own.CellText(*own_sheet, "A2") == "tmn-001");
  CHECK(test::Xlsx::Cell(*own_sheet, "A3").empty());
}
