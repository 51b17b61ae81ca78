#pragma once
// Reading a written XLSX back for tests: its zip parts with libzip, its XML with pugixml, sheets
// found through the workbook's relationships, text cells through the shared strings.
#include <pugixml.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shnor::test {

// The part `name` of the zip `file`, nullopt when it has none. Throws when the file is not a zip
// or the part cannot be read.
std::optional<std::string> ZipEntry(const std::filesystem::path& file, const std::string& name);

using Xml = std::unique_ptr<pugi::xml_document>;

class Xlsx {
 public:
  explicit Xlsx(std::filesystem::path file) : file_(std::move(file)) {}

  bool Has(const std::string& part) const { return ZipEntry(file_, part).has_value(); }
  // Throws when the part is missing.
  std::string Text(const std::string& part) const;
  Xml Parse(const std::string& part) const;

  // {name, state} of each sheet in workbook order; state is "" when visible.
  std::vector<std::pair<std::string, std::string>> Sheets() const;
  std::vector<std::string> SheetNames() const;
  // The sheet's XML, found through the workbook's relationships.
  Xml Sheet(const std::string& name) const;

  static pugi::xml_node Cell(const pugi::xml_document& sheet, const std::string& ref);
  // A text cell's string, shared or inline; "" for numbers and blanks.
  std::string CellText(const pugi::xml_document& sheet, const std::string& ref) const;
  // The number format code of a cell's style ("" for a built-in format).
  std::string FormatCode(const pugi::xml_node& cell) const;

 private:
  std::filesystem::path file_;
  mutable Xml strings_;  // parsed on the first text cell
};

}  // namespace shnor::test
