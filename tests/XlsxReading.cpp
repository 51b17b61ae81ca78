#include "tests/XlsxReading.h"

#include <zip.h>

#include <stdexcept>

namespace shnor::test {

std::optional<std::string> ZipEntry(const std::filesystem::path& file, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY, &error);
  if (!archive) throw std::runtime_error("not a zip: " + file.string());
  std::optional<std::string> data;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* entry = zip_fopen(archive, name.c_str(), 0);
    data.emplace(stat.size, '\0');
    const bool read =
        entry && zip_fread(entry, data->data(), stat.size) == static_cast<zip_int64_t>(stat.size);
    if (entry) zip_fclose(entry);
    if (!read) {
      zip_close(archive);
      throw std::runtime_error("cannot read " + name);
    }
  }
  zip_close(archive);
  return data;
}

std::string Xlsx::Text(const std::string& part) const {
  auto data = ZipEntry(file_, part);
  if (!data) throw std::runtime_error("no part " + part);
  return *data;
}

Xml Xlsx::Parse(const std::string& part) const {
  auto doc = std::make_unique<pugi::xml_document>();
  const std::string text = Text(part);
  if (!doc->load_buffer(text.data(), text.size())) throw std::runtime_error("bad XML " + part);
  return doc;
}

std::vector<std::pair<std::string, std::string>> Xlsx::Sheets() const {
  std::vector<std::pair<std::string, std::string>> sheets;
  Xml book = Parse("xl/workbook.xml");
  for (auto node : book->select_nodes("//sheets/sheet")) {
    sheets.emplace_back(node.node().attribute("name").value(),
                        node.node().attribute("state").value());
  }
  return sheets;
}

std::vector<std::string> Xlsx::SheetNames() const {
  std::vector<std::string> names;
  for (const auto& [name, state] : Sheets()) names.push_back(name);
  return names;
}

Xml Xlsx::Sheet(const std::string& name) const {
  Xml book = Parse("xl/workbook.xml");
  const std::string id =
      book->select_node(("//sheet[@name='" + name + "']").c_str()).node().attribute("r:id").value();
  if (id.empty()) throw std::runtime_error("no sheet " + name);
  Xml rels = Parse("xl/_rels/workbook.xml.rels");
  const std::string target = rels->select_node(("//Relationship[@Id='" + id + "']").c_str())
                                 .node()
                                 .attribute("Target")
                                 .value();
  return Parse("xl/" + target);
}

pugi::xml_node Xlsx::Cell(const pugi::xml_document& sheet, const std::string& ref) {
  return sheet.select_node(("//c[@r='" + ref + "']").c_str()).node();
}

std::string Xlsx::CellText(const pugi::xml_document& sheet, const std::string& ref) const {
  pugi::xml_node cell = Cell(sheet, ref);
  const std::string type = cell.attribute("t").value();
  // libxlsxwriter's constant-memory mode writes strings in the cell instead of shared.
  if (type == "inlineStr") return cell.child("is").child("t").text().get();
  if (type != "s") return "";
  if (!strings_) strings_ = Parse("xl/sharedStrings.xml");
  const int index = cell.child("v").text().as_int();
  auto items = strings_->select_nodes("//si");
  return items[static_cast<std::size_t>(index)].node().child("t").text().get();
}

std::string Xlsx::FormatCode(const pugi::xml_node& cell) const {
  Xml styles = Parse("xl/styles.xml");
  const int style = cell.attribute("s").as_int();
  auto xfs = styles->select_nodes("//cellXfs/xf");
  const std::string id = xfs[static_cast<std::size_t>(style)].node().attribute("numFmtId").value();
  return styles->select_node(("//numFmts/numFmt[@numFmtId='" + id + "']").c_str())
      .node()
      .attribute("formatCode")
      .value();
}

}  // namespace shnor::test
