#pragma once
// The read-only JSON API over one Workspace and campaign: the routes, their query parameters and
// the errors, as plain HttpRequest -> HttpResponse, so it is tested without sockets too.
//   GET /api/campaign            the project, its period and stages with their windows
//   GET /api/cases?stage=&municipality=&status=&overdue=1&q=   the rows of `shnor status`
//   GET /api/cases/{school}      one case: tasks, people, history, documents
//   GET /api/documents/{id}      a registered file, found by its registry id only
//   GET /api/log?school=         the audit log
// Every route needs a signed-in user (see ApiAuth for /api/login, /api/logout, /api/me) and
// answers within the user's scope: a school outside it is 403.
// Errors: {"error": {"code": "...", "message": "<Russian>"}} with 400, 401, 403, 404, 405 or 500.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "app/ApiAuth.h"
#include "app/ApiTarget.h"
#include "app/HttpServer.h"
#include "engine/Workspace.h"
#include "storage/CaseRepository.h"
#include "storage/DocumentRegistry.h"

namespace shnor::app {

class ApiRoutes {
 public:
  // REQUIRES: `workspace` outlives this object and is used on one thread only.
  // `campaign_code` as Workspace::Campaign takes it ("" for the only one).
  ApiRoutes(Workspace& workspace, std::string campaign_code, std::filesystem::path documents_root,
            AuthOptions auth = {});

  // Never throws: an unexpected error is logged to stderr and answered with a generic 500.
  HttpResponse Handle(const HttpRequest& request);

 private:
  HttpResponse Route(const HttpRequest& request, const ApiTarget& target);
  HttpResponse Campaign(const ApiTarget& target);
  HttpResponse Cases(const ApiTarget& target);
  HttpResponse Case(const ApiTarget& target, const std::string& code);
  HttpResponse Document(const ApiTarget& target, const std::string& id);
  HttpResponse Log(const ApiTarget& target);
  // The case of a school the user may read; 404 when unknown, 403 outside the scope.
  storage::Id CaseOf(const std::string& school_code);
  void CheckCaseReadable(storage::Id case_id);
  // The schools (codes) and cases the user may read; nullopt when that is all of them.
  std::optional<std::set<std::string>> ReadableSchools();
  std::optional<std::set<storage::Id>> ReadableCases();
  storage::CaseFilter CaseFilterOf(const ApiTarget& target);
  const WorkflowDefinition& Definition();
  std::string FileOf(const storage::DocumentRecord& document);

  Workspace& ws_;
  std::string campaign_code_;
  storage::CampaignRecord campaign_;  // read again for each request
  std::filesystem::path documents_root_;
  ApiAuth auth_;
  UserScope scope_;  // the requesting user's, set for each request
};

}  // namespace shnor::app
