#include "app/ApiRoutes.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <variant>

#include "app/ApiErrors.h"
#include "app/ApiJson.h"
#include "app/ApiParams.h"
#include "app/DataPaths.h"
#include "app/WebAssets.h"
#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/calendar/Date.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/ProjectDocuments.h"
#include "engine/documents/DocumentPackages.h"
#include "engine/reminders/LetterStatusNames.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Sha256.h"

namespace shnor::app {
namespace {

HttpResponse JsonOk(JsonWriter&& body) {
  HttpResponse response;
  response.body = std::move(body).Take();
  return response;
}

storage::Id ParseId(const std::string& text) {
  bool digits = !text.empty() && text.size() <= 18 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) BadRequest("Номер документа — целое число, а не «" + text + "»");
  return std::stoll(text);
}

const char* ContentTypeOf(const std::string& format) {
  if (format == "pdf") return "application/pdf";
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (format == "docx") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "application/octet-stream";
}

std::string StageList(const WorkflowDefinition& definition) {
  std::string ids;
  for (const auto& stage : definition.stages) ids += (ids.empty() ? "" : ", ") + stage.id;
  return ids;
}

}  // namespace

ApiRoutes::ApiRoutes(Workspace& workspace, std::string campaign_code,
                     std::filesystem::path documents_root, AuthOptions auth, JobBoard* jobs)
    : ws_(workspace),
      campaign_code_(std::move(campaign_code)),
      documents_root_(std::move(documents_root)),
      documents_(workspace, TemplateDir(), documents_root_),
      auth_(workspace, auth),
      own_jobs_(jobs ? nullptr : std::make_unique<JobBoard>(workspace)),
      jobs_(jobs ? jobs : own_jobs_.get()) {}

HttpResponse ApiRoutes::Handle(const HttpRequest& request) {
  try {
    auto target = ParseTarget(request.target);
    if (!target) BadRequest("Адрес запроса закодирован неверно");
    if (target->segments.empty() || target->segments[0] != "api") return ServeAsset(request);
    // Read again when the file changed: another process (the CLI) may have adopted a new
    // workflow version.
    auto stamp = ws_.db().Stamp();
    if (!stamp || stamp != campaign_stamp_) {
      campaign_ = ws_.Campaign(campaign_code_);
      campaign_stamp_ = stamp;
    }
    if (auto answer = auth_.Handle(request, *target)) return *answer;
    auto who = auth_.Authenticate(request);
    if (auto* refused = std::get_if<HttpResponse>(&who)) return *refused;
    Actor actor = auth_.accounts().ActorOf(std::get<Authenticated>(who).user);
    return Route(request, *target, actor);
  } catch (const ApiError& e) {
    return JsonError(e.status, e.code, e.message);
  } catch (const AccessDenied& e) {
    return JsonError(403, "forbidden", e.what());
  } catch (const shnor::NotFound& e) {
    return JsonError(404, "not_found", e.what());
  } catch (const InputError& e) {
    // Well-formed, but the engine cannot do it (e.g. the days cannot hold the interviews).
    return JsonError(422, "refused", e.what());
  } catch (const storage::DatabaseBusy& e) {
    // Waited for kBusyWaitSeconds already: the client may try again; nothing changed.
    HttpResponse busy = JsonError(503, "busy", e.what());
    busy.headers.emplace_back("Retry-After", "10");
    return busy;
  } catch (const DocumentError& e) {
    // The transition was undone; the curator should know which document failed and why.
    std::cerr << "ошибка документа: " << request.method << " " << request.target << ": " << e.what()
              << "\n";
    return JsonError(500, "document_failed", e.what());
  } catch (const std::exception& e) {
    std::cerr << "ошибка API: " << request.method << " " << request.target << ": " << e.what()
              << "\n";
    return JsonError(500, "internal", "Внутренняя ошибка сервера");
  }
}

HttpResponse ApiRoutes::Route(const HttpRequest& request, const ApiTarget& t, const Actor& actor) {
  Handler read = ReadRoute(t, actor);
  Handler command = CommandRoute(request, t, actor);
  if (!read && !command) NotFound("Нет такого адреса");
  bool reading = request.method == "GET" || request.method == "HEAD";
  if (reading && read) {
    storage::Database::ReadSnapshot snapshot(ws_.db());
    HttpResponse answer = read();
    snapshot.End();
    return answer;
  }
  if (request.method == "POST" && command) return command();
  std::string allowed = read ? "GET, HEAD" : "POST";
  HttpResponse refused =
      JsonError(405, "method_not_allowed",
                "Метод " + request.method + " здесь не разрешён: только " + allowed);
  refused.headers.emplace_back("Allow", allowed);
  return refused;
}

