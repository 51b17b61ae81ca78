#include "app/ImportColumns.h"

#include <map>
#include <optional>
#include <string>

#include "engine/base/Text.h"

namespace shnor::app {
namespace {

// Header text folded for comparison: lower case, ё as е, no spaces around.
std::string Fold(const std::string& header) {
  std::string text = LowerRu(Trim(header));
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "ё") == 0) {
      out += "е";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct Column {
  const char* name;  // as the report names it
  std::vector<const char*> variants;
  bool required;
};

class ColumnMap {
 public:
  ColumnMap(const import::Table& table, const std::vector<Column>& columns) : table_(table) {
    std::string missing;
    for (const Column& column : columns) {
      auto index = Find(column);
      if (index) {
        index_[column.name] = *index;
      } else if (column.required) {
        missing += std::string(missing.empty() ? "" : ", ") + "«" + column.name + "»";
      }
    }
    if (!missing.empty()) {
      throw import::TableError(table.source + ", строка " + std::to_string(table.header_line) +
                               ": нет обязательных столбцов " + missing);
    }
  }

  std::string Cell(const import::TableRow& row, const char* column) const {
    auto it = index_.find(column);
    if (it == index_.end() || it->second >= row.cells.size()) return "";
    return Trim(row.cells[it->second]);
  }

 private:
  std::optional<std::size_t> Find(const Column& column) const {
    for (std::size_t i = 0; i < table_.header.size(); ++i) {
      std::string folded = Fold(table_.header[i]);
      for (const char* variant : column.variants) {
        if (folded == Fold(variant)) return i;
      }
    }
    return std::nullopt;
  }

  const import::Table& table_;
  std::map<std::string, std::size_t> index_;
};

const std::vector<Column>& SchoolColumns() {
  static const std::vector<Column> columns{
      {"Код ОО", {"код оо", "код", "код школы"}, true},
      {"Наименование ОО",
       {"наименование оо", "наименование", "название", "школа", "образовательная организация"},
       true},
      {"Муниципальное образование",
       {"муниципальное образование", "муниципалитет", "мо", "муниципальный район"},
       true},
      {"Список", {"список", "уровень"}, true},
      {"Школа-партнёр", {"школа-партнер", "школа партнер", "партнер"}, false},
  };
  return columns;
}

const std::vector<Column>& PersonColumns() {
  static const std::vector<Column> columns{
      {"ФИО", {"фио", "фамилия имя отчество"}, true},
      {"Роль", {"роль", "должность в проекте"}, true},
      {"Муниципальное образование",
       {"муниципальное образование", "муниципалитет", "мо", "муниципальные образования"},
       false},
      {"Код ОО", {"код оо", "код школы"}, false},
      {"Электронная почта", {"электронная почта", "e-mail", "email", "эл. почта", "почта"}, true},
      {"Телефон", {"телефон", "тел."}, false},
  };
  return columns;
}

}  // namespace

std::vector<SchoolRow> SchoolRowsFrom(const import::Table& table) {
  ColumnMap map(table, SchoolColumns());
  std::vector<SchoolRow> rows;
  for (const auto& row : table.rows) {
    rows.push_back({row.line, map.Cell(row, "Код ОО"), map.Cell(row, "Наименование ОО"),
                    map.Cell(row, "Муниципальное образование"), map.Cell(row, "Список"),
                    map.Cell(row, "Школа-партнёр")});
  }
  return rows;
}

std::vector<PersonRow> PersonRowsFrom(const import::Table& table) {
  ColumnMap map(table, PersonColumns());
  std::vector<PersonRow> rows;
  for (const auto& row : table.rows) {
    rows.push_back({row.line, map.Cell(row, "ФИО"), map.Cell(row, "Роль"),
                    map.Cell(row, "Муниципальное образование"), map.Cell(row, "Код ОО"),
                    map.Cell(row, "Электронная почта"), map.Cell(row, "Телефон")});
  }
  return rows;
}

}  // namespace shnor::app
