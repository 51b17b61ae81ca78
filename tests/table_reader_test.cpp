// Reading the tables regions send: CSV in the dialects and encodings Excel and older office
// software produce, and .xlsx workbooks, down to the line numbers that error reports cite.
#include <catch2/catch.hpp>

#include <xlsxwriter.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "app/import/CsvReader.h"
#include "app/import/Table.h"
#include "app/import/TextEncoding.h"
#include "app/import/XlsxReader.h"

using namespace shnor::import;
namespace fs = std::filesystem;

namespace {

// A directory of its own under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("shnor-table-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

Table Csv(const std::string& bytes) {
  return ReadCsv(bytes, "schools.csv");
}

std::vector<std::string> Cells(std::initializer_list<const char*> cells) {
  return std::vector<std::string>(cells.begin(), cells.end());
}

// UTF-16LE with a BOM, as Excel saves "Unicode text"; the test text is all 1- and 2-byte UTF-8.
std::string Utf16Le(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned cp = static_cast<unsigned char>(utf8[i]);
    if (cp >= 0x80) cp = ((cp & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>(cp >> 8);
  }
  return out;
}

// A minimal zip of stored (uncompressed) entries, to build packages libxlsxwriter would never
// write: parts under other names, no shared strings, rows and cells without references.
class StoredZip {
 public:
  void Add(const std::string& name, const std::string& data) {
    std::uint32_t offset = static_cast<std::uint32_t>(body_.size());
    Header(body_, 0x04034b50, name, data, false, 0);
    body_ += data;
    Header(central_, 0x02014b50, name, data, true, offset);
    ++count_;
  }

  std::string Bytes() const {
    std::string out = body_ + central_;
    Put32(out, 0x06054b50);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, count_);
    Put16(out, count_);
    Put32(out, static_cast<std::uint32_t>(central_.size()));
    Put32(out, static_cast<std::uint32_t>(body_.size()));
    Put16(out, 0);
    return out;
  }

 private:
  static void Put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
  }
  static void Put32(std::string& out, std::uint32_t v) {
    Put16(out, v & 0xFFFF);
    Put16(out, v >> 16);
  }
  static std::uint32_t Crc32(const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFF;
    for (unsigned char c : data) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  }
  // The local header and the central directory entry share all but a few fields.
  static void Header(std::string& out, std::uint32_t signature, const std::string& name,
                     const std::string& data, bool central, std::uint32_t offset) {
    auto size = static_cast<std::uint32_t>(data.size());
    Put32(out, signature);
    if (central) Put16(out, 20);                      // version made by
    for (int v : {20, 0, 0, 0, 0x21}) Put16(out, v);  // version, flags, stored, time, 1980-01-01
    Put32(out, Crc32(data));
    Put32(out, size);
    Put32(out, size);
    Put16(out, static_cast<std::uint32_t>(name.size()));
    Put16(out, 0);  // extra field
    if (central) {
      for (int v : {0, 0, 0}) Put16(out, v);  // comment, disk, internal attributes
      Put32(out, 0);                          // external attributes
      Put32(out, offset);
    }
    out += name;
  }

  std::string body_, central_;
  std::uint32_t count_ = 0;
};

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
</Relationships>)";

// The first tab is rId3 -> data.xml; sheet1.xml is the second tab and must not be read. The
// relationships prefix is not "r" on purpose.
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Люди" sheetId="2" rel:id="rId3"/><sheet name="Прочее" sheetId="1" rel:id="rId7"/></sheets>
</workbook>)";

std::string Worksheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

std::string HandMadePackage(const std::string& first_sheet_rows) {
  StoredZip zip;
  zip.Add("[Content_Types].xml", kContentTypes);
  zip.Add("xl/workbook.xml", kWorkbook);
  zip.Add("xl/_rels/workbook.xml.rels", kWorkbookRels);
  zip.Add("xl/worksheets/data.xml", Worksheet(first_sheet_rows));
  zip.Add("xl/worksheets/sheet1.xml",
          Worksheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>не тот лист</t></is></c></row>)"));
  return zip.Bytes();
}

}  // namespace

// ---- CSV ----------------------------------------------------------------------------------------

