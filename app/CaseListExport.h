#pragma once
// The school list as a file for the office: the list's columns under Russian headers, as CSV in
// UTF-8 with a BOM and «;» between fields (what Excel opens as a table in a Russian locale) or as
// XLSX. The rows are the engine's list for the viewer; this only formats them.
#include <filesystem>
#include <string>
#include <vector>

#include "app/HttpServer.h"
#include "storage/CaseRepository.h"

namespace shnor::app {

// The CSV made piece by piece while it is sent: the BOM and the header first, then some hundred
// rows a piece (CRLF line ends, fields quoted when they hold «;», quotes or line breaks).
BodyStream CaseListCsv(std::vector<storage::CaseSummary> rows);

// The XLSX of the rows at `path`. Throws output::XlsxError when it cannot be written.
void WriteCaseListXlsx(const std::vector<storage::CaseSummary>& rows,
                       const std::filesystem::path& path);

// «Школы tyumen-2024 на 10.02.2024.csv» for `extension` "csv".
std::string CaseListFileName(const std::string& campaign_code, const std::string& today,
                             const std::string& extension);

}  // namespace shnor::app
