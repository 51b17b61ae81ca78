#pragma once
// The JSON API over one Workspace and campaign, and the web pages beside it (WebAssets): the
// routes, their parameters and the errors, as plain HttpRequest -> HttpResponse, so it is tested
// without sockets too.
//   GET  /api/campaign            the project, its period and stages with their windows
//   GET  /api/dashboard?municipality=   counts by stage and municipality, overdue and this week
//   GET  /api/cases?stage=&municipality=&status=&overdue=1&q=&offset=&limit=   a page of the
//                                 rows of `shnor status` and their total
//   GET  /api/cases/export.csv?…, /api/cases/export.xlsx?…   the whole list with the same filters
//   GET  /api/cases/{school}      one case: tasks, people, history, documents, allowed actions
//   GET  /api/cases/{school}/package?stage=S   the ZIP of the school's documents of a stage
//   GET  /api/documents/{id}      a registered file, found by its registry id only
//   GET  /api/log?school=&offset=&limit=          a page of the audit log
//   GET  /api/outbox?status=&day=&offset=&limit=  a page of the reminder letters
//   POST /api/cases/{school}/{advance|return|withdraw|reinstate|complete}
//   POST /api/cases/{school}/tasks/{task}/{submit|approve|return|extend}
//   POST /api/stages/{stage}/advance   every school of a stage, each on its own
//   POST /api/interview-schedule  the schedule of the curators' interviews (PDF and XLSX)
// Every route needs a signed-in user (see ApiAuth for /api/login, /api/logout, /api/me) and
// answers within the user's scope: a school outside it is 403. Commands carry the user as the
// audit log's actor and go through the same state machine and texts as the CLI.
// Errors: {"error": {"code": "...", "message": "<Russian>"}} with 400, 401, 403, 404, 405, 409
// (the case changed since the page was loaded), 422 (the state machine refused) or 500.
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "app/ApiAuth.h"
#include "app/ApiTarget.h"
#include "app/HttpServer.h"
#include "app/JsonWriter.h"
#include "engine/cases/CaseService.h"
#include "engine/documents/DocumentService.h"
#include "engine/workspace/JobBoard.h"
#include "engine/workspace/Workspace.h"
#include "storage/CaseRepository.h"
#include "storage/DocumentRegistry.h"

namespace shnor::app {

class ApiRoutes {
 public:
  // REQUIRES: `workspace` outlives this object and is used on one thread only.
  // `campaign_code` as Workspace::Campaign takes it ("" for the only one).
  // Long work runs on `jobs`, shared by the server's workers; without it, on a board of its own.
  ApiRoutes(Workspace& workspace, std::string campaign_code, std::filesystem::path documents_root,
            AuthOptions auth = {}, JobBoard* jobs = nullptr);

  // Never throws: an unexpected error is logged to stderr and answered with a generic 500.
  HttpResponse Handle(const HttpRequest& request);

 private:
  // The handlers get the request's actor: the user with their role and scope.
  HttpResponse Route(const HttpRequest& request, const ApiTarget& target, const Actor& actor);
  using Handler = std::function<HttpResponse()>;
  Handler ReadRoute(const ApiTarget& target, const Actor& actor);
  Handler CommandRoute(const HttpRequest& request, const ApiTarget& target, const Actor& actor);
  HttpResponse Campaign(const ApiTarget& target);
  HttpResponse Dashboard(const ApiTarget& target, const Actor& actor);
  HttpResponse Cases(const ApiTarget& target, const Actor& actor);
  HttpResponse Case(const ApiTarget& target, const std::string& code, const Actor& actor);
  // The whole list as a download (ApiExports.cpp).
  HttpResponse CasesCsv(const ApiTarget& target, const Actor& actor);
  HttpResponse CasesXlsx(const ApiTarget& target, const Actor& actor);
  std::vector<storage::CaseSummary> ExportRows(const ApiTarget& target, const Actor& actor);
  HttpResponse Download(const std::string& extension, const std::string& content_type);
  HttpResponse Document(const ApiTarget& target, const std::string& id, const Actor& actor);
  HttpResponse Log(const ApiTarget& target, const Actor& actor);
  HttpResponse Package(const ApiTarget& target, const std::string& code, const Actor& actor);
  HttpResponse Outbox(const ApiTarget& target, const Actor& actor);
  HttpResponse ProjectDocumentList(const ApiTarget& target, const Actor& actor);
  HttpResponse MakeProjectDocument(const HttpRequest& request, const Actor& actor);
  HttpResponse Job(const ApiTarget& target, const std::string& id, const Actor& actor);
  // Commands (ApiCommandRoutes.cpp).
  HttpResponse CaseCommand(const HttpRequest& request, const std::string& code, CommandKind kind,
                           const Actor& actor);
  HttpResponse TaskCommand(const HttpRequest& request, const std::string& code,
                           const std::string& task, CommandKind kind, const Actor& actor);
  HttpResponse StageAdvance(const HttpRequest& request, const std::string& stage,
                            const Actor& actor);
  HttpResponse InterviewSchedule(const HttpRequest& request, const Actor& actor);
  HttpResponse Executed(const std::string& code, const Command& command, const Actor& actor);
  storage::CaseFilter CaseFilterOf(const ApiTarget& target, bool paged);
  const WorkflowDefinition& Definition();
  std::string FileOf(const storage::DocumentRecord& document);

  Workspace& ws_;
  std::string campaign_code_;
  storage::CampaignRecord campaign_;  // read again whenever the database file has changed
  std::optional<storage::Database::ChangeStamp> campaign_stamp_;
  std::filesystem::path documents_root_;
  DocumentService documents_;
  ApiAuth auth_;
  std::unique_ptr<JobBoard> own_jobs_;
  JobBoard* jobs_;
};

}  // namespace shnor::app