ApiRoutes::Handler ApiRoutes::ReadRoute(const ApiTarget& t, const Actor& a) {
  const auto& s = t.segments;
  if (s.size() == 2) {
    if (s[1] == "campaign") return [&] { return Campaign(t); };
    if (s[1] == "dashboard") return [&] { return Dashboard(t, a); };
    if (s[1] == "cases") return [&] { return Cases(t, a); };
    if (s[1] == "log") return [&] { return Log(t, a); };
    if (s[1] == "outbox") return [&] { return Outbox(t, a); };
    if (s[1] == "documents") return [&] { return ProjectDocumentList(t, a); };
  } else if (s.size() == 3) {
    // Taken before a school's code: a school coded «export.csv» has no page here (README).
    if (s[1] == "cases" && s[2] == "export.csv") return [&] { return CasesCsv(t, a); };
    if (s[1] == "cases" && s[2] == "export.xlsx") return [&] { return CasesXlsx(t, a); };
    if (s[1] == "cases") return [&] { return Case(t, s[2], a); };
    if (s[1] == "documents") return [&] { return Document(t, s[2], a); };
    if (s[1] == "jobs") return [&] { return Job(t, s[2], a); };
  } else if (s.size() == 4 && s[1] == "cases" && s[3] == "package") {
    return [&] { return Package(t, s[2], a); };
  }
  return {};
}

const WorkflowDefinition& ApiRoutes::Definition() {
  return ws_.workflows().Get(campaign_.workflow_id, campaign_.workflow_version);
}

HttpResponse ApiRoutes::Campaign(const ApiTarget& t) {
  OnlyParams(t, {});
  JsonWriter out;
  WriteCampaign(out, campaign_, Definition(), ws_.Today(campaign_));
  return JsonOk(std::move(out));
}

// The filters of the school list; the paged list takes offset= and limit= too, the export not.
storage::CaseFilter ApiRoutes::CaseFilterOf(const ApiTarget& t, bool paged) {
  if (paged) {
    OnlyParams(t, {"stage", "municipality", "status", "overdue", "q", "offset", "limit"});
  } else {
    OnlyParams(t, {"stage", "municipality", "status", "overdue", "q"});
  }
  storage::CaseFilter filter;
  filter.stage_id = Param(t, "stage");
  if (!filter.stage_id.empty() && !Definition().FindStage(filter.stage_id)) {
    BadRequest("Нет этапа «" + filter.stage_id + "»: есть " + StageList(Definition()));
  }
  filter.municipality = Param(t, "municipality");
  if (std::string status = Param(t, "status"); !status.empty()) {
    filter.status = storage::ParseCaseStatus(status);
    if (!filter.status) {
      BadRequest("Статус «" + status + "»: ожидается active, withdrawn или completed");
    }
  }
  filter.overdue_only = FlagParam(t, "overdue");
  return filter;
}

HttpResponse ApiRoutes::Cases(const ApiTarget& t, const Actor& actor) {
  auto filter = CaseFilterOf(t, true);
  auto page = CaseQueries(ws_, campaign_).ListPage(actor, filter, Param(t, "q"), PageParams(t));
  JsonWriter out(page.rows.size() * 300 + 128);  // about 280 bytes a row
  out.BeginObject();
  out.Field("today", ws_.Today(campaign_));
  WritePageBounds(out, page);
  out.Key("cases");
  out.BeginArray();
  for (const auto& row : page.rows) WriteCaseRow(out, row);
  out.EndArray();
  out.EndObject();
  return JsonOk(std::move(out));
}

HttpResponse ApiRoutes::Case(const ApiTarget& t, const std::string& code, const Actor& actor) {
  OnlyParams(t, {});
  JsonWriter out(8192);
  WriteCase(out, CaseQueries(ws_, campaign_).Details(actor, code), Workspace::YearOf(campaign_));
  return JsonOk(std::move(out));
}

HttpResponse ApiRoutes::Log(const ApiTarget& t, const Actor& actor) {
  OnlyParams(t, {"school", "offset", "limit"});
  auto page = CaseQueries(ws_, campaign_).LogPage(actor, Param(t, "school"), PageParams(t));
  JsonWriter out;
  out.BeginObject();
  WritePageBounds(out, page);
  out.Key("events");
  out.BeginArray();
  for (const auto& event : page.rows) WriteEvent(out, event);
  out.EndArray();
  out.EndObject();
  return JsonOk(std::move(out));
}

HttpResponse ApiRoutes::Document(const ApiTarget& t, const std::string& id_text,
                                 const Actor& actor) {
  OnlyParams(t, {});
  auto document = CaseQueries(ws_, campaign_).Document(actor, ParseId(id_text));
  HttpResponse response;
  response.content_type = ContentTypeOf(document.format);
  response.body = FileOf(document);
  response.headers.emplace_back(
      "Content-Disposition", Attachment(std::filesystem::path(document.path).filename().string()));
  return response;
}

