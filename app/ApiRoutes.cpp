#include "app/ApiRoutes.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <variant>

#include "app/ApiJson.h"
#include "engine/AuditTrail.h"
#include "engine/Text.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Sha256.h"

namespace shnor::app {
namespace {

using nlohmann::json;

// A refusal raised anywhere in a route and answered as JSON by Handle.
struct ApiError {
  int status;
  std::string code;
  std::string message;
};

[[noreturn]] void NotFound(const std::string& message) {
  throw ApiError{404, "not_found", message};
}
[[noreturn]] void Forbidden(const std::string& message) {
  throw ApiError{403, "forbidden", message};
}
[[noreturn]] void BadRequest(const std::string& message) {
  throw ApiError{400, "bad_request", message};
}

HttpResponse JsonOk(const json& body) {
  HttpResponse response;
  response.body = DumpJson(body);
  return response;
}

// A parameter the route does not know is refused, so a misspelt filter does not silently
// return everything.
void OnlyParams(const ApiTarget& target, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : target.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      BadRequest("Неизвестный параметр запроса «" + name + "»");
    }
  }
}

std::string Param(const ApiTarget& target, const std::string& name) {
  auto it = target.query.find(name);
  return it == target.query.end() ? "" : it->second;
}

bool FlagParam(const ApiTarget& target, const std::string& name) {
  std::string value = Param(target, name);
  if (value.empty() || value == "0" || value == "false") return false;
  if (value == "1" || value == "true") return true;
  BadRequest("Параметр «" + name + "»: ожидается 1 или 0, а не «" + value + "»");
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
  return "application/octet-stream";
}

// RFC 6266 with an RFC 5987 UTF-8 name; old clients get the name with "_" per non-ASCII letter.
std::string Attachment(const std::string& name) {
  std::string ascii;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: its letter is one "_"
    ascii += (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncodeAttr(name);
}

std::string StageList(const WorkflowDefinition& definition) {
  std::string ids;
  for (const auto& stage : definition.stages) ids += (ids.empty() ? "" : ", ") + stage.id;
  return ids;
}

}  // namespace

ApiRoutes::ApiRoutes(Workspace& workspace, std::string campaign_code,
                     std::filesystem::path documents_root, AuthOptions auth)
    : ws_(workspace),
      campaign_code_(std::move(campaign_code)),
      documents_root_(std::move(documents_root)),
      auth_(workspace, auth) {}

HttpResponse ApiRoutes::Handle(const HttpRequest& request) {
  try {
    auto target = ParseTarget(request.target);
    if (!target) BadRequest("Адрес запроса закодирован неверно");
    // Read per request: another process (the CLI) may have adopted a new workflow version.
    campaign_ = ws_.Campaign(campaign_code_);
    if (auto answer = auth_.Handle(request, *target)) return *answer;
    auto who = auth_.Authenticate(request);
    if (auto* refused = std::get_if<HttpResponse>(&who)) return *refused;
    scope_ = auth_.accounts().ScopeOf(std::get<Authenticated>(who).user);
    return Route(request, *target);
  } catch (const ApiError& e) {
    return JsonError(e.status, e.code, e.message);
  } catch (const std::exception& e) {
    std::cerr << "ошибка API: " << request.method << " " << request.target << ": " << e.what()
              << "\n";
    return JsonError(500, "internal", "Внутренняя ошибка сервера");
  }
}

HttpResponse ApiRoutes::Route(const HttpRequest& request, const ApiTarget& t) {
  const auto& s = t.segments;
  std::function<HttpResponse()> route;
  if (s.size() == 2 && s[0] == "api") {
    if (s[1] == "campaign") route = [&] { return Campaign(t); };
    if (s[1] == "cases") route = [&] { return Cases(t); };
    if (s[1] == "log") route = [&] { return Log(t); };
  } else if (s.size() == 3 && s[0] == "api") {
    if (s[1] == "cases") route = [&] { return Case(t, s[2]); };
    if (s[1] == "documents") route = [&] { return Document(t, s[2]); };
  }
  if (!route) NotFound("Нет такого адреса");
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse refused = JsonError(405, "method_not_allowed",
                                     "Метод " + request.method + " здесь не разрешён: только GET");
    refused.headers.emplace_back("Allow", "GET, HEAD");
    return refused;
  }
  return route();
}

const WorkflowDefinition& ApiRoutes::Definition() {
  return ws_.workflows().Get(campaign_.workflow_id, campaign_.workflow_version);
}

HttpResponse ApiRoutes::Campaign(const ApiTarget& t) {
  OnlyParams(t, {});
  return JsonOk(CampaignJson(campaign_, Definition(), ws_.Today(campaign_)));
}

