// Import of schools and people: every kind of bad line is reported with its number, and nothing
// is stored while any error remains. Files go through the same reader and column mapping as the
// CLI, in both encodings regions use.
#include <catch2/catch.hpp>

#include <xlsxwriter.h>

#include "app/ImportColumns.h"
#include "storage/DirectoryRepository.h"
#include "tests/TestSupport.h"

using namespace shnor;

namespace {

// "Тюмень" etc. as Windows-1251 bytes, converted from UTF-8 by a small table for the test.
std::string ToCp1251(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    unsigned cp = 0;
    if (c >= 0xE0) {  // three-byte sequence, e.g. № (U+2116)
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3F);
      i += 2;
    } else {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    }
    if (cp >= 0x410 && cp <= 0x44F) {
      out += static_cast<char>(0xC0 + (cp - 0x410));
    } else if (cp == 0x401) {
      out += static_cast<char>(0xA8);
    } else if (cp == 0x451) {
      out += static_cast<char>(0xB8);
    } else if (cp == 0x2116) {
      out += static_cast<char>(0xB9);
    } else if (cp == 0xAB) {
      out += static_cast<char>(0xAB);
    } else if (cp == 0xBB) {
      out += static_cast<char>(0xBB);
    } else {
      out += '?';
    }
  }
  return out;
}

ImportReport ImportSchoolFile(test::SampleWorkspace& s, const std::filesystem::path& file) {
  auto table = import::ReadTable(file);
  return ImportSchools(*s.ws, s.campaign, file.filename().string(), app::SchoolRowsFrom(table),
                       s.admin);
}

std::size_t SchoolCount(test::SampleWorkspace& s) {
  return storage::DirectoryRepository(s.ws->db()).Schools(s.campaign.id).size();
}

std::string SchoolsCsv(const std::string& m0, const std::string& m1) {
  return "Код ОО;Наименование ОО;Муниципальное образование;Список;Школа-партнёр\r\n"
         "a-1;\"МАОУ «Первая СОШ»; филиал\";" +
         m0 +
         ";1.1;МАОУ Гимназия № 5\r\n"
         "a-2;МАОУ Вторая СОШ;" +
         m1 + ";1.2;\r\n";
}

}  // namespace

TEST_CASE("schools import from UTF-8 and Windows-1251 CSV alike", "[import]") {
  test::SampleWorkspace utf8("2024-02-10", 0 + 1);
  test::SampleWorkspace cp1251("2024-02-10", 1);
  std::string csv = SchoolsCsv(utf8.municipalities[0], utf8.municipalities[1]);
  test::WriteText(utf8.dir / "s.csv", csv);
  test::WriteText(cp1251.dir / "s.csv", ToCp1251(csv));
  auto a = ImportSchoolFile(utf8, utf8.dir / "s.csv");
  auto b = ImportSchoolFile(cp1251, cp1251.dir / "s.csv");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto school = storage::DirectoryRepository(cp1251.ws->db()).FindSchool(cp1251.campaign.id, "a-1");
  REQUIRE(school);
  CHECK(school->school.name == "МАОУ «Первая СОШ»; филиал");
  CHECK(school->partner_school == "МАОУ Гимназия № 5");
  CHECK(school->municipality == cp1251.municipalities[0]);
  CHECK(SchoolCount(utf8) == SchoolCount(cp1251));
}

TEST_CASE("comma-separated CSV with other header spellings imports", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  test::WriteText(s.dir / "s.csv",
                  "код оо,Наименование,Муниципалитет,Список\n"
                  "c-1,МАОУ Третья СОШ," +
                      s.municipalities[0] + ",1.1.\n");
  auto report = ImportSchoolFile(s, s.dir / "s.csv");
  REQUIRE(report.ok());
  CHECK(storage::DirectoryRepository(s.ws->db()).FindSchool(s.campaign.id, "c-1")->school.list ==
        "1.1");
}

TEST_CASE("missing columns are named and nothing is imported", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  test::WriteText(s.dir / "s.csv", "Код ОО;Наименование ОО\nx-1;МАОУ СОШ\n");
  CHECK_THROWS_WITH(ImportSchoolFile(s, s.dir / "s.csv"),
                    Catch::Contains("строка 1") && Catch::Contains("Муниципальное образование") &&
                        Catch::Contains("Список"));
  CHECK(SchoolCount(s) == 1);
}