TEST_CASE("csv reader splits on semicolons and keeps line numbers", "[import]") {
  Table table = Csv("Код ОО;Наименование ОО;Список\na-1;МАОУ СОШ № 1;1.1\na-2;МАОУ СОШ № 2;1.2\n");
  CHECK(table.source == "schools.csv");
  CHECK(table.header == Cells({"Код ОО", "Наименование ОО", "Список"}));
  CHECK(table.header_line == 1);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].line == 2);
  CHECK(table.rows[0].cells == Cells({"a-1", "МАОУ СОШ № 1", "1.1"}));
  CHECK(table.rows[1].line == 3);
  CHECK(table.rows[1].cells == Cells({"a-2", "МАОУ СОШ № 2", "1.2"}));
}

TEST_CASE("csv reader detects a comma separator from the header line", "[import]") {
  // The data line has more semicolons than commas; only the header decides.
  Table table = Csv("Код ОО,Наименование ОО,Список\na-1,СОШ; филиал; корпус 2,1.1\n");
  CHECK(table.header.size() == 3);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells({"a-1", "СОШ; филиал; корпус 2", "1.1"}));
}

TEST_CASE("csv reader detects a tab separator", "[import]") {
  Table table = Csv("ФИО\tРоль\tТелефон\nИванова Анна, учитель\tкуратор\t+7 (3452) 00-00-00\n");
  CHECK(table.header == Cells({"ФИО", "Роль", "Телефон"}));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells[0] == "Иванова Анна, учитель");
}

TEST_CASE("csv reader ignores separators inside quotes when detecting the separator", "[import]") {
  Table table = Csv("\"Код, ОО\";\"ФИО, полностью\";Роль\n1;2;3\n");
  CHECK(table.header == Cells({"Код, ОО", "ФИО, полностью", "Роль"}));
}

TEST_CASE("csv reader honours the sep line Excel writes", "[import]") {
  Table table = Csv("sep=,\r\nКод ОО,Наименование ОО;корпус\r\na-1,СОШ;2\r\n");
  CHECK(table.header == Cells({"Код ОО", "Наименование ОО;корпус"}));
  CHECK(table.header_line == 2);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].line == 3);
}

TEST_CASE("csv reader reads a quoted field with the separator and doubled quotes", "[import]") {
  Table table =
      Csv("Код ОО;Наименование ОО;Список\n"
          "a-1;\"МАОУ \"\"Первая СОШ\"\"; филиал\";1.1\n"
          "a-2;\"\";\"1.2\"\n"
          "a-3; \"С пробелом; перед кавычкой\";1.1\n");
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[0].cells == Cells({"a-1", "МАОУ \"Первая СОШ\"; филиал", "1.1"}));
  CHECK(table.rows[1].cells == Cells({"a-2", "", "1.2"}));
  CHECK(table.rows[2].cells == Cells({"a-3", "С пробелом; перед кавычкой", "1.1"}));
}

TEST_CASE("csv reader keeps line numbers after a multi-line quoted field", "[import]") {
  Table table =
      Csv("Код ОО;Адрес;Список\n"
          "a-1;\"г. Тюмень,\nул. Республики, 1\n2 этаж\";1.1\n"
          "a-2;\"одна строка\";1.2\n"
          "a-3;\"\r\nс пустой первой строкой\";1.1\n"
          "a-4;просто;1.2\n");
  REQUIRE(table.rows.size() == 4);
  CHECK(table.rows[0].line == 2);
  CHECK(table.rows[0].cells[1] == "г. Тюмень,\nул. Республики, 1\n2 этаж");
  CHECK(table.rows[1].line == 5);
  CHECK(table.rows[2].line == 6);
  CHECK(table.rows[2].cells[1] == "с пустой первой строкой");  // trimmed of the leading break
  CHECK(table.rows[3].line == 8);
}

TEST_CASE("csv reader accepts CRLF and lone CR line ends", "[import]") {
  Table crlf = Csv("Код;Имя\r\n1;\"а\r\nб\"\r\n2;в\r\n");
  REQUIRE(crlf.rows.size() == 2);
  CHECK(crlf.rows[0].cells == Cells({"1", "а\nб"}));
  CHECK(crlf.rows[1].line == 4);
  CHECK(crlf.rows[1].cells == Cells({"2", "в"}));

  Table cr = Csv("Код;Имя\r1;а\r\r2;в");
  REQUIRE(cr.rows.size() == 2);
  CHECK(cr.rows[1].line == 4);
  CHECK(cr.rows[1].cells == Cells({"2", "в"}));
}

TEST_CASE("csv reader strips a UTF-8 BOM", "[import]") {
  Table table = Csv("\xEF\xBB\xBF\xD0\x9A\xD0\xBE\xD0\xB4 ОО;Список\na-1;1.1\n");
  CHECK(table.header == Cells({"Код ОО", "Список"}));
}

