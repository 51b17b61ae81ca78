#include "app/import/XlsxReader.h"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <pugixml.hpp>

namespace shnor::import {
namespace {

using Archive = std::unique_ptr<zip_t, decltype(&zip_discard)>;

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& path)
      : source_(path.string()), archive_(Open(path)) {}

  // The part's XML; `required` parts that are missing are a TableError.
  bool Load(const std::string& name, pugi::xml_document& doc, bool required) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.get(), name.c_str(), 0, &stat) != 0) {
      if (required) Fail("в книге нет части " + name);
      return false;
    }
    std::string bytes(stat.size, '\0');
    zip_file_t* file = zip_fopen(archive_.get(), name.c_str(), 0);
    if (!file) Fail("не удалось прочитать " + name);
    zip_int64_t read = zip_fread(file, bytes.data(), bytes.size());
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(bytes.size()) || !doc.load_buffer(bytes.data(), bytes.size())) {
      Fail("повреждена часть " + name);
    }
    return true;
  }

  [[noreturn]] void Fail(const std::string& reason) const {
    throw TableError(source_ + ": " + reason);
  }

  const std::string& source() const { return source_; }

 private:
  Archive Open(const std::filesystem::path& path) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!archive) {
      throw TableError(source_ + ": файл не является книгой Excel (.xlsx) или повреждён");
    }
    return Archive(archive, &zip_discard);
  }

  std::string source_;
  Archive archive_;
};

std::string FirstSheetPart(const Workbook& book) {
  pugi::xml_document workbook, rels;
  book.Load("xl/workbook.xml", workbook, true);
  book.Load("xl/_rels/workbook.xml.rels", rels, true);
  pugi::xml_node sheet = workbook.child("workbook").child("sheets").child("sheet");
  if (!sheet) book.Fail("в книге нет ни одного листа");
  std::string rid = sheet.attribute("r:id").value();
  for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
    if (rid != rel.attribute("Id").value()) continue;
    std::string target = rel.attribute("Target").value();
    return target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
  }
  book.Fail("не найден первый лист книги");
}

std::string TextOf(pugi::xml_node node) {
  // <si><t> directly, or rich-text runs <r><t>; phonetic runs <rPh> are not part of the text.
  std::string text;
  for (pugi::xpath_node t : node.select_nodes("./t | ./r/t")) {
    text += t.node().text().get();
  }
  return text;
}

std::vector<std::string> SharedStrings(const Workbook& book) {
  pugi::xml_document doc;
  std::vector<std::string> strings;
  if (!book.Load("xl/sharedStrings.xml", doc, false)) return strings;
  for (pugi::xml_node si : doc.child("sst").children("si")) strings.push_back(TextOf(si));
  return strings;
}

int ColumnIndex(const std::string& ref) {
  int column = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
  }
  return column - 1;
}

std::string Number(const std::string& value) {
  // Excel stores 5 as "5" but also writes "5.0" or "1.2E1" at times; print whole numbers plainly.
  try {
    std::size_t used = 0;
    double number = std::stod(value, &used);
    if (used == value.size() && number == static_cast<long long>(number) && number < 1e15 &&
        number > -1e15) {
      return std::to_string(static_cast<long long>(number));
    }
  } catch (const std::exception&) {
  }
  return value;
}

std::string CellValue(pugi::xml_node cell, const std::vector<std::string>& shared) {
  std::string type = cell.attribute("t").value();
  std::string value = cell.child_value("v");
  if (type == "s") {
    std::size_t index = std::strtoul(value.c_str(), nullptr, 10);
    return index < shared.size() ? shared[index] : "";
  }
  if (type == "inlineStr") return TextOf(cell.child("is"));
  if (type == "b") return value == "1" ? "ИСТИНА" : "ЛОЖЬ";
  if (type == "str" || type == "e") return value;
  return Number(value);
}

}  // namespace

Table ReadXlsx(const std::filesystem::path& path) {
  Workbook book(path);
  std::vector<std::string> shared = SharedStrings(book);
  pugi::xml_document sheet;
  book.Load(FirstSheetPart(book), sheet, true);
  std::vector<TableRow> rows;
  for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
    TableRow out;
    out.line = row.attribute("r").as_int(static_cast<int>(rows.size()) + 1);
    for (pugi::xml_node cell : row.children("c")) {
      int column = ColumnIndex(cell.attribute("r").value());
      if (column < 0) column = static_cast<int>(out.cells.size());
      if (static_cast<int>(out.cells.size()) <= column) out.cells.resize(column + 1);
      out.cells[column] = CellValue(cell, shared);
    }
    rows.push_back(std::move(out));
  }
  Table table = MakeTable(book.source(), std::move(rows));
  for (TableRow& row : table.rows) row.cells.resize(std::max(row.cells.size(), table.header.size()));
  return table;
}

}  // namespace shnor::import
