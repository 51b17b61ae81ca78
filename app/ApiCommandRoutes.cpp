// The API's commands: the same Command, state machine, guards and refusal texts as the CLI, with
// the signed-in user as the audit log's actor. A stale version is 409 (reload and look again), a
// command the user's role may not give 403, any other refusal 422 (its reasons are the message);
// none of them changes anything.
#include "app/ApiErrors.h"
#include "app/ApiJson.h"
#include "app/ApiParams.h"
#include "app/ApiRoutes.h"
#include "app/DataPaths.h"

#include "app/InterviewScheduleInput.h"
#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/ProjectDocuments.h"
#include "storage/DirectoryRepository.h"

namespace shnor::app {
namespace {

using nlohmann::json;

HttpResponse JsonOk(JsonWriter&& body) {
  HttpResponse response;
  response.body = std::move(body).Take();
  return response;
}

std::optional<CommandKind> CaseCommandOf(const std::string& name) {
  if (name == "advance") return CommandKind::Advance;
  if (name == "return") return CommandKind::Return;
  if (name == "withdraw") return CommandKind::Withdraw;
  if (name == "reinstate") return CommandKind::Reinstate;
  if (name == "complete") return CommandKind::Complete;
  return std::nullopt;
}

std::optional<CommandKind> TaskCommandOf(const std::string& name) {
  if (name == "submit") return CommandKind::TaskSubmit;
  if (name == "approve") return CommandKind::TaskApprove;
  if (name == "return") return CommandKind::TaskReturn;
  if (name == "extend") return CommandKind::TaskExtend;
  return std::nullopt;
}

// The days of the interview schedule: a JSON array of ISO date strings.
std::vector<std::string> DaysOf(const JsonBody& body) {
  const json& days = body.Field("days");
  std::vector<std::string> list;
  if (days.is_null()) return list;
  if (!days.is_array()) BadRequest("Поле «days»: ожидается список дат [\"ГГГГ-ММ-ДД\", …]");
  for (const json& day : days) {
    if (!day.is_string()) BadRequest("Поле «days»: каждая дата — строка \"ГГГГ-ММ-ДД\"");
    list.push_back(day.get<std::string>());
  }
  return list;
}

}  // namespace

ApiRoutes::Handler ApiRoutes::CommandRoute(const HttpRequest& request, const ApiTarget& t,
                                           const Actor& a) {
  const auto& s = t.segments;
  if (s.size() == 2 && s[1] == "documents") {
    return [&] { return MakeProjectDocument(request, a); };
  }
  if (s.size() == 2 && s[1] == "interview-schedule") {
    return [&] { return InterviewSchedule(request, a); };
  }
  if (s.size() == 4 && s[1] == "stages" && s[3] == "advance") {
    return [&] { return StageAdvance(request, s[2], a); };
  }
  if (s.size() == 4 && s[1] == "cases") {
    if (auto kind = CaseCommandOf(s[3])) {
      return [&, kind] { return CaseCommand(request, s[2], *kind, a); };
    }
  }
  if (s.size() == 6 && s[1] == "cases" && s[3] == "tasks") {
    if (auto kind = TaskCommandOf(s[5])) {
      return [&, kind] { return TaskCommand(request, s[2], s[4], *kind, a); };
    }
  }
  return {};
}

HttpResponse ApiRoutes::CaseCommand(const HttpRequest& request, const std::string& code,
                                    CommandKind kind, const Actor& actor) {
  JsonBody body(request.body, {"expected_version", "reason", "force"});
  Command command;
  command.kind = kind;
  command.expected_version = body.Int("expected_version");
  command.reason = body.String("reason");
  command.force = body.Bool("force");
  if (command.force && kind != CommandKind::Advance) {
    BadRequest("Поле «force» есть только у перевода на следующий этап");
  }
  return Executed(code, command, actor);
}

HttpResponse ApiRoutes::TaskCommand(const HttpRequest& request, const std::string& code,
                                    const std::string& task, CommandKind kind, const Actor& actor) {
  bool extend = kind == CommandKind::TaskExtend;
  JsonBody body(
      request.body,
      extend ? std::initializer_list<std::string_view>{"expected_version", "until", "reason"}
             : std::initializer_list<std::string_view>{"expected_version", "comment", "override"});
  Command command;
  command.kind = kind;
  command.task = task;
  command.expected_version = body.Int("expected_version");
  command.reason = body.String(extend ? "reason" : "comment");
  command.until = body.String("until");
  command.override_role = !extend && body.Bool("override");
  if (extend && command.until.empty()) BadRequest("Укажите новый срок: поле «until», ГГГГ-ММ-ДД");
  return Executed(code, command, actor);
}

HttpResponse ApiRoutes::Executed(const std::string& code, const Command& command,
                                 const Actor& actor) {
  storage::Id case_id = CaseQueries(ws_, campaign_).ReadableCase(actor, code);
  CommandResult result = CaseService(ws_, &documents_).Execute(case_id, command, actor);
  if (const auto* refusal = std::get_if<Refusal>(&result.outcome)) {
    if (refusal->stale) throw ApiError{409, "stale_version", refusal->Text()};
    if (refusal->role) throw ApiError{403, "forbidden", refusal->Text()};
    throw ApiError{422, "refused", refusal->Text()};
  }
  const auto& decision = std::get<Decision>(result.outcome);
  JsonWriter out(8192);
  out.BeginObject();
  out.Key("result");
  out.BeginObject();
  out.Field("from", decision.from_state);
  out.Field("to", decision.to_state);
  out.Field("version", result.version);
  out.Key("event_id");
  if (result.event) {
    out.Int(result.event->id);
  } else {
    out.Null();
  }
  out.Key("documents");
  WriteDocuments(out, result.documents);
  out.EndObject();
  out.Key("case");
  WriteCase(out, CaseQueries(ws_, campaign_).DetailsOf(actor, case_id),
            Workspace::YearOf(campaign_));
  out.EndObject();
  return JsonOk(std::move(out));
}

namespace {

std::string BulkResultJson(const std::vector<BulkLine>& lines) {
  JsonWriter out;
  out.BeginObject();
  out.Key("results");
  out.BeginArray();
  int advanced = 0;
  for (const BulkLine& line : lines) {
    advanced += line.applied ? 1 : 0;
    out.BeginObject();
    out.Field("school_code", line.school_code);
    out.Field("school_name", line.school_name);
    out.Field("municipality", line.municipality);
    out.Field("applied", line.applied);
    out.Field("message", line.message);
    out.EndObject();
  }
  out.EndArray();
  out.Field("advanced", advanced);
  out.Field("total", lines.size());
  out.EndObject();
  return std::move(out).Take();
}

HttpResponse JobAnswer(const JobStatus& job, int status) {
  JsonWriter out;
  out.BeginObject();
  out.Key("job");
  out.BeginObject();
  out.Field("id", job.id);
  out.Field("kind", job.kind);
  out.Field("state", ToString(job.state));
  out.Field("done", job.done);
  out.Field("total", job.total);
  out.Field("refused", job.refused);
  if (!job.error.empty()) out.Field("error", job.error);
  out.Key("result");
  if (job.state == JobState::Done) {
    out.Raw(job.result_json);
  } else {
    out.Null();
  }
  out.EndObject();
  out.EndObject();
  HttpResponse answer = JsonOk(std::move(out));
  answer.status = status;
  return answer;
}

}  // namespace

// A curator's bulk advance: each school on its own, the refusals listed beside the successes.
// Only the schools the user may change are asked, so a curator never moves another's school.
// Thousands of schools take a while, so it runs as a job: the answer (202) names the job, whose
// progress and, at the end, these results GET /api/jobs/ID gives.
HttpResponse ApiRoutes::StageAdvance(const HttpRequest& request, const std::string& stage,
                                     const Actor& actor) {
  JsonBody body(request.body, {"municipality", "reason", "force"});
  if (!Definition().FindStage(stage)) NotFound("Нет этапа «" + stage + "»");
  RequireBulkAdvance(actor);
  Command command;
  command.kind = CommandKind::Advance;
  command.reason = body.String("reason");
  command.force = body.Bool("force");
  const std::string municipality = body.String("municipality");
  auto work = [campaign = campaign_, stage, municipality, command, actor, root = documents_root_](
                  Workspace& ws, JobProgress& progress) {
    DocumentService documents(ws, TemplateDir(), root);
    auto lines =
        CaseService(ws, &documents)
            .AdvanceStage(campaign, stage, municipality, command, actor,
                          [&progress](std::size_t done, std::size_t total, std::size_t refused) {
                            progress.Report(done, total, refused);
                          });
    return BulkResultJson(lines);
  };
  return JobAnswer(jobs_->Start(actor, "bulk-advance", work), 202);
}

HttpResponse ApiRoutes::Job(const ApiTarget& t, const std::string& id, const Actor& actor) {
  OnlyParams(t, {});
  return JobAnswer(jobs_->Get(id, actor), 200);
}

HttpResponse ApiRoutes::InterviewSchedule(const HttpRequest& request, const Actor& actor) {
  JsonBody body(request.body, {"days", "hours", "lunch"});
  ScheduleInput input;
  input.days = DaysOf(body);
  if (!body.Field("hours").is_null()) input.hours = body.String("hours");
  if (!body.Field("lunch").is_null()) input.lunch = body.String("lunch");
  input.days_name = "days";
  input.hours_name = "hours";
  input.lunch_name = "lunch";
  DocumentRequest document{
      "interview-schedule", std::nullopt, nullptr,
      ScheduleContext(CaseQueries(ws_, campaign_).InterviewRoster(actor), input)};
  auto made = documents_.Make(campaign_, document);
  JsonWriter out;
  out.BeginObject();
  out.Key("documents");
  WriteDocuments(out, made);
  out.EndObject();
  return JsonOk(std::move(out));
}

// A new version of a campaign-wide document (the order, a report); the engine decides who may.
HttpResponse ApiRoutes::MakeProjectDocument(const HttpRequest& request, const Actor& actor) {
  JsonBody body(request.body, {"template"});
  std::string id = body.String("template");
  const DocumentDefinition* definition = Definition().FindDocument(id);
  if (!definition || definition->scope != DocumentScope::Campaign) {
    BadRequest("Документа проекта «" + id + "» нет в описании процесса");
  }
  if (id == "interview-schedule") {
    BadRequest("График собеседований составляется по дням собеседований: /api/interview-schedule");
  }
  DocumentRequest document{id, std::nullopt, nullptr, nlohmann::json::object()};
  auto made = ProjectDocuments(ws_, campaign_).Make(actor, documents_, document);
  JsonWriter out;
  out.BeginObject();
  out.Key("documents");
  WriteDocuments(out, made);
  out.EndObject();
  HttpResponse response = JsonOk(std::move(out));
  response.status = 201;
  return response;
}

}  // namespace shnor::app