TEST_CASE("csv reader converts Windows-1251 to UTF-8", "[import]") {
  // "Код ОО;Город\nё-1;Тюмень «Ёлка» № 5\n" as Windows-1251 bytes.
  std::string cp1251 =
      "\xCA\xEE\xE4 \xCE\xCE;\xC3\xEE\xF0\xEE\xE4\n"
      "\xB8-1;\xD2\xFE\xEC\xE5\xED\xFC \xAB\xA8\xEB\xEA\xE0\xBB \xB9 5\n";
  Table table = Csv(cp1251);
  CHECK(table.header == Cells({"Код ОО", "Город"}));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells({"ё-1", "Тюмень «Ёлка» № 5"}));
}

TEST_CASE("csv reader decodes UTF-16 text that starts with a BOM", "[import]") {
  Table table = Csv(Utf16Le("ФИО\tРоль\r\nПетрова Ольга\tкуратор\r\n"));
  CHECK(table.header == Cells({"ФИО", "Роль"}));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells({"Петрова Ольга", "куратор"}));
}

TEST_CASE("csv reader skips empty rows but keeps true line numbers", "[import]") {
  Table table = Csv("\n  \nКод;Имя\n\n1;а\n;;\n \xC2\xA0; \n2;б\n\n");
  CHECK(table.header_line == 3);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].line == 5);
  CHECK(table.rows[1].line == 8);
}

TEST_CASE("csv reader trims spaces and no-break spaces from cells and header", "[import]") {
  Table table = Csv(" Код ОО \xC2\xA0; Имя\n\xC2\xA0 a-1 ;  Анна\xC2\xA0\n");
  CHECK(table.header == Cells({"Код ОО", "Имя"}));
  CHECK(table.rows[0].cells == Cells({"a-1", "Анна"}));
}

TEST_CASE("csv reader pads short rows to the header width", "[import]") {
  Table table = Csv("А;Б;В;Г\n1;2\n1;2;3;4;;\n");
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].cells == Cells({"1", "2", "", ""}));
  CHECK(table.rows[1].cells == Cells({"1", "2", "3", "4"}));  // empty extra cells are harmless
}

TEST_CASE("csv reader names the line where an unterminated quote starts", "[import]") {
  CHECK_THROWS_AS(Csv("Код;Имя\n1;а\n2;\"б\n3;в\n4;г\n"), TableError);
  CHECK_THROWS_WITH(
      Csv("Код;Имя\n1;а\n2;\"б\n3;в\n4;г\n"),
      Catch::Contains("schools.csv, строка 3") && Catch::Contains("незакрытая кавычка"));
}

TEST_CASE("csv reader rejects a row with more filled cells than the header", "[import]") {
  CHECK_THROWS_AS(Csv("Код;Имя\n1;а\n2;б;лишнее\n"), TableError);
  CHECK_THROWS_WITH(Csv("Код;Имя\n1;а\n\n2;МАОУ СОШ; филиал\n"),
                    Catch::Contains("schools.csv, строка 4") && Catch::Contains("полей 3") &&
                        Catch::Contains("столбцов 2"));
}

TEST_CASE("csv reader rejects a file without a header", "[import]") {
  CHECK_THROWS_WITH(Csv(""), Catch::Contains("schools.csv") && Catch::Contains("пуст"));
  CHECK_THROWS_AS(Csv("\xEF\xBB\xBF\r\n;;\r\n"), TableError);
}

TEST_CASE("utf-8 validation rejects what Windows-1251 text looks like", "[import]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("Тюмень № 5 — «Ёлка» \xF0\x9F\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xD2\xFE\xEC\xE5\xED\xFC"));  // Тюмень in Windows-1251
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));                  // overlong "/"
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));              // a surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));          // past U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xD0"));                      // cut short
  CHECK(Cp1251ToUtf8("\x88\x96\xA0\xB9") == "€–\xC2\xA0№");
}

TEST_CASE("table reader picks the reader by extension", "[import]") {
  TempDir dir;
  WriteBytes(dir / "people.CSV", "ФИО;Роль\nАнна;куратор\n");
  WriteBytes(dir / "people.txt", "ФИО\tРоль\nАнна\tкуратор\n");
  for (const char* name : {"people.CSV", "people.txt"}) {
    Table table = ReadTable(dir / name);
    CHECK(table.source == (dir / name).string());
    CHECK(table.rows.at(0).cells == Cells({"Анна", "куратор"}));
  }
  WriteBytes(dir / "people.xls", "old");
  CHECK_THROWS_WITH(ReadTable(dir / "people.xls"),
                    Catch::Contains("people.xls") && Catch::Contains(".xlsx"));
  CHECK_THROWS_AS(ReadTable(dir / "people.ods"), TableError);
  CHECK_THROWS_WITH(ReadTable(dir / "missing.csv"),
                    Catch::Contains("missing.csv") && Catch::Contains("не найден"));
}