TEST_CASE("every bad school line is reported with its number and nothing is imported", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  const std::string& m = s.municipalities[0];
  test::WriteText(s.dir / "s.csv",
                  "Код ОО;Наименование ОО;Муниципальное образование;Список\n"
                  "ok-1;МАОУ Хорошая СОШ;" +
                      m +
                      ";1.1\n"  // line 2: fine
                      "ok-1;МАОУ Другая СОШ;" +
                      m +
                      ";1.2\n"  // 3: duplicate code
                      "x-3;;" +
                      m +
                      ";1.1\n"                                   // 4: empty name
                      "x-4;МАОУ СОШ;Несуществующий район;1.1\n"  // 5: unknown municipality
                      "x-5;МАОУ Хорошая СОШ;" +
                      m +
                      ";1.1\n"  // 6: duplicate name
                      "x-6;МАОУ Шестая СОШ;" +
                      m +
                      ";2\n"  // 7: bad list
                      "s-1;МАОУ Седьмая СОШ;" +
                      m + ";1.1\n");  // 8: already in the campaign
  auto report = ImportSchoolFile(s, s.dir / "s.csv");
  REQUIRE_FALSE(report.ok());
  std::string text = report.Text();
  CHECK_THAT(text, Catch::Contains("s.csv, строка 3: школа с кодом «ok-1» уже указана в строке 2"));
  CHECK_THAT(text, Catch::Contains("строка 4: не заполнено поле «Наименование ОО»"));
  CHECK_THAT(text, Catch::Contains(
                       "строка 5: неизвестное муниципальное образование «Несуществующий район»"));
  CHECK_THAT(text, Catch::Contains("строка 6: школа «МАОУ Хорошая СОШ» уже указана в строке 2"));
  CHECK_THAT(text, Catch::Contains("строка 7: в поле «Список» должно быть 1.1 или 1.2"));
  CHECK_THAT(text, Catch::Contains("строка 8: школа с кодом «s-1» уже есть в проекте"));
  CHECK(report.issues.size() == 6);
  CHECK(SchoolCount(s) == 1);
}

TEST_CASE("every bad person line is reported and nothing is imported", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  const std::string& m0 = s.municipalities[0];
  test::WriteText(s.dir / "p.csv",
                  "ФИО;Роль;Муниципальное образование;Код ОО;Электронная почта;Телефон\n"
                  "Иванова Анна Петровна;куратор;\"" +
                      m0 +
                      ", Нет такого\";;a@example.ru;\n"
                      "Петров Пётр;директор;;;p@example.ru;\n"
                      "Сидорова Ольга;ответственный от ОО;;zz-9;o@example.ru;\n"
                      "Кузнецов Иван;Муниципальный координатор;" +
                      m0 +
                      ";;не-почта;\n"
                      ";наставник;;s-1;n@example.ru;\n"
                      "Другое Имя;наставник;;s-1;A@example.ru;\n");
  auto table = import::ReadTable(s.dir / "p.csv");
  auto report = ImportPeople(*s.ws, s.campaign, "p.csv", app::PersonRowsFrom(table), s.admin);
  REQUIRE_FALSE(report.ok());
  std::string text = report.Text();
  CHECK_THAT(text, Catch::Contains("строка 2: неизвестное муниципальное образование «Нет такого»"));
  CHECK_THAT(text, Catch::Contains("строка 3: неизвестная роль «директор»"));
  CHECK_THAT(text, Catch::Contains("строка 4: школа с кодом «zz-9» не найдена"));
  CHECK_THAT(text, Catch::Contains("строка 5: неверный адрес электронной почты «не-почта»"));
  CHECK_THAT(text, Catch::Contains("строка 6: не заполнено поле «ФИО»"));
  CHECK(storage::DirectoryRepository(s.ws->db()).People(s.campaign.id).empty());
}

TEST_CASE("the sample people import with their roles", "[import]") {
  test::SampleWorkspace s("2024-02-10", 0 + 1);
  // The sample's people refer to the sample's schools, so import those first.
  auto schools = import::ReadTable(test::SourceDir() / "samples/tyumen-2024/schools.csv");
  REQUIRE(
      ImportSchools(*s.ws, s.campaign, "schools.csv", app::SchoolRowsFrom(schools), s.admin).ok());
  auto people = import::ReadTable(test::SourceDir() / "samples/tyumen-2024/people.csv");
  auto report = ImportPeople(*s.ws, s.campaign, "people.csv", app::PersonRowsFrom(people), s.admin);
  INFO(report.Text());
  REQUIRE(report.ok());
  auto all = storage::DirectoryRepository(s.ws->db()).People(s.campaign.id);
  int curators = 0;
  for (const auto& p : all) {
    for (const auto& r : p.roles) curators += r.role == storage::PersonRole::Curator;
  }
  CHECK(curators >= 3);  // role rows: one per curated municipality
}