storage::CaseFilter ApiRoutes::CaseFilterOf(const ApiTarget& t) {
  OnlyParams(t, {"stage", "municipality", "status", "overdue", "q"});
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

HttpResponse ApiRoutes::Cases(const ApiTarget& t) {
  auto filter = CaseFilterOf(t);
  std::string needle = LowerRu(Trim(Param(t, "q")));
  auto readable = ReadableSchools();
  json rows = json::array();
  for (const auto& row : CaseService(ws_).Summaries(campaign_, filter)) {
    if (readable && !readable->count(row.school_code)) continue;
    bool found = needle.empty() || LowerRu(row.school_name).find(needle) != std::string::npos ||
                 LowerRu(row.school_code).find(needle) != std::string::npos;
    if (found) rows.push_back(CaseRowJson(row));
  }
  return JsonOk({{"today", ws_.Today(campaign_)}, {"total", rows.size()}, {"cases", rows}});
}

storage::Id ApiRoutes::CaseOf(const std::string& school_code) {
  auto school = storage::DirectoryRepository(ws_.db()).FindSchool(campaign_.id, school_code);
  if (!school) NotFound("Школа с кодом «" + school_code + "» не найдена в проекте");
  if (!MayRead(scope_, *school)) Forbidden("Нет доступа к школе «" + school_code + "»");
  auto found = storage::CaseRepository(ws_.db()).LoadBySchool(school->school.id);
  if (!found) NotFound("У школы «" + school_code + "» нет дела в проекте");
  return found->id;
}

void ApiRoutes::CheckCaseReadable(storage::Id case_id) {
  if (scope_.everything) return;
  auto header = storage::CaseRepository(ws_.db()).LoadHeader(case_id);
  auto school = header ? storage::DirectoryRepository(ws_.db()).FindSchoolById(header->school_id)
                       : std::nullopt;
  if (!school || !MayRead(scope_, *school)) {
    Forbidden("Нет доступа к документам этой школы");
  }
}

std::optional<std::set<std::string>> ApiRoutes::ReadableSchools() {
  if (scope_.everything) return std::nullopt;
  std::set<std::string> codes;
  for (const auto& school : storage::DirectoryRepository(ws_.db()).Schools(campaign_.id)) {
    if (MayRead(scope_, school)) codes.insert(school.school.code);
  }
  return codes;
}

std::optional<std::set<storage::Id>> ApiRoutes::ReadableCases() {
  auto codes = ReadableSchools();
  if (!codes) return std::nullopt;
  std::set<storage::Id> cases;
  for (const auto& row : CaseService(ws_).Summaries(campaign_, {})) {
    if (codes->count(row.school_code)) cases.insert(row.case_id);
  }
  return cases;
}

HttpResponse ApiRoutes::Case(const ApiTarget& t, const std::string& code) {
  OnlyParams(t, {});
  CaseService cases(ws_);
  CaseDetails details{cases.View(CaseOf(code)), {}, {}, {}};
  details.people = ContactsOf(ws_, details.view.school);
  details.history = AuditTrail(ws_).Events(campaign_, details.view.record.id);
  storage::DocumentFilter filter;
  filter.campaign_id = campaign_.id;
  filter.case_id = details.view.record.id;
  details.documents = storage::DocumentRegistry(ws_.db()).List(filter);
  return JsonOk(CaseJson(details, Workspace::YearOf(campaign_)));
}

HttpResponse ApiRoutes::Log(const ApiTarget& t) {
  OnlyParams(t, {"school"});
  std::optional<storage::Id> case_id;
  if (std::string school = Param(t, "school"); !school.empty()) case_id = CaseOf(school);
  // Without a school a scoped user sees their schools' events, and the project's own if allowed.
  auto readable = case_id ? std::nullopt : ReadableCases();
  bool project_events = MayReadCampaignWide(scope_);
  json events = json::array();
  for (const auto& event : AuditTrail(ws_).Events(campaign_, case_id)) {
    bool shown =
        !readable || (event.case_id ? readable->count(*event.case_id) > 0 : project_events);
    if (shown) events.push_back(EventJson(event));
  }
  return JsonOk({{"events", events}});
}

HttpResponse ApiRoutes::Document(const ApiTarget& t, const std::string& id_text) {
  OnlyParams(t, {});
  storage::Id id = ParseId(id_text);
  auto document = storage::DocumentRegistry(ws_.db()).Find(id);
  if (!document || document->campaign_id != campaign_.id) {
    NotFound("Документ № " + id_text + " не найден в реестре");
  }
  if (document->case_id) {
    CheckCaseReadable(*document->case_id);
  } else if (!MayReadCampaignWide(scope_)) {
    Forbidden("Нет доступа к документам проекта в целом");
  }
  HttpResponse response;
  response.content_type = ContentTypeOf(document->format);
  response.body = FileOf(*document);
  response.headers.emplace_back(
      "Content-Disposition", Attachment(std::filesystem::path(document->path).filename().string()));
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
    throw std::runtime_error("файл документа № " + id + " не совпадает с контрольной суммой");
  }
  return bytes;
}

}  // namespace shnor::app
