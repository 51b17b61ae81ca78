#include "engine/cases/CaseService.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "engine/access/AccessPolicy.h"
#include "engine/base/Errors.h"
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
  if (documents_) return ExecuteWithDocuments(case_id, command, actor);
  storage::Database::Transaction transaction(ws_.db());
  CommandResult result = DecideAndWrite(case_id, command, actor);
  if (result.applied()) transaction.Commit();
  return result;
}

CommandResult CaseService::ExecuteWithDocuments(storage::Id case_id, const Command& command,
                                                const Actor& actor) {
  StagedDocuments staged;
  CommandResult result;
  try {
    storage::Database::Transaction transaction(ws_.db());
    result = DecideAndWrite(case_id, command, actor);
    if (!result.applied()) return result;
    // A command that wrote nothing (a recompute with nothing to change) has no event and no
    // documents.
    if (result.event) {
      StageDocuments(*CampaignOf(result.event->campaign_id),
                     {{case_id, std::get<Decision>(result.outcome)}}, staged);
    }
    transaction.Commit();
  } catch (...) {
    documents_->Discard(staged);
    throw;
  }
  documents_->Publish(staged);
  result.documents = std::move(staged.records);
  return result;
}

void CaseService::StageDocuments(const storage::CampaignRecord& campaign,
                                 const std::vector<std::pair<storage::Id, Decision>>& applied,
                                 StagedDocuments& staged) {
  // Requests point at their facts: the vector is sized first so that nothing moves.
  std::vector<TransitionFacts> facts;
  facts.reserve(applied.size());
  std::vector<DocumentRequest> requests;
  for (const auto& [case_id, decision] : applied) {
    facts.push_back(FactsOf(decision));
    for (const std::string& id : decision.documents) {
      requests.push_back(DocumentRequest{id, case_id, &facts.back(), {}});
    }
  }
  documents_->StageAll(campaign, requests, staged);
}

CommandResult CaseService::DecideAndWrite(storage::Id case_id, const Command& command,
                                          const Actor& actor) {
  // Called inside a write transaction, so nobody can change the case between the decision and
  // the write; the version check in the UPDATE guards against a second connection anyway. A
  // refusal returns before the first write.
  auto current = storage::CaseRepository(ws_.db()).Load(case_id);
  if (!current) throw InputError("дело № " + std::to_string(case_id) + " не найдено");
  return DecideAndWrite(*current, command, actor);
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

CommandResult CaseService::DecideAndWrite(const CaseRecord& current, const Command& command,
                                          const Actor& actor) {
  Outcome outcome = DecideFor(current, command, actor);
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
  for (std::size_t first = 0; first < order.size(); first += kBulkBatch) {
    std::size_t last = std::min(order.size(), first + kBulkBatch);
    AdvanceBatch(members, order, first, last, command, actor, lines);
    if (progress) progress(last, members.size());
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

// One commit for a whole batch: a refused case writes nothing, so the batch holds only whole
// cases. If the storage fails midway, the batch is rolled back and redone one transaction per
// case, so each case stays atomic on its own and a failing case fails alone.
void CaseService::AdvanceBatch(const std::vector<storage::StageMember>& members,
                               const std::vector<std::size_t>& order, std::size_t first,
                               std::size_t last, const Command& command, const Actor& actor,
                               std::vector<BulkLine>& lines) {
  StagedDocuments staged;
  try {
    storage::Database::Transaction batch(ws_.db());
    std::vector<storage::Id> ids;
    for (std::size_t i = first; i < last; ++i) ids.push_back(members[order[i]].case_id);
    // Loaded inside the batch's write transaction: nobody can change them before the writes.
    storage::CaseRepository cases(ws_.db());
    auto records = cases.LoadMany(ids);
    if (records.size() != ids.size()) throw storage::StorageError("дело исчезло во время перевода");
    std::vector<storage::CaseUpdate> updates;
    std::vector<AuditEntry> entries;
    std::vector<std::pair<storage::Id, Decision>> applied;
    std::int64_t now = ws_.clock().Now().time_since_epoch().count();
    for (std::size_t i = first; i < last; ++i) {
      const CaseRecord& record = records[i - first];
      Outcome outcome = DecideFor(record, command, actor);
      if (auto* refusal = std::get_if<Refusal>(&outcome)) {
        lines[order[i]] =
            LineOf(members[order[i]], CommandResult{*refusal, record.version, {}, {}});
        continue;
      }
      const Decision& decision = std::get<Decision>(outcome);
      updates.push_back(ToUpdate(record, decision, now));
      entries.push_back(EntryOf(record, decision, command));
      if (documents_ && !decision.documents.empty()) applied.emplace_back(record.id, decision);
      lines[order[i]] =
          LineOf(members[order[i]], CommandResult{decision, record.version + 1, {}, {}});
    }
    // Every case was loaded under this transaction's lock, so a moved-on case means something
    // is wrong: the batch is redone case by case below.
    if (!cases.ApplyAll(updates)) throw storage::StorageError("дело изменилось во время перевода");
    if (!entries.empty())
      AuditTrail(ws_).RecordAll(*CampaignOf(records.front().campaign_id), actor, entries);
    if (!applied.empty()) StageDocuments(*CampaignOf(records.front().campaign_id), applied, staged);
    batch.Commit();
  } catch (const std::exception&) {
    // Storage trouble, a document that cannot be made or anything else: the batch is undone and
    // redone case by case, so only the failing cases stay behind.
    if (documents_) documents_->Discard(staged);
    RedoOneByOne(members, order, first, last, command, actor, lines);
    return;
  }
  if (documents_) documents_->Publish(staged);
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
