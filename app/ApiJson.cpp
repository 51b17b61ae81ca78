#include "app/ApiJson.h"

#include "engine/StatusNames.h"
#include "engine/Text.h"

namespace shnor::app {
namespace {

using nlohmann::json;

template <typename Status>
json StatusJson(Status status) {
  return {{"code", storage::ToString(status)}, {"name", RussianName(status)}};
}

json StageJson(const StageDefinition& stage, int year) {
  return {{"id", stage.id},
          {"title", stage.title},
          {"window",
           {{"from", FormatIsoDate(stage.window_from.InYear(year))},
            {"to", FormatIsoDate(stage.window_to.InYear(year))}}}};
}

json TaskJson(const storage::TaskRecord& task, const WorkflowDefinition& definition) {
  const TaskDefinition* def = definition.FindTask(task.task_id);
  return {{"id", TaskReference(task.task_id, task.period)},
          {"task_id", task.task_id},
          {"title", def ? def->title : ""},
          {"stage", task.stage_id},
          {"period", task.period},
          {"period_text", task.period.empty() ? "" : PeriodText(task.period)},
          {"due", task.due_date},
          {"extended", task.due_extended},
          {"status", StatusJson(task.status)},
          {"comment", task.comment}};
}

json ContactJson(const Contact& contact) {
  return {
      {"role", {{"code", storage::ToString(contact.role)}, {"name", RussianName(contact.role)}}},
      {"full_name", contact.full_name},
      {"email", contact.email},
      {"phone", contact.phone}};
}

json SchoolJson(const storage::SchoolListing& school) {
  return {{"code", school.school.code},
          {"name", school.school.name},
          {"municipality", school.municipality},
          {"list", school.school.list},
          {"partner_school", school.partner_school}};
}

template <typename T, typename F>
json ArrayOf(const std::vector<T>& items, F to_json) {
  json array = json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

json ActionsJson(const CaseActions& a) {
  json tasks = json::object();
  for (const auto& [task, actions] : a.tasks) tasks[task] = actions;
  return {{"advance", a.advance},   {"return", a.return_stage},
          {"withdraw", a.withdraw}, {"reinstate", a.reinstate},
          {"complete", a.complete}, {"extend", a.extend},
          {"tasks", tasks}};
}

std::string UtcOrEmpty(std::int64_t seconds) {
  return seconds == 0 ? "" : FormatUtc(TimePoint{std::chrono::seconds{seconds}});
}

}  // namespace

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json CampaignJson(const storage::CampaignRecord& campaign, const WorkflowDefinition& definition,
                  const std::string& today) {
  int year = Workspace::YearOf(campaign);
  return {
      {"code", campaign.code},
      {"title", campaign.title},
      {"region", campaign.region},
      {"authority", campaign.authority},
      {"operator", campaign.operator_name},
      {"order", {{"number", campaign.order_number}, {"date", campaign.order_date}}},
      {"period", {{"start", campaign.start_date}, {"end", campaign.end_date}}},
      {"time_zone", campaign.time_zone},
      {"utc_offset", FormatOffset(campaign.utc_offset_minutes)},
      {"today", today},
      {"workflow",
       {{"id", definition.id}, {"version", definition.version}, {"title", definition.title}}},
      {"stages", ArrayOf(definition.stages, [year](const auto& s) { return StageJson(s, year); })}};
}

json CaseRowJson(const storage::CaseSummary& row) {
  return {{"code", row.school_code},
          {"name", row.school_name},
          {"municipality", row.municipality},
          {"list", row.list},
          {"stage", row.stage_id},
          {"status", StatusJson(row.status)},
          {"version", row.version},
          {"open_tasks", row.open_tasks},
          {"overdue_tasks", row.overdue_tasks},
          {"next_due", row.next_due}};
}

json EventJson(const storage::AuditEvent& event) {
  json details = json::parse(event.details, nullptr, false);
  if (details.is_discarded()) details = event.details;
  return {{"id", event.id},
          {"at", FormatUtc(TimePoint{std::chrono::seconds{event.at_utc}})},
          {"at_local", event.at_local},
          {"actor", event.actor},
          {"command", event.command},
          {"from", event.from_state},
          {"to", event.to_state},
          {"reason", event.reason},
          {"details", details}};
}

json DocumentJson(const storage::DocumentRecord& d) {
  return {{"id", d.id},
          {"kind", d.kind},
          {"number", d.number},
          {"date", d.doc_date},
          {"stage", d.stage},
          {"format", d.format},
          {"version", d.version},
          {"sha256", d.sha256},
          {"url", "/api/documents/" + std::to_string(d.id)}};
}

json CaseJson(const CaseDetails& details, int year) {
  const auto& record = details.view.record;
  const WorkflowDefinition& definition = *details.view.definition;
  const StageDefinition* stage = definition.FindStage(record.stage_id);
  return {{"school", SchoolJson(details.view.school)},
          {"stage", stage ? StageJson(*stage, year) : json{{"id", record.stage_id}}},
          {"status", StatusJson(record.status)},
          {"version", record.version},
          {"workflow", {{"id", record.workflow_id}, {"version", record.workflow_version}}},
          {"tasks", ArrayOf(record.tasks, [&](const auto& t) { return TaskJson(t, definition); })},
          {"people", ArrayOf(details.people, ContactJson)},
          {"history", ArrayOf(details.history, EventJson)},
          {"documents", ArrayOf(details.documents, DocumentJson)},
          {"actions", ActionsJson(details.actions)}};
}

json LetterJson(const storage::OutboxLetter& l) {
  return {{"id", l.id},
          {"day", l.day},
          {"recipient",
           {{"email", l.recipient_email}, {"name", l.recipient_name}, {"role", l.recipient_role}}},
          {"subject", l.subject},
          {"items", l.items},
          {"escalations", l.escalations},
          {"status", storage::ToString(l.status)},
          {"attempts", l.attempts},
          {"last_error", l.last_error},
          {"planned_at", UtcOrEmpty(l.planned_at)},
          {"sent_at", UtcOrEmpty(l.sent_at)}};
}

}  // namespace shnor::app