// ---- XLSX ---------------------------------------------------------------------------------------

TEST_CASE("xlsx reader reads the first sheet as Excel writes it", "[import]") {
  TempDir dir;
  fs::path file = dir / "Школы.xlsx";
  lxw_workbook* book = workbook_new(file.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Школы");
  lxw_worksheet* other = workbook_add_worksheet(book, "Справочник");
  worksheet_write_string(sheet, 0, 0, "Код ОО", nullptr);
  worksheet_write_string(sheet, 0, 1, "Наименование ОО", nullptr);
  worksheet_write_string(sheet, 0, 2, "Список", nullptr);
  worksheet_write_string(sheet, 0, 3, " Кол-во\xC2\xA0", nullptr);
  worksheet_write_string(sheet, 1, 0, "a-1", nullptr);
  worksheet_write_string(sheet, 1, 1, "МАОУ «Школа из Excel»", nullptr);
  worksheet_write_number(sheet, 1, 2, 1.2, nullptr);
  worksheet_write_number(sheet, 1, 3, 5, nullptr);
  worksheet_write_string(sheet, 3, 0, "a-2", nullptr);  // row 4; row 3 is empty; B4 is skipped
  worksheet_write_string(sheet, 3, 2, "1.1", nullptr);
  worksheet_write_number(sheet, 3, 3, 1027200000000, nullptr);
  worksheet_write_string(sheet, 4, 1, "  ", nullptr);  // blank after trimming: skipped
  worksheet_write_string(other, 0, 0, "Не читать", nullptr);
  worksheet_write_string(other, 1, 0, "МАОУ «Школа из Excel»", nullptr);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  Table table = ReadTable(file);
  CHECK(table.source == file.string());
  CHECK(table.header == Cells({"Код ОО", "Наименование ОО", "Список", "Кол-во"}));
  CHECK(table.header_line == 1);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].line == 2);
  CHECK(table.rows[0].cells == Cells({"a-1", "МАОУ «Школа из Excel»", "1.2", "5"}));
  CHECK(table.rows[1].line == 4);
  CHECK(table.rows[1].cells == Cells({"a-2", "", "1.1", "1027200000000"}));
}

TEST_CASE("xlsx reader reads inline and rich strings, booleans and formula results", "[import]") {
  TempDir dir;
  fs::path file = dir / "people.xlsx";
  lxw_workbook_options options = {LXW_TRUE, nullptr, LXW_FALSE};  // constant memory: inline strings
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  worksheet_write_string(sheet, 0, 0, "ФИО", nullptr);
  worksheet_write_string(sheet, 0, 1, "Согласие", nullptr);
  worksheet_write_string(sheet, 0, 2, "Роль", nullptr);
  worksheet_write_string(sheet, 0, 3, "Доля", nullptr);
  lxw_rich_string_tuple surname = {bold, const_cast<char*>("Иванова")};
  lxw_rich_string_tuple space = {nullptr, const_cast<char*>(" ")};
  lxw_rich_string_tuple name = {nullptr, const_cast<char*>("Анна")};
  lxw_rich_string_tuple* rich[] = {&surname, &space, &name, nullptr};
  worksheet_write_rich_string(sheet, 1, 0, rich, nullptr);
  worksheet_write_boolean(sheet, 1, 1, 1, nullptr);
  worksheet_write_formula_str(sheet, 1, 2, "=\"кура\"&\"тор\"", nullptr, "куратор");
  worksheet_write_number(sheet, 1, 3, 0.25, nullptr);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  Table table = ReadXlsx(file);
  CHECK(table.header == Cells({"ФИО", "Согласие", "Роль", "Доля"}));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells({"Иванова Анна", "ИСТИНА", "куратор", "0.25"}));
}

TEST_CASE("xlsx reader skips a hidden first sheet", "[import]") {
  TempDir dir;
  fs::path file = dir / "lists.xlsx";
  lxw_workbook* book = workbook_new(file.c_str());
  lxw_worksheet* lists = workbook_add_worksheet(book, "Списки");
  lxw_worksheet* data = workbook_add_worksheet(book, "Данные");
  worksheet_write_string(lists, 0, 0, "куратор", nullptr);
  worksheet_write_string(data, 0, 0, "Роль", nullptr);
  worksheet_write_string(data, 1, 0, "наставник", nullptr);
  worksheet_activate(data);
  worksheet_hide(lists);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  Table table = ReadXlsx(file);
  CHECK(table.header == Cells({"Роль"}));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells({"наставник"}));
}