// The registry's own path, never one from the request; checked anyway to stay under the root,
// and against the registry's checksum, so a file changed on disk is not handed out as issued.
std::string ApiRoutes::FileOf(const storage::DocumentRecord& document) {
  std::filesystem::path relative(document.path);
  bool inside =
      !relative.empty() && relative.is_relative() &&
      std::none_of(relative.begin(), relative.end(), [](const auto& part) { return part == ".."; });
  std::string id = std::to_string(document.id);
  if (!inside) throw std::runtime_error("путь документа № " + id + " вне папки документов");
  std::ifstream in(documents_root_ / relative, std::ios::binary);
  if (!in) NotFound("Файла документа № " + id + " нет в папке документов");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (storage::Sha256Hex(bytes) != document.sha256) {
    throw ApiError{409, "document_altered",
                   "Файл документа № " + id +
                       " изменён после выпуска: его контрольная сумма не совпадает с реестром. "
                       "Администратор составит его заново командой shnor fsck --repair."};
  }
  return bytes;
}

// Made afresh from the registry's latest versions, so it always matches what the page lists, and
// in memory: a read leaves the documents folder as it was, and two readers share nothing.
HttpResponse ApiRoutes::Package(const ApiTarget& t, const std::string& code, const Actor& actor) {
  OnlyParams(t, {"stage"});
  CaseQueries(ws_, campaign_).ReadableCase(actor, code);
  std::string stage = Param(t, "stage");
  if (!Definition().FindStage(stage)) {
    BadRequest("Укажите этап: stage=" + StageList(Definition()));
  }
  PackageBytes package;
  try {
    package = DocumentPackages(ws_, documents_root_).SchoolBytes(campaign_, code, stage);
  } catch (const InputError& e) {
    NotFound(e.what());
  } catch (const DocumentError& e) {
    // A file missing or changed since it was issued: the folder disagrees with the registry.
    throw ApiError{409, "document_altered", e.what()};
  }
  HttpResponse response;
  response.content_type = "application/zip";
  response.body = std::move(package.bytes);
  response.headers.emplace_back("Content-Disposition", Attachment(package.name));
  return response;
}

// The project's documents page: each campaign-wide kind with every version, and a page of the
// interview protocols of the viewer's schools.
HttpResponse ApiRoutes::ProjectDocumentList(const ApiTarget& t, const Actor& actor) {
  OnlyParams(t, {"school", "offset", "limit"});
  ProjectDocuments project(ws_, campaign_);
  auto kinds = project.Kinds(actor);
  auto protocols = project.Protocols(actor, Param(t, "school"), PageParams(t));
  JsonWriter out;
  out.BeginObject();
  out.Key("kinds");
  out.BeginArray();
  for (const auto& kind : kinds) {
    out.BeginObject();
    out.Field("kind", kind.template_id);
    out.Field("may_make", kind.may_make);
    out.Key("documents");
    WriteDocuments(out, kind.documents);
    out.EndObject();
  }
  out.EndArray();
  out.Key("protocols");
  out.BeginObject();
  WritePageBounds(out, protocols);
  out.Key("rows");
  out.BeginArray();
  for (const auto& row : protocols.rows) {
    out.BeginObject();
    out.Field("school", row.school_code);
    out.Field("school_name", row.school_name);
    out.Key("files");
    WriteDocuments(out, row.files);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  out.EndObject();
  return JsonOk(std::move(out));
}

// The letters name people and their schools: for those who run the project and the observer.
HttpResponse ApiRoutes::Outbox(const ApiTarget& t, const Actor& actor) {
  OnlyParams(t, {"status", "day", "offset", "limit"});
  std::optional<storage::LetterStatus> status;
  if (std::string text = Param(t, "status"); !text.empty()) {
    status = storage::ParseLetterStatus(text);
    if (!status) {
      BadRequest("Статус письма «" + text + "»: ожидается planned, sending, sent или failed");
    }
  }
  std::string day = Param(t, "day");
  if (!day.empty() && !ParseIsoDate(day)) BadRequest("День «" + day + "»: ожидается ГГГГ-ММ-ДД");
  auto [counts, page] = CaseQueries(ws_, campaign_).Letters(actor, status, day, PageParams(t));
  JsonWriter out;
  out.BeginObject();
  out.Key("counts");
  out.BeginObject();
  out.Field("planned", counts.planned);
  out.Field("sending", counts.sending);
  out.Field("sent", counts.sent);
  out.Field("failed", counts.failed);
  out.EndObject();
  WritePageBounds(out, page);
  out.Key("letters");
  out.BeginArray();
  TimePoint now = ws_.clock().Now();
  for (const auto& letter : page.rows) {
    WriteLetter(out, letter, LetterRemark(letter, now, campaign_.utc_offset_minutes));
  }
  out.EndArray();
  out.EndObject();
  return JsonOk(std::move(out));
}

}  // namespace shnor::app
