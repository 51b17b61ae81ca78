#include "engine/cases/CaseService.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
#include "engine/cases/ImportText.h"
#include "engine/workspace/AuditTrail.h"
#include "storage/CampaignRepository.h"

namespace shnor {
namespace {

std::string StaleText(int found, int expected) {
  return "Дело изменено с момента, когда вы его открыли: версия " + std::to_string(found) +
         ", а команда подготовлена для версии " + std::to_string(expected) +
         ". Обновите данные и повторите.";
}

TaskRecord TaskRecordOf(const NewTask& t) {
  TaskRecord task;
  task.task_id = t.task_id;
  task.stage_id = t.stage_id;
  task.period = t.period;
  task.due_date = t.due_date;
  task.due_at = t.due_at;
  return task;
}

// Storage returns a case's tasks in key order; people read them in the definition's order.
void OrderByDefinition(const WorkflowDefinition& def, std::vector<TaskRecord>& tasks) {
  auto rank = [&def](const TaskRecord& t) {
    for (std::size_t s = 0; s < def.stages.size(); ++s) {
      const auto& stage_tasks = def.stages[s].tasks;
      for (std::size_t i = 0; i < stage_tasks.size(); ++i) {
        if (stage_tasks[i].id == t.task_id) return std::make_tuple(s, i, t.period);
      }
    }
    return std::make_tuple(def.stages.size(), std::size_t{0}, t.period);
  };
  std::stable_sort(tasks.begin(), tasks.end(),
                   [&rank](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

storage::CaseUpdate ToUpdate(const CaseRecord& current, const Decision& d, std::int64_t now) {
  storage::CaseUpdate update;
  update.case_id = current.id;
  update.expected_version = current.version;
  update.stage_id = d.stage_id;
  update.status = d.status;
  update.now = now;
  for (const NewTask& t : d.new_tasks) update.new_tasks.push_back(TaskRecordOf(t));
  for (const TaskChange& c : d.task_changes) {
    TaskRecord task;
    task.task_id = c.task_id;
    task.period = c.period;
    task.status = c.status;
    task.comment = c.comment;
    task.due_date = c.due_date;
    task.due_at = c.due_at;
    task.due_extended = c.due_extended;
    update.task_changes.push_back(std::move(task));
  }
  return update;
}

// The case as `d` leaves it, as CaseRepository::Apply will store it: what the transition's
// documents are made from before the write transaction.
CaseRecord AfterDecision(const WorkflowDefinition& def, CaseRecord record, const Decision& d,
                         std::int64_t now) {
  record.stage_id = d.stage_id;
  record.status = d.status;
  record.version += 1;
  record.updated_at = now;
  for (const TaskChange& c : d.task_changes) {
    for (TaskRecord& t : record.tasks) {
      if (t.task_id != c.task_id || t.period != c.period) continue;
      t.status = c.status;
      t.comment = c.comment;
      t.updated_at = now;
      if (c.due_date.empty()) continue;
      t.due_date = c.due_date;
      t.due_at = c.due_at;
      t.due_extended = c.due_extended;
    }
  }
  for (const NewTask& t : d.new_tasks) {
    record.tasks.push_back(TaskRecordOf(t));
    record.tasks.back().case_id = record.id;
    record.tasks.back().updated_at = now;
  }
  OrderByDefinition(def, record.tasks);
  return record;
}

// A reason (a task's comment too) goes into the audit log and into the notices: what they could
// not print (an emoji, a bidi or zero-width character) is refused before anything is decided.
void CheckFreeText(const Command& command) {
  if (auto problem = FreeTextProblem("причина", command.reason)) throw InputError(*problem);
}

std::string DetailsJson(const Decision& d, const Command& command);

TransitionFacts FactsOf(const Decision& d) {
  return TransitionFacts{d.command, d.from_state.substr(0, d.from_state.find('/')), d.stage_id,
                         d.reason};
}

AuditEntry EntryOf(const CaseRecord& current, const Decision& d, const Command& command) {
  return AuditEntry{current.id, d.command, d.from_state,
                    d.to_state, d.reason,  DetailsJson(d, command)};
}

std::string DetailsJson(const Decision& d, const Command& command) {
  nlohmann::json details;
  details["documents"] = d.documents;
  if (!d.new_tasks.empty()) details["new_tasks"] = d.new_tasks.size();
  if (!command.task.empty()) details["task"] = command.task;
  if (command.force) details["force"] = true;
  if (command.override_role) details["override"] = true;
  for (const TaskChange& c : d.task_changes) {
    if (c.due_date.empty()) continue;
    details["deadlines"].push_back(
        {{"task", TaskReference(c.task_id, c.period)}, {"from", c.due_before}, {"to", c.due_date}});
  }
  return details.dump();
}

}  // namespace

storage::Id CaseService::OpenCase(const storage::CampaignRecord& campaign,
                                  const storage::SchoolListing& school, const Actor& actor) {
  const WorkflowDefinition& def =
      ws_.workflows().Get(campaign.workflow_id, campaign.workflow_version);
  CaseRecord record;
  record.campaign_id = campaign.id;
  record.school_id = school.school.id;
  record.workflow_id = def.id;
  record.workflow_version = def.version;
  record.stage_id = def.initial_stage;
  record.updated_at = ws_.clock().Now().time_since_epoch().count();
  for (const NewTask& t : TasksForStage(def, def.initial_stage, ws_.TimeOf(campaign))) {
    record.tasks.push_back(TaskRecordOf(t));
  }
  storage::Id id = storage::CaseRepository(ws_.db()).Insert(record);
  AuditEntry entry{id, "open", "", def.initial_stage + "/active", "", "{}"};
  AuditTrail(ws_).Record(campaign, actor, entry);
  return id;
}

const storage::CampaignRecord* CaseService::CampaignOf(storage::Id campaign_id) {
  // Campaign rows change only by `workflow load --adopt`, never during a command.
  auto it = campaigns_.find(campaign_id);
  if (it != campaigns_.end()) return &it->second;
  auto campaign = storage::CampaignRepository(ws_.db()).FindById(campaign_id);
  if (!campaign) throw InputError("проект № " + std::to_string(campaign_id) + " не найден");
  return &campaigns_.emplace(campaign_id, std::move(*campaign)).first->second;
}

storage::Id CaseService::CaseOfSchool(const storage::CampaignRecord& campaign,
                                      const std::string& school_code) {
  auto school = storage::DirectoryRepository(ws_.db()).FindSchool(campaign.id, school_code);
  if (!school) throw InputError("школа с кодом «" + school_code + "» не найдена в проекте");
  auto record = storage::CaseRepository(ws_.db()).LoadBySchool(school->school.id);
  if (!record) throw InputError("у школы «" + school_code + "» нет дела в проекте");
  return record->id;
}

CaseView CaseService::View(storage::Id case_id) {
  auto record = storage::CaseRepository(ws_.db()).Load(case_id);
  if (!record) throw InputError("дело № " + std::to_string(case_id) + " не найдено");
  auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(record->school_id);
  const WorkflowDefinition& def =
      ws_.workflows().Get(record->workflow_id, record->workflow_version);
  OrderByDefinition(def, record->tasks);
  return CaseView{std::move(*record), school.value_or(storage::SchoolListing{}), &def};
}

CommandResult CaseService::Execute(storage::Id case_id, const Command& command,
                                   const Actor& actor) {
  CheckFreeText(command);
  if (documents_) return ExecuteWithDocuments(case_id, command, actor);
  return *WriteWithoutDocuments(case_id, command, actor);
}

CommandResult CaseService::ExecuteWithDocuments(storage::Id case_id, const Command& command,
                                                const Actor& actor) {
  for (int attempt = 1;; ++attempt) {
    std::optional<Planned> plan = Plan(case_id, command, actor);
    if (!plan) {
      if (auto result = WriteWithoutDocuments(case_id, command, actor)) return *result;
      continue;  // under the lock the command turned out to make documents: plan them
    }
    documents_->Render(plan->batch);
    try {
      if (auto result = WritePlanned(*plan, command, actor)) return *result;
    } catch (const DocumentsMoved&) {
      // Another writer took a number meanwhile: numbered and rendered again below.
    } catch (...) {
      documents_->Abandon(plan->batch);
      throw;
    }
    documents_->Abandon(plan->batch);
    if (attempt >= DocumentService::kAttempts) {
      throw DocumentError(
          "Документы не выпущены: дело или номера документов раз за разом меняли "
          "другие операции. Дело осталось как было; повторите команду.");
    }
  }
}

// While reading: the decision and, when it makes documents, the documents rendered from the
// case as it will be. Nothing when the command is refused or makes no documents.
std::optional<CaseService::Planned> CaseService::Plan(storage::Id case_id, const Command& command,
                                                      const Actor& actor) {
  storage::Database::ReadSnapshot snapshot(ws_.db());
  auto current = storage::CaseRepository(ws_.db()).Load(case_id);
  if (!current) throw InputError("дело № " + std::to_string(case_id) + " не найдено");
  Outcome outcome = DecideFor(*current, command, actor);
  const auto* decision = std::get_if<Decision>(&outcome);
  if (!decision || decision->documents.empty()) return std::nullopt;
  Planned plan{*current, *decision, {}};
  plan.batch = PrepareDocuments(*CampaignOf(current->campaign_id), {{&plan.current, decision}});
  return plan;
}

// Under the write lock: the command decided again and written at once. Nothing when it makes
// documents after all (the case moved on since it was read), which must be rendered first.
std::optional<CommandResult> CaseService::WriteWithoutDocuments(storage::Id case_id,
                                                                const Command& command,
                                                                const Actor& actor) {
  storage::Database::Transaction transaction(ws_.db());
  auto current = storage::CaseRepository(ws_.db()).Load(case_id);
  if (!current) throw InputError("дело № " + std::to_string(case_id) + " не найдено");
  Outcome outcome = DecideFor(*current, command, actor);
  const auto* decision = std::get_if<Decision>(&outcome);
  if (documents_ && decision && !decision->documents.empty()) return std::nullopt;
  CommandResult result = WriteOutcome(*current, std::move(outcome), command, actor);
  if (result.applied()) transaction.Commit();
  return result;
}

// The short write transaction of a planned command: its rows, its event and its documents'
// registry rows. Nothing when the case moved on since it was planned.
std::optional<CommandResult> CaseService::WritePlanned(Planned& plan, const Command& command,
                                                       const Actor& actor) {
  storage::Database::Transaction transaction(ws_.db());
  const std::int64_t now = ws_.clock().Now().time_since_epoch().count();
  if (!storage::CaseRepository(ws_.db()).Apply(ToUpdate(plan.current, plan.decision, now))) {
    return std::nullopt;
  }
  const storage::CampaignRecord& campaign = *CampaignOf(plan.current.campaign_id);
  storage::AuditEvent event =
      AuditTrail(ws_).Record(campaign, actor, EntryOf(plan.current, plan.decision, command));
  documents_->Register(campaign, plan.batch);
  transaction.Commit();
  documents_->Finish(plan.batch);
  return CommandResult{std::move(plan.decision), plan.current.version + 1, std::move(event),
                       std::move(plan.batch.records)};
}

DocumentBatch CaseService::PrepareDocuments(const storage::CampaignRecord& campaign,
                                            const std::vector<PlannedCase>& cases) {
  // Requests point at their facts and cases: the vectors are sized first so that nothing moves.
  std::vector<TransitionFacts> facts;
  facts.reserve(cases.size());
  std::vector<CaseRecord> after;
  after.reserve(cases.size());
  std::vector<DocumentRequest> requests;
  const std::int64_t now = ws_.clock().Now().time_since_epoch().count();
  for (const auto& [record, decision] : cases) {
    const WorkflowDefinition& def =
        ws_.workflows().Get(record->workflow_id, record->workflow_version);
    facts.push_back(FactsOf(*decision));
    after.push_back(AfterDecision(def, *record, *decision, now));
    for (const std::string& id : decision->documents) {
      requests.push_back(DocumentRequest{id, record->id, &facts.back(), {}, &after.back()});
    }
  }
  return documents_->Prepare(campaign, requests);
}

Outcome CaseService::DecideFor(const CaseRecord& current, const Command& command,
                               const Actor& actor) {
  CheckScope(current, actor);
  const storage::CampaignRecord* campaign = CampaignOf(current.campaign_id);
  const WorkflowDefinition& def =
      ws_.workflows().Get(current.workflow_id, current.workflow_version);
  return Decide(def, current, command, actor, ws_.clock().Now(), ws_.TimeOf(*campaign));
}

void CaseService::CheckScope(const CaseRecord& current, const Actor& actor) {
  if (actor.scope.everything && CapabilitiesOf(actor).change_cases) return;
  auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(current.school_id);
  if (!school) throw InputError("школа дела № " + std::to_string(current.id) + " не найдена");
  RequireChange(actor, school->school);
}

// Inside a write transaction, so nobody can change the case between the decision and the write;
// the version check in the UPDATE guards against a second connection anyway. A refusal returns
// before the first write.
CommandResult CaseService::WriteOutcome(const CaseRecord& current, Outcome outcome,
                                        const Command& command, const Actor& actor) {
  if (auto* refusal = std::get_if<Refusal>(&outcome)) {
    return CommandResult{std::move(*refusal), current.version, std::nullopt, {}};
  }
  Decision& decision = std::get<Decision>(outcome);
  // A recompute that finds every deadline right changes nothing and is not worth an event.
  if (decision.command == ToString(CommandKind::Recompute) && decision.task_changes.empty()) {
    return CommandResult{std::move(decision), current.version, std::nullopt, {}};
  }
  std::int64_t now = ws_.clock().Now().time_since_epoch().count();
  if (!storage::CaseRepository(ws_.db()).Apply(ToUpdate(current, decision, now))) {
    return CommandResult{Refusal{{StaleText(current.version + 1, current.version)}, true, false},
                         current.version,
                         std::nullopt,
                         {}};
  }
  storage::AuditEvent event = AuditTrail(ws_).Record(*CampaignOf(current.campaign_id), actor,
                                                     EntryOf(current, decision, command));
  return CommandResult{std::move(decision), current.version + 1, std::move(event), {}};
}

std::vector<BulkLine> CaseService::AdvanceStage(const storage::CampaignRecord& campaign,
                                                const std::string& stage_id,
                                                const std::string& municipality,
                                                const Command& command, const Actor& actor,
                                                const Progress& progress) {
  RequireBulkAdvance(actor);
  CheckFreeText(command);
  auto members =
      storage::CaseRepository(ws_.db()).ActiveInStage(campaign.id, stage_id, municipality);
  KeepChangeable(campaign, actor, members);
  // Cases are written in id order, where their rows and task index entries lie side by side,
  // and reported in the listing's order (by municipality and school).
  std::vector<std::size_t> order(members.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&members](std::size_t a, std::size_t b) {
    return members[a].case_id < members[b].case_id;
  });
  std::vector<BulkLine> lines(members.size());
  std::size_t refused = 0;
  for (std::size_t first = 0; first < order.size(); first += kBulkBatch) {
    std::size_t last = std::min(order.size(), first + kBulkBatch);
    AdvanceBatch(members, order, first, last, command, actor, lines);
    for (std::size_t i = first; i < last; ++i) refused += !lines[order[i]].applied;
    if (progress) progress(last, members.size(), refused);
  }
  ws_.db().Checkpoint();
  return lines;
}

// A curator's bulk advance touches only the schools they may change.
void CaseService::KeepChangeable(const storage::CampaignRecord& campaign, const Actor& actor,
                                 std::vector<storage::StageMember>& members) {
  if (actor.scope.everything) return;
  std::set<std::string> codes;
  for (const auto& school : storage::DirectoryRepository(ws_.db()).Schools(campaign.id)) {
    if (MayChange(actor, school.school)) codes.insert(school.school.code);
  }
  std::erase_if(members, [&codes](const auto& m) { return codes.count(m.school_code) == 0; });
}

// Each batch is decided, and its documents prepared, while reading; the documents are rendered
// with no lock held; then the whole batch is written in one short transaction. A refused case
// writes nothing, so the batch holds only whole cases. If anything fails (storage, a document, a
// case or a number that another writer changed meanwhile), the batch is undone and redone one
// case at a time, so each case stays atomic on its own and a failing case fails alone.
void CaseService::AdvanceBatch(const std::vector<storage::StageMember>& members,
                               const std::vector<std::size_t>& order, std::size_t first,
                               std::size_t last, const Command& command, const Actor& actor,
                               std::vector<BulkLine>& lines) {
  BatchPlan plan;
  try {
    PlanBatch(members, order, first, last, command, actor, lines, plan);
    if (documents_) documents_->Render(plan.documents);
    WriteBatch(plan, actor);
  } catch (const std::exception&) {
    if (documents_) documents_->Abandon(plan.documents);
    RedoOneByOne(members, order, first, last, command, actor, lines);
    return;
  }
  if (documents_) documents_->Finish(plan.documents);
}

void CaseService::PlanBatch(const std::vector<storage::StageMember>& members,
                            const std::vector<std::size_t>& order, std::size_t first,
                            std::size_t last, const Command& command, const Actor& actor,
                            std::vector<BulkLine>& lines, BatchPlan& plan) {
  storage::Database::ReadSnapshot snapshot(ws_.db());
  std::vector<storage::Id> ids;
  for (std::size_t i = first; i < last; ++i) ids.push_back(members[order[i]].case_id);
  plan.records = storage::CaseRepository(ws_.db()).LoadMany(ids);
  if (plan.records.size() != ids.size())
    throw storage::StorageError("дело исчезло во время перевода");
  plan.decisions.reserve(ids.size());  // documents point at them
  std::vector<PlannedCase> with_documents;
  const std::int64_t now = ws_.clock().Now().time_since_epoch().count();
  for (std::size_t i = first; i < last; ++i) {
    const CaseRecord& record = plan.records[i - first];
    Outcome outcome = DecideFor(record, command, actor);
    if (auto* refusal = std::get_if<Refusal>(&outcome)) {
      lines[order[i]] = LineOf(members[order[i]], CommandResult{*refusal, record.version, {}, {}});
      continue;
    }
    const Decision& decision = plan.decisions.emplace_back(std::get<Decision>(std::move(outcome)));
    plan.updates.push_back(ToUpdate(record, decision, now));
    plan.entries.push_back(EntryOf(record, decision, command));
    if (documents_ && !decision.documents.empty()) with_documents.push_back({&record, &decision});
    lines[order[i]] =
        LineOf(members[order[i]], CommandResult{decision, record.version + 1, {}, {}});
  }
  if (plan.records.empty()) return;
  plan.campaign = CampaignOf(plan.records.front().campaign_id);
  if (!with_documents.empty()) plan.documents = PrepareDocuments(*plan.campaign, with_documents);
}

void CaseService::WriteBatch(BatchPlan& plan, const Actor& actor) {
  if (plan.updates.empty()) return;
  storage::Database::Transaction transaction(ws_.db());
  // A case that moved on since the batch was read is redone on its own by the caller.
  if (!storage::CaseRepository(ws_.db()).ApplyAll(plan.updates)) {
    throw storage::StorageError("дело изменилось во время перевода");
  }
  AuditTrail(ws_).RecordAll(*plan.campaign, actor, plan.entries);
  if (!plan.documents.empty()) documents_->Register(*plan.campaign, plan.documents);
  transaction.Commit();
}

void CaseService::RedoOneByOne(const std::vector<storage::StageMember>& members,
                               const std::vector<std::size_t>& order, std::size_t first,
                               std::size_t last, const Command& command, const Actor& actor,
                               std::vector<BulkLine>& lines) {
  for (std::size_t i = first; i < last; ++i) {
    const auto& member = members[order[i]];
    auto failed = [&](const std::string& why) {
      lines[order[i]] =
          BulkLine{member.school_code, member.school_name, member.municipality, false, why};
    };
    // Execute rolled the case back, so the line can say that nothing of it changed.
    try {
      lines[order[i]] = LineOf(member, Execute(member.case_id, command, actor));
    } catch (const DocumentError& e) {
      failed(e.what());
    } catch (const storage::StorageError& e) {
      failed(std::string("Не переведена, дело осталось как было: ") + e.what());
    } catch (const std::exception& e) {
      failed(std::string("Не переведена из-за внутренней ошибки, дело осталось как было: ") +
             e.what());
    }
  }
}

BulkLine CaseService::LineOf(const storage::StageMember& member, const CommandResult& result) {
  BulkLine line{member.school_code, member.school_name, member.municipality, result.applied(), ""};
  line.message = result.applied() ? std::get<Decision>(result.outcome).stage_id
                                  : std::get<Refusal>(result.outcome).Text();
  return line;
}

std::vector<storage::CaseSummary> CaseService::Summaries(const storage::CampaignRecord& campaign,
                                                         storage::CaseFilter filter) {
  if (filter.today.empty()) filter.today = ws_.Today(campaign);
  return storage::CaseRepository(ws_.db()).Summaries(campaign.id, filter);
}

}  // namespace shnor
