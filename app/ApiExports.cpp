// GET /api/cases/export.csv and /api/cases/export.xlsx: the whole school list the user may see,
// with the list's filters and no paging, as a download. Both are sent in chunks: the CSV formatted
// piece by piece from the rows read, the XLSX from its temporary file, which is gone from the
// folder before the first byte is sent.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "app/ApiParams.h"
#include "app/ApiRoutes.h"
#include "app/CaseListExport.h"
#include "engine/cases/CaseQueries.h"

namespace shnor::app {
namespace {

constexpr std::size_t kFilePiece = 64 * 1024;

// A new empty file of a unique name in the temporary folder, for libxlsxwriter to fill.
std::filesystem::path NewTemporaryXlsx() {
  std::string name = (std::filesystem::temp_directory_path() / "shnor-export-XXXXXX.xlsx").string();
  int fd = mkstemps(name.data(), 5);
  if (fd < 0) throw std::runtime_error("не удалось создать временный файл " + name);
  close(fd);
  return name;
}

// The open file's bytes piece by piece; a read error cuts the answer off rather than ending it
// as if the file were whole.
BodyStream FileStream(std::shared_ptr<std::ifstream> in) {
  return [in] {
    std::string piece(kFilePiece, '\0');
    in->read(piece.data(), static_cast<std::streamsize>(piece.size()));
    if (in->bad()) throw std::runtime_error("временный файл выгрузки не прочитан");
    piece.resize(static_cast<std::size_t>(in->gcount()));
    return piece;
  };
}

// Opened, then removed: the open stream keeps the bytes until the last piece is sent.
std::shared_ptr<std::ifstream> OpenAndRemove(const std::filesystem::path& file) {
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  std::filesystem::remove(file);
  if (!*in) throw std::runtime_error("временный файл выгрузки не открыт");
  return in;
}

}  // namespace

std::vector<storage::CaseSummary> ApiRoutes::ExportRows(const ApiTarget& t, const Actor& actor) {
  return CaseQueries(ws_, campaign_).List(actor, CaseFilterOf(t, false), Param(t, "q"));
}

HttpResponse ApiRoutes::Download(const std::string& extension, const std::string& content_type) {
  HttpResponse response;
  response.content_type = content_type;
  response.headers.emplace_back(
      "Content-Disposition",
      Attachment(CaseListFileName(campaign_.code, ws_.Today(campaign_), extension)));
  return response;
}

HttpResponse ApiRoutes::CasesCsv(const ApiTarget& t, const Actor& actor) {
  HttpResponse response = Download("csv", "text/csv; charset=utf-8");
  response.stream = CaseListCsv(ExportRows(t, actor));
  return response;
}

HttpResponse ApiRoutes::CasesXlsx(const ApiTarget& t, const Actor& actor) {
  auto rows = ExportRows(t, actor);
  HttpResponse response =
      Download("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto file = NewTemporaryXlsx();
  try {
    WriteCaseListXlsx(rows, file);
  } catch (...) {
    std::filesystem::remove(file);
    throw;
  }
  response.stream = FileStream(OpenAndRemove(file));
  return response;
}

}  // namespace shnor::app
