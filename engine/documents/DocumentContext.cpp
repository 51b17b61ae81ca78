#include "engine/documents/DocumentContext.h"

#include <algorithm>
#include <map>

#include "engine/base/Text.h"
#include "engine/documents/InterviewDates.h"
#include "engine/documents/IssuerFacts.h"
#include "engine/documents/ProjectPeriod.h"
#include "engine/documents/ReportTally.h"
#include "engine/documents/TaskDeadlineText.h"
#include "engine/documents/TaskOrder.h"
#include "engine/workflow/StateMachine.h"
#include "engine/workflow/StatusNames.h"
#include "engine/workspace/SchoolContacts.h"
#include "output/RussianText.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"

namespace shnor {
namespace {

using nlohmann::json;

const char* kCuratorPosition = "Куратор проекта";
const char* kCoordinatorPosition = "Муниципальный координатор";
const char* kHeadPosition = "Ответственный от образовательной организации";

// Mustache names cannot hold '-': `{{due.road_map}}` for the task "road-map".
std::string DueKey(const std::string& task_id) {
  std::string key = task_id;
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

bool Required(const WorkflowDefinition& def, const std::string& task_id) {
  const TaskDefinition* task = def.FindTask(task_id);
  return !task || task->required;
}

json PersonOrBlank(const std::string& position, const storage::PersonRecord* person) {
  if (!person) return PersonFacts(position, "");
  return PersonFacts(position, person->full_name, person->email, person->phone);
}

json SchoolFacts(const storage::SchoolListing& s) {
  return {{"code", s.school.code},
          {"name", s.school.name},
          {"municipality", s.municipality},
          {"list", s.school.list},
          {"partner", s.partner_school}};
}

// A reason printed after «Причина возврата:» is a sentence: it ends with a full stop.
std::string Sentence(const std::string& text) {
  if (text.empty()) return text;
  const char last = text.back();
  const bool closed = last == '.' || last == '!' || last == '?' ||
                      (text.size() >= 3 && text.compare(text.size() - 3, 3, "…") == 0);
  return closed ? text : text + ".";
}

// «Рефлексивно-аналитический этап» after «этап IV» reads «Рефлексивно-аналитический».
std::string NameAfterStage(const std::string& title) {
  const std::string tail = " этап";
  if (title.size() <= tail.size() || title.compare(title.size() - tail.size(), tail.size(), tail))
    return title;
  return title.substr(0, title.size() - tail.size());
}

}  // namespace

json DateFacts(const std::string& iso) {
  return {{"date", output::NumericDate(iso).value_or("")},
          {"date_long", output::LongDate(iso).value_or("")},
          {"iso", iso}};
}

json PersonFacts(const std::string& position, const std::string& full_name,
                 const std::string& email, const std::string& phone) {
  return {{"position", position},
          {"name", output::Initials(full_name)},
          {"full_name", full_name},
          {"email", email},
          {"phone", phone}};
}

DocumentContext::DocumentContext(Workspace& workspace, const storage::CampaignRecord& campaign,
                                 const WorkflowDefinition& definition)
    : ws_(workspace), campaign_(campaign), def_(definition) {}

json DocumentContext::Common(const std::string& number, const std::string& iso_date) {
  json c;
  c["authority"] = campaign_.authority;
  c["authority_genitive"] = output::AuthorityGenitive(campaign_.authority);
  c["region"] = campaign_.region;
  c["place"] = campaign_.city;
  c["operator"] = campaign_.operator_name;
  c["project"] = campaign_.title;
  c["year"] = std::to_string(Workspace::YearOf(campaign_));
  c["period"] = {{"from", IsoToRussianDate(campaign_.start_date, "")},
                 {"to", IsoToRussianDate(campaign_.end_date, "")}};
  c["signer"] = PersonFacts(campaign_.signer_position, campaign_.signer_name);
  c["document"] = DateFacts(iso_date);
  c["document"]["number"] = number;
  c["order"] = DateFacts(campaign_.order_date);
  c["order"]["number"] = campaign_.order_number;
  c["stages"] = Stages();
  c.update(IssuerFacts(campaign_));
  return c;
}

std::string DocumentContext::DueOf(const TaskDefinition& task, const std::string& stage_id) {
  return DueText(task, DueIsoOf(task, stage_id), def_);
}

std::string DocumentContext::DueIsoOf(const TaskDefinition& task, const std::string& stage_id) {
  if (task.recurrence == Recurrence::Monthly) return "";
  // A stage's deadlines are resolved once per document, not once per task.
  auto [dues, fresh] = rule_dues_.try_emplace(stage_id);
  if (fresh) {
    for (const NewTask& t : TasksForStage(def_, stage_id, ws_.TimeOf(campaign_))) {
      dues->second.emplace(t.task_id, t.due_date);
    }
  }
  auto due = dues->second.find(task.id);
  return due == dues->second.end() ? "" : due->second;
}

json DocumentContext::Stages() {
  json stages = json::array();
  for (const StageDefinition& s : def_.stages) {
    json tasks = json::array();
    for (const TaskDefinition& t : s.tasks) {
      const std::string due_iso = DueIsoOf(t, s.id);
      tasks.push_back({{"id", t.id},
                       {"title", t.title},
                       {"due", DueText(t, due_iso, def_)},
                       {"due_by", DueByText(t, due_iso, def_)},
                       {"due_iso", due_iso},
                       {"owner", RussianName(t.owner)},
                       {"reviewer", RussianName(t.reviewer)}});
    }
    SortByDeadline(tasks);
    const StageDates window = StageWindowInPeriod(s, campaign_);
    stages.push_back({{"id", s.id},
                      {"title", s.title},
                      {"from", window.from},
                      {"to", window.to},
                      {"tasks", std::move(tasks)}});
  }
  return stages;
}

json DocumentContext::TaskFacts(const TaskRecord& task) {
  const TaskDefinition* def = def_.FindTask(task.task_id);
  std::string title = def ? def->title : task.task_id;
  if (!task.period.empty()) title += " " + PeriodText(task.period);
  const std::string due = def ? DueText(*def, task.due_date, def_) : task.due_date;
  const std::string due_by = def ? DueByText(*def, task.due_date, def_) : task.due_date;
  return {{"id", task.task_id},
          {"stage", task.stage_id},
          {"title", title},
          {"due", due},
          {"due_by", due_by},
          {"due_iso", task.due_date},
          {"owner", def ? RussianName(def->owner) : ""},
          {"reviewer", def ? RussianName(def->reviewer) : ""},
          {"status", RussianName(task.status)},
          {"extended", task.due_extended ? "да" : ""}};
}

void DocumentContext::AddSchool(json& c, const CaseRecord& record,
                                const storage::SchoolListing& school,
                                const TransitionFacts* transition) {
  c["school"] = SchoolFacts(school);
  const StageDefinition* stage = def_.FindStage(record.stage_id);
  const StageDates window = stage ? StageWindowInPeriod(*stage, campaign_) : StageDates{};
  c["stage"] = {{"id", record.stage_id},
                {"title", stage ? stage->title : ""},
                {"name", stage ? NameAfterStage(stage->title) : ""},
                {"from", window.from},
                {"to", window.to}};
  c["stage_is"] = json::object();  // {{#stage_is.II}}: wording that fits one stage only
  for (const StageDefinition& s : def_.stages) c["stage_is"][s.id] = s.id == record.stage_id;
  c["tasks"] = json::array();
  c["all_tasks"] = json::array();
  c["due"] = json::object();
  c["due_by"] = json::object();
  for (const TaskRecord& t : record.tasks) {
    json facts = TaskFacts(t);
    if (t.stage_id == record.stage_id) c["tasks"].push_back(facts);
    c["all_tasks"].push_back(facts);
    // A monthly task is due every month: its rule in words stands for it, not one period.
    const TaskDefinition* def = def_.FindTask(t.task_id);
    if (def && def->recurrence == Recurrence::Monthly) continue;
    if (c["due"].contains(DueKey(t.task_id))) continue;
    c["due"][DueKey(t.task_id)] = facts["due"];
    c["due_by"][DueKey(t.task_id)] = facts["due_by"];
  }
  SortByDeadline(c["tasks"]);
  SortByDeadlineWithinStage(c["all_tasks"]);
  // Tasks of stages not entered yet have no records: their deadlines come from the rules.
  for (const StageDefinition& s : def_.stages) {
    for (const TaskDefinition& t : s.tasks) {
      if (c["due"].contains(DueKey(t.id))) continue;
      c["due"][DueKey(t.id)] = DueOf(t, s.id);
      c["due_by"][DueKey(t.id)] = DueByText(t, DueIsoOf(t, s.id), def_);
    }
  }
  const auto all = storage::DirectoryRepository(ws_.db()).People(campaign_.id);
  const PeopleIndex people = IndexPeople(all);
  c["curator"] = PersonOrBlank(kCuratorPosition,
                               PeopleIndex::Find(people.curator, school.school.municipality_id));
  c["coordinator"] = PersonOrBlank(
      kCoordinatorPosition, PeopleIndex::Find(people.coordinator, school.school.municipality_id));
  c["head"] = PersonOrBlank(kHeadPosition, PeopleIndex::Find(people.head, school.school.id));
  AddSchoolHistory(c, record);
  c["interview"] = c["document"];
  c["interview"]["time"] = "";
  if (auto interview = InterviewOf(ws_.db(), campaign_, school.school.code)) {
    c["interview"] = DateFacts(interview->iso);
    c["interview"]["time"] = interview->time;
  }
  if (transition) {
    c["transition"] = {{"kind", transition->kind},
                       {"from", transition->from},
                       {"to", transition->to},
                       {"reason", Sentence(transition->reason)}};
  }
}

namespace {

json Responsible(const std::vector<storage::PersonWithRoles>& people,
                 const std::map<storage::Id, std::string>& municipality_names) {
  json curators = json::array(), coordinators = json::array();
  for (const auto& p : people) {
    std::vector<std::string> curated;
    for (const auto& role : p.roles) {
      if (!role.municipality_id) continue;
      auto name = municipality_names.find(*role.municipality_id);
      if (name == municipality_names.end()) continue;
      if (role.role == PersonRole::Curator) curated.push_back(name->second);
      if (role.role == PersonRole::Coordinator) {
        json facts = PersonFacts("", p.person.full_name, p.person.email, p.person.phone);
        facts["role"] = RussianName(PersonRole::Coordinator);
        facts["area"] = name->second;
        coordinators.push_back(std::move(facts));
      }
    }
    if (curated.empty()) continue;
    std::string area;
    for (const auto& m : curated) area += (area.empty() ? "" : ", ") + m;
    json facts = PersonFacts("", p.person.full_name, p.person.email, p.person.phone);
    facts["role"] = RussianName(PersonRole::Curator);
    facts["area"] = area;
    curators.push_back(std::move(facts));
  }
  std::stable_sort(coordinators.begin(), coordinators.end(),
                   [](const json& a, const json& b) { return a["area"] < b["area"]; });
  for (auto& c : coordinators) curators.push_back(std::move(c));
  return curators;
}

}  // namespace

void DocumentContext::AddCampaign(json& c, const std::string& today) {
  storage::DirectoryRepository directory(ws_.db());
  const auto listings = directory.Schools(campaign_.id);
  const auto people = directory.People(campaign_.id);
  const PeopleIndex index = IndexPeople(people);
  std::map<storage::Id, std::string> municipality_names;
  const auto municipalities = storage::CampaignRepository(ws_.db()).Municipalities(campaign_.id);
  for (const auto& m : municipalities) municipality_names[m.id] = m.name;

  storage::CaseRepository cases(ws_.db());
  std::map<storage::Id, ReportTally> tallies;
  ReportTally totals;
  json schools = json::array(), list11 = json::array(), list12 = json::array();
  json partners = json::array(), rows = json::array();
  for (const auto& s : listings) {
    auto record = cases.LoadBySchool(s.school.id);
    json facts = SchoolFacts(s);
    const storage::PersonRecord* curator =
        PeopleIndex::Find(index.curator, s.school.municipality_id);
    const storage::PersonRecord* coordinator =
        PeopleIndex::Find(index.coordinator, s.school.municipality_id);
    facts["curator"] = curator ? output::Initials(curator->full_name) : "";
    facts["coordinator"] = coordinator ? output::Initials(coordinator->full_name) : "";
    json short_facts = {{"name", s.school.name}, {"municipality", s.municipality}};
    (s.school.list == "1.1" ? list11 : list12).push_back(short_facts);
    if (!s.partner_school.empty()) {
      partners.push_back({{"school", s.school.name},
                          {"municipality", s.municipality},
                          {"partner", s.partner_school}});
    }
    if (record) {
      const StageDefinition* stage = def_.FindStage(record->stage_id);
      facts["stage"] = record->stage_id;
      facts["stage_title"] = stage ? stage->title : "";
      facts["status"] = RussianName(record->status);
      tallies[s.school.municipality_id].Add(*record, def_, today);
      totals.Add(*record, def_, today);
      for (const auto& t : InDeadlineOrder(record->tasks)) {
        json task = TaskFacts(t);
        rows.push_back({{"municipality", s.municipality},
                        {"school", s.school.name},
                        {"stage", t.stage_id},
                        {"task", task["title"]},
                        {"due", task["due"]},
                        {"due_iso", t.due_date},
                        {"status", task["status"]},
                        {"owner", task["owner"]},
                        {"required", Required(def_, t.task_id) ? "да" : "нет"}});
      }
    } else {
      facts["stage"] = "";
      facts["stage_title"] = "";
      facts["status"] = "";
    }
    schools.push_back(std::move(facts));
  }
  json by_municipality = json::array();
  for (const auto& m : municipalities) {
    auto it = tallies.find(m.id);
    if (it != tallies.end()) by_municipality.push_back(it->second.Facts(m.name));
  }
  c["schools"] = std::move(schools);
  c["list_1_1"] = std::move(list11);
  c["list_1_2"] = std::move(list12);
  c["partners"] = std::move(partners);
  c["responsible"] = Responsible(people, municipality_names);
  c["municipalities"] = std::move(by_municipality);
  c["task_rows"] = std::move(rows);
  json total = totals.Facts("");
  total.erase("name");
  c["totals"] = std::move(total);
  c["totals_words"] = totals.Words();
}

}  // namespace shnor