TEST_CASE("schools import from an XLSX workbook's first sheet", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  std::string file = (s.dir / "schools.xlsx").string();
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Школы");
  const char* header[] = {"Код ОО", "Наименование ОО", "Муниципальное образование", "Список"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(sheet, 0, c, header[c], nullptr);
  worksheet_write_string(sheet, 1, 0, "x-1", nullptr);
  worksheet_write_string(sheet, 1, 1, "МАОУ «Школа из Excel»", nullptr);
  worksheet_write_string(sheet, 1, 2, s.municipalities[0].c_str(), nullptr);
  worksheet_write_number(sheet, 1, 3, 1.2, nullptr);
  worksheet_write_string(sheet, 3, 0, "x-2", nullptr);  // row 4; row 3 is empty
  worksheet_write_string(sheet, 3, 1, "МАОУ Вторая из Excel", nullptr);
  worksheet_write_string(sheet, 3, 2, "Район, которого нет", nullptr);
  worksheet_write_string(sheet, 3, 3, "1.1", nullptr);
  lxw_worksheet* other = workbook_add_worksheet(workbook, "Прочее");
  worksheet_write_string(other, 0, 0, "не читать", nullptr);
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);

  auto report = ImportSchoolFile(s, file);
  REQUIRE_FALSE(report.ok());
  REQUIRE(report.issues.size() == 1);
  CHECK(report.issues[0].line == 4);
  CHECK_THAT(report.issues[0].message, Catch::Contains("Район, которого нет"));
  CHECK(SchoolCount(s) == 1);
}

TEST_CASE("an import refuses text later steps cannot use, naming the field and the character",
          "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  const std::string& m = s.municipalities[0];
  std::string long_name(501, 'a');
  test::WriteText(s.dir / "s.csv",
                  "Код ОО;Наименование ОО;Муниципальное образование;Список\n"
                  "e-1;МАОУ СОШ \xF0\x9F\x98\x80;" +
                      m +
                      ";1.1\n"  // 2: an emoji
                      "../x;МАОУ Вторая СОШ;" +
                      m +
                      ";1.1\n"  // 3: a path in the code
                      ".hidden;МАОУ Третья СОШ;" +
                      m +
                      ";1.1\n"  // 4: a leading dot
                      "z-4;МАОУ\xE2\x80\x8B Четвёртая;" +
                      m +
                      ";1.1\n"  // 5: zero width
                      "z-5;МАОУ \xE2\x80\xAE"
                      "ЯАС;" +
                      m +
                      ";1.1\n"  // 6: right-to-left
                      "z-6;" +
                      long_name + ";" + m +
                      ";1.1\n"  // 7: too long
                      "тмн-7;МАОУ Седьмая СОШ;" +
                      m +
                      ";1.1\n"  // 8: Cyrillic code
                      "ok-8;МАОУ «Восьмая» СОШ № 8;" +
                      m + ";1.1\n");  // 9: fine
  auto report = ImportSchoolFile(s, s.dir / "s.csv");
  std::string text = report.Text();
  INFO(text);
  CHECK_THAT(text, Catch::Contains("строка 2: поле «Наименование ОО», символ 10: U+1F600 — символ, "
                                   "которого нет в шрифте документов (например, эмодзи)"));
  CHECK_THAT(text, Catch::Contains("строка 3: поле «Код ОО», символ 3: в коде допустимы только "
                                   "латинские буквы"));
  CHECK_THAT(text, Catch::Contains("строка 4: поле «Код ОО»: код не может начинаться с точки"));
  CHECK_THAT(text, Catch::Contains("строка 5: поле «Наименование ОО», символ 5: U+200B — "
                                   "невидимый символ нулевой ширины"));
  CHECK_THAT(text, Catch::Contains("строка 6: поле «Наименование ОО», символ 6: U+202E — символ "
                                   "смены направления письма"));
  CHECK_THAT(text, Catch::Contains("строка 7: поле «Наименование ОО» длиннее 500 символов (501)"));
  CHECK_THAT(text, Catch::Contains("строка 8: поле «Код ОО», символ 1"));
  CHECK(report.issues.size() == 7);
  CHECK(SchoolCount(s) == 1);  // nothing stored
}

TEST_CASE("a person's name with a control character is refused", "[import]") {
  test::SampleWorkspace s("2024-02-10", 1);
  std::vector<PersonRow> rows{
      {2, "Иванов\x07 Иван", "куратор", s.municipalities[0], "", "i.ivanov@example.ru", ""}};
  auto report = ImportPeople(*s.ws, s.campaign, "p.csv", rows, s.admin);
  CHECK_THAT(report.Text(), Catch::Contains("p.csv, строка 2: поле «ФИО», символ 7: U+0007 — "
                                            "управляющий символ"));
}