TEST_CASE("xlsx reader finds the first sheet through the workbook relationships", "[import]") {
  TempDir dir;
  fs::path file = dir / "other-writer.xlsx";
  WriteBytes(file, HandMadePackage(
                       R"(<row r="3"><c r="B3" t="inlineStr"><is><t>Код ОО</t></is></c>)"
                       R"(<c r="C3" t="inlineStr"><is><t>Примечание</t></is></c></row>)"
                       R"(<row><c r="B4"><v>5.0</v></c>)"
                       R"(<c t="inlineStr"><is><t>две_x000D_)"
                       "\n"
                       R"(строки _x005F_x0041_</t></is></c></row>)"
                       R"(<row r="9"><c r="A9" t="e"><v>#N/A</v></c><c r="C9" t="inlineStr"><is>)"
                       R"(<r><t>Ива</t></r><r><t xml:space="preserve"> </t></r><r><t>Нов</t></r>)"
                       R"(</is></c><c r="D9"><v>1.5E-3</v></c></row>)"));
  Table table = ReadTable(file);
  CHECK(table.header == Cells({"", "Код ОО", "Примечание"}));
  CHECK(table.header_line == 3);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].line == 4);
  CHECK(table.rows[0].cells == Cells({"", "5", "две\r\nстроки _x0041_"}));
  CHECK(table.rows[1].line == 9);
  CHECK(table.rows[1].cells == Cells({"#N/A", "", "Ива Нов", "1.5E-3"}));
}

TEST_CASE("xlsx reader reports a file that is not a workbook", "[import]") {
  TempDir dir;
  std::mt19937 random(20240210);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random() & 0xFF);
  WriteBytes(dir / "noise.xlsx", noise);
  CHECK_THROWS_AS(ReadTable(dir / "noise.xlsx"), TableError);
  CHECK_THROWS_WITH(ReadTable(dir / "noise.xlsx"),
                    Catch::Contains("noise.xlsx") && Catch::Contains("не является книгой Excel"));

  StoredZip not_a_book;
  not_a_book.Add("readme.txt", "просто архив");
  WriteBytes(dir / "archive.xlsx", not_a_book.Bytes());
  CHECK_THROWS_WITH(ReadTable(dir / "archive.xlsx"),
                    Catch::Contains("archive.xlsx") && Catch::Contains("xl/workbook.xml"));

  WriteBytes(dir / "broken.xlsx", HandMadePackage("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"));
  CHECK_THROWS_WITH(ReadTable(dir / "broken.xlsx"),
                    Catch::Contains("broken.xlsx") && Catch::Contains("повреждена часть"));

  CHECK_THROWS_WITH(ReadTable(dir / "absent.xlsx"),
                    Catch::Contains("absent.xlsx") && Catch::Contains("не найден"));
}

namespace {

// A package whose workbook part is `size` bytes of blanks, deflated: a few kilobytes on disk.
std::string DeflatedBomb(const std::filesystem::path& path, std::size_t size) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip);
  static std::string part;
  part = "<workbook>" + std::string(size, ' ') + "</workbook>";
  zip_source_t* source = zip_source_buffer(zip, part.data(), part.size(), 0);
  zip_int64_t index = zip_file_add(zip, "xl/workbook.xml", source, ZIP_FL_OVERWRITE);
  REQUIRE(index >= 0);
  zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  REQUIRE(zip_close(zip) == 0);
  return path.string();
}

}  // namespace

TEST_CASE("xlsx reader refuses a part that unpacks far beyond its size before unpacking it",
          "[import]") {
  TempDir dir;
  auto big = DeflatedBomb(dir / "big.xlsx", 100u << 20);
  CHECK(std::filesystem::file_size(big) < 1u << 20);
  CHECK_THROWS_WITH(
      ReadTable(big),
      Catch::Contains("big.xlsx") && Catch::Contains("xl/workbook.xml распаковывается в 100 МБ"));
  auto dense = DeflatedBomb(dir / "dense.xlsx", 8u << 20);
  CHECK_THROWS_WITH(ReadTable(dense),
                    Catch::Contains("dense.xlsx") && Catch::Contains("сохраните книгу заново"));
}
