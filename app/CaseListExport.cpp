#include "app/CaseListExport.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "engine/calendar/Date.h"
#include "engine/workflow/StatusNames.h"
#include "output/XlsxTable.h"

namespace shnor::app {
namespace {

// Also the XLSX's column widths, in characters.
const std::vector<output::XlsxColumn> kColumns = {
    {"Код ОО", 12},
    {"Наименование ОО", 60},
    {"Муниципальное образование", 36},
    {"Список", 8},
    {"Этап", 6},
    {"Статус", 18},
    {"Открытых задач", 15},
    {"Просрочено", 12},
};

// About 250 bytes a row: pieces of some 64 KB.
constexpr std::size_t kRowsPerPiece = 256;

std::vector<output::XlsxTableWriter::Cell> CellsOf(const storage::CaseSummary& row) {
  return {row.school_code, row.school_name,  row.municipality,
          row.list,        row.stage_id,     std::string(RussianName(row.status)),
          row.open_tasks,  row.overdue_tasks};
}

// A field that Excel would take for a formula starts with an apostrophe, which Excel shows as
// text; one with the separator, a quote or a line break is quoted.
void AppendCsvField(std::string& out, const std::string& field) {
  bool formula = !field.empty() && std::string("=+-@").find(field[0]) != std::string::npos;
  bool quoted = formula || field.find_first_of(";\"\r\n") != std::string::npos;
  if (!quoted) {
    out += field;
    return;
  }
  out += formula ? "\"'" : "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  out += '"';
}

void AppendCsvLine(std::string& out, const std::vector<output::XlsxTableWriter::Cell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ';';
    if (const auto* text = std::get_if<std::string>(&cells[i])) {
      AppendCsvField(out, *text);
    } else {
      out += std::to_string(std::get<long long>(cells[i]));
    }
  }
  out += "\r\n";
}

std::string CsvHead() {
  std::string head = "\xEF\xBB\xBF";  // the BOM: without it Excel reads the file as Windows-1251
  std::vector<output::XlsxTableWriter::Cell> headers;
  for (const auto& column : kColumns) headers.emplace_back(column.header);
  AppendCsvLine(head, headers);
  return head;
}

}  // namespace

BodyStream CaseListCsv(std::vector<storage::CaseSummary> rows) {
  auto list = std::make_shared<std::vector<storage::CaseSummary>>(std::move(rows));
  auto next = std::make_shared<std::size_t>(0);
  auto head = std::make_shared<bool>(true);
  return [list, next, head]() {
    std::string piece;
    if (std::exchange(*head, false)) piece = CsvHead();
    for (std::size_t end = std::min(list->size(), *next + kRowsPerPiece); *next < end; ++*next) {
      AppendCsvLine(piece, CellsOf((*list)[*next]));
    }
    return piece;
  };
}

void WriteCaseListXlsx(const std::vector<storage::CaseSummary>& rows,
                       const std::filesystem::path& path) {
  output::XlsxTableWriter table(path, "Школы", kColumns);
  for (const auto& row : rows) table.AddRow(CellsOf(row));
  table.Close();
}

std::string CaseListFileName(const std::string& campaign_code, const std::string& today,
                             const std::string& extension) {
  return "Школы " + campaign_code + " на " + IsoToRussianDate(today, today) + "." + extension;
}

}  // namespace shnor::app
