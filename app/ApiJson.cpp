#include "app/ApiJson.h"

#include "engine/reminders/LetterStatusNames.h"

#include "engine/base/Text.h"
#include "engine/workflow/StatusNames.h"

namespace shnor::app {
namespace {

template <typename Status>
void WriteStatus(JsonWriter& out, Status status) {
  out.BeginObject();
  out.Field("code", storage::ToString(status));
  out.Field("name", RussianName(status));
  out.EndObject();
}

template <typename T, typename F>
void WriteArray(JsonWriter& out, const std::vector<T>& items, F write) {
  out.BeginArray();
  for (const auto& item : items) write(out, item);
  out.EndArray();
}

void WriteStage(JsonWriter& out, const StageDefinition& stage, int year) {
  out.BeginObject();
  out.Field("id", stage.id);
  out.Field("title", stage.title);
  out.Key("window");
  out.BeginObject();
  out.Field("from", FormatIsoDate(stage.window_from.InYear(year)));
  out.Field("to", FormatIsoDate(stage.window_to.InYear(year)));
  out.EndObject();
  out.EndObject();
}

void WriteTask(JsonWriter& out, const storage::TaskRecord& task,
               const WorkflowDefinition& definition) {
  const TaskDefinition* def = definition.FindTask(task.task_id);
  out.BeginObject();
  out.Field("id", TaskReference(task.task_id, task.period));
  out.Field("task_id", task.task_id);
  out.Field("title", def ? std::string_view(def->title) : "");
  out.Field("stage", task.stage_id);
  out.Field("period", task.period);
  out.Field("period_text", task.period.empty() ? "" : PeriodText(task.period));
  out.Field("due", task.due_date);
  out.Field("extended", task.due_extended);
  out.Key("status");
  WriteStatus(out, task.status);
  out.Field("comment", task.comment);
  out.EndObject();
}

void WriteContact(JsonWriter& out, const Contact& contact) {
  out.BeginObject();
  out.Key("role");
  out.BeginObject();
  out.Field("code", storage::ToString(contact.role));
  out.Field("name", RussianName(contact.role));
  out.EndObject();
  out.Field("full_name", contact.full_name);
  out.Field("email", contact.email);
  out.Field("phone", contact.phone);
  out.EndObject();
}

void WriteSchool(JsonWriter& out, const storage::SchoolListing& school) {
  out.BeginObject();
  out.Field("code", school.school.code);
  out.Field("name", school.school.name);
  out.Field("municipality", school.municipality);
  out.Field("list", school.school.list);
  out.Field("partner_school", school.partner_school);
  out.EndObject();
}

// Task reference -> the actions on it.
void WriteTaskActions(JsonWriter& out, const std::map<std::string, std::vector<std::string>>& m) {
  out.BeginObject();
  for (const auto& [task, actions] : m) {
    out.Key(task);
    WriteArray(out, actions, [](JsonWriter& o, const std::string& action) { o.String(action); });
  }
  out.EndObject();
}

void WriteActions(JsonWriter& out, const CaseActions& a) {
  out.BeginObject();
  out.Field("advance", a.advance);
  out.Field("return", a.return_stage);
  out.Field("withdraw", a.withdraw);
  out.Field("reinstate", a.reinstate);
  out.Field("complete", a.complete);
  out.Field("extend", a.extend);
  out.Key("tasks");
  WriteTaskActions(out, a.tasks);
  out.Key("overrides");
  WriteTaskActions(out, a.overrides);
  out.EndObject();
}

std::string UtcOrEmpty(std::int64_t seconds) {
  return seconds == 0 ? "" : FormatUtc(TimePoint{std::chrono::seconds{seconds}});
}

}  // namespace

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void WriteCampaign(JsonWriter& out, const storage::CampaignRecord& campaign,
                   const WorkflowDefinition& definition, const std::string& today) {
  int year = Workspace::YearOf(campaign);
  out.BeginObject();
  out.Field("code", campaign.code);
  out.Field("title", campaign.title);
  out.Field("region", campaign.region);
  out.Field("authority", campaign.authority);
  out.Field("operator", campaign.operator_name);
  out.Key("order");
  out.BeginObject();
  out.Field("number", campaign.order_number);
  out.Field("date", campaign.order_date);
  out.EndObject();
  out.Key("period");
  out.BeginObject();
  out.Field("start", campaign.start_date);
  out.Field("end", campaign.end_date);
  out.EndObject();
  out.Field("time_zone", campaign.time_zone);
  out.Field("utc_offset", FormatOffset(campaign.utc_offset_minutes));
  out.Field("today", today);
  out.Key("workflow");
  out.BeginObject();
  out.Field("id", definition.id);
  out.Field("version", definition.version);
  out.Field("title", definition.title);
  out.EndObject();
  out.Key("stages");
  WriteArray(out, definition.stages,
             [year](JsonWriter& o, const StageDefinition& s) { WriteStage(o, s, year); });
  out.EndObject();
}

void WriteCaseRow(JsonWriter& out, const storage::CaseSummary& row) {
  out.BeginObject();
  out.Field("code", row.school_code);
  out.Field("name", row.school_name);
  out.Field("municipality", row.municipality);
  out.Field("list", row.list);
  out.Field("stage", row.stage_id);
  out.Key("status");
  WriteStatus(out, row.status);
  out.Field("version", row.version);
  out.Field("open_tasks", row.open_tasks);
  out.Field("overdue_tasks", row.overdue_tasks);
  out.Field("next_due", row.next_due);
  out.EndObject();
}

void WriteEvent(JsonWriter& out, const storage::AuditEvent& event) {
  out.BeginObject();
  out.Field("id", event.id);
  out.Field("at", FormatUtc(TimePoint{std::chrono::seconds{event.at_utc}}));
  out.Field("at_local", event.at_local);
  out.Field("actor", event.actor);
  out.Field("actor_login", event.actor_login);
  out.Key("actor_account");
  if (event.actor_account) {
    out.Int(*event.actor_account);
  } else {
    out.Null();
  }
  out.Field("command", event.command);
  out.Field("from", event.from_state);
  out.Field("to", event.to_state);
  out.Field("reason", event.reason);
  // Our own JSON text, passed through without building it; older rows may hold plain text.
  out.Key("details");
  if (nlohmann::json::accept(event.details)) {
    out.Raw(event.details);
  } else {
    out.String(event.details);
  }
  out.EndObject();
}

void WriteDocument(JsonWriter& out, const storage::DocumentRecord& d) {
  out.BeginObject();
  out.Field("id", d.id);
  out.Field("kind", d.kind);
  out.Field("number", d.number);
  out.Field("date", d.doc_date);
  out.Field("stage", d.stage);
  out.Field("format", d.format);
  out.Field("version", d.version);
  out.Field("sha256", d.sha256);
  out.Field("url", "/api/documents/" + std::to_string(d.id));
  out.EndObject();
}

void WriteDocuments(JsonWriter& out, const std::vector<storage::DocumentRecord>& documents) {
  WriteArray(out, documents, WriteDocument);
}

void WriteCase(JsonWriter& out, const CaseDetails& details, int year) {
  const auto& record = details.view.record;
  const WorkflowDefinition& definition = *details.view.definition;
  out.BeginObject();
  out.Key("school");
  WriteSchool(out, details.view.school);
  out.Key("stage");
  if (const StageDefinition* stage = definition.FindStage(record.stage_id)) {
    WriteStage(out, *stage, year);
  } else {
    out.BeginObject();
    out.Field("id", record.stage_id);
    out.EndObject();
  }
  out.Key("status");
  WriteStatus(out, record.status);
  out.Field("version", record.version);
  out.Key("workflow");
  out.BeginObject();
  out.Field("id", record.workflow_id);
  out.Field("version", record.workflow_version);
  out.EndObject();
  out.Key("tasks");
  WriteArray(out, record.tasks,
             [&](JsonWriter& o, const storage::TaskRecord& t) { WriteTask(o, t, definition); });
  out.Key("people");
  WriteArray(out, details.people, WriteContact);
  out.Key("history");
  WriteArray(out, details.history, WriteEvent);
  out.Key("documents");
  WriteDocuments(out, details.documents);
  out.Key("actions");
  WriteActions(out, details.actions);
  out.EndObject();
}

void WriteLetter(JsonWriter& out, const storage::OutboxLetter& l, const std::string& remark) {
  out.BeginObject();
  out.Field("id", l.id);
  out.Field("day", l.day);
  out.Key("recipient");
  out.BeginObject();
  out.Field("email", l.recipient_email);
  out.Field("name", l.recipient_name);
  out.Field("role", l.recipient_role);
  out.EndObject();
  out.Field("subject", l.subject);
  out.Field("items", l.items);
  out.Field("escalations", l.escalations);
  out.Field("status", storage::ToString(l.status));
  out.Field("status_name", RussianName(l.status));
  out.Field("attempts", l.attempts);
  out.Field("last_error", l.last_error);
  out.Field("planned_at", UtcOrEmpty(l.planned_at));
  out.Field("sent_at", UtcOrEmpty(l.sent_at));
  out.Field("claimant", l.claimant);
  out.Field("lease_until", UtcOrEmpty(l.lease_until));
  out.Field("resends", l.resends);
  out.Field("remark", remark);
  out.EndObject();
}

}  // namespace shnor::app
