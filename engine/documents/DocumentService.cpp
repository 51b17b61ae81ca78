#include "engine/documents/DocumentService.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "engine/base/Errors.h"
#include "engine/documents/DocumentQr.h"
#include "engine/documents/InterviewDates.h"
#include "engine/documents/ProjectPeriod.h"
#include "engine/documents/CaseHistory.h"
#include "output/DocumentPackage.h"
#include "output/DocxRenderer.h"
#include "output/PdfRenderer.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"
#include "storage/AuditLog.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Sha256.h"

namespace shnor {
namespace fs = std::filesystem;

namespace {

std::string Quoted(const std::string& text) {
  return "«" + text + "»";
}

// "83/ОД" cannot be part of a file name as it is.
std::string FileSafe(const std::string& text) {
  std::string out;
  for (char c : text) out += (c == '/' || c == '\\' || c == ':' || c == ' ') ? '-' : c;
  return out;
}

}  // namespace

// A document between its phases: numbered and given its context while reading (one at a time),
// rendered to its files (in parallel, with no transaction open), then registered in the write
// transaction (one at a time).
struct DocumentDraft {
  const DocumentDefinition* definition = nullptr;
  const output::Template* tmpl = nullptr;
  nlohmann::json context;
  storage::DocumentNumber number;
  bool sequence_number = false;  // given from the kind's sequence, so another writer may take it
  std::optional<storage::Id> case_id;
  std::string stage;
  std::string folder;  // relative to the root: the campaign's code, then the school's or «проект»
  std::string date;  // ISO: the document's date
  std::string today;
  std::vector<int> versions;         // per format: the version it becomes
  std::vector<std::string> paths;    // per format, relative to the root, once rendered
  std::vector<std::string> sha256s;  // per format, once rendered
  std::vector<std::string> created;  // files this draft created (a file may exist already)
  std::string error;                 // why rendering failed, "" when it did not
  std::optional<std::string> qr_text;  // the campaign's profile 2025: what the QR code carries
};

DocumentBatch::DocumentBatch() = default;
DocumentBatch::~DocumentBatch() = default;
DocumentBatch::DocumentBatch(DocumentBatch&&) noexcept = default;
DocumentBatch& DocumentBatch::operator=(DocumentBatch&&) noexcept = default;

DocumentService::DocumentService(Workspace& workspace, fs::path templates_dir, fs::path root)
    : ws_(workspace), templates_dir_(std::move(templates_dir)), files_(std::move(root)) {}

const output::Template& DocumentService::TemplateOf(const std::string& id) {
  auto it = templates_.find(id);
  if (it != templates_.end()) return *it->second;
  const fs::path path = templates_dir_ / (id + ".yaml");
  if (!fs::exists(path)) {
    throw DocumentError("нет шаблона документа " + Quoted(id) + ": файл " + path.string() +
                        " не найден");
  }
  try {
    auto tmpl = std::make_unique<output::Template>(output::LoadTemplate(path));
    if (tmpl->id != id) {
      throw DocumentError("шаблон " + path.string() + " называет себя " + Quoted(tmpl->id) +
                          ", а ожидался " + Quoted(id));
    }
    return *templates_.emplace(id, std::move(tmpl)).first->second;
  } catch (const output::TemplateError& e) {
    throw DocumentError(std::string("ошибка в шаблоне документа: ") + e.what());
  }
}

// A return or withdrawal notice made on demand tells of the school's last such transition, as
// the audit log recorded it; a school that never had one gets no such document.
std::optional<TransitionFacts> DocumentService::RecordedTransition(const WorkflowDefinition& def,
                                                                   const std::string& template_id,
                                                                   const CaseRecord& record,
                                                                   const std::string& school) {
  const std::optional<std::string> kind = TransitionKindOf(def, template_id);
  if (!kind) return std::nullopt;
  auto facts =
      LastTransition(storage::AuditLog(ws_.db()).Events(record.campaign_id, record.id), *kind);
  if (!facts) throw InputError(NoTransitionText(*kind, school));
  return facts;
}

nlohmann::json DocumentService::ContextFor(const storage::CampaignRecord& campaign,
                                           const WorkflowDefinition& def,
                                           const DocumentRequest& request,
                                           const std::string& number, const std::string& date,
                                           DocumentDraft& draft) {
  DocumentContext builder(ws_, campaign, def);
  nlohmann::json context = builder.Common(number, date);
  if (request.case_id) {
    std::optional<CaseRecord> stored;
    if (!request.record) stored = storage::CaseRepository(ws_.db()).Load(*request.case_id);
    const CaseRecord* record = request.record ? request.record : stored ? &*stored : nullptr;
    if (!record) throw InputError("дело № " + std::to_string(*request.case_id) + " не найдено");
    auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(record->school_id);
    if (!school) throw InputError("школа дела № " + std::to_string(record->id) + " не найдена");
    std::optional<TransitionFacts> recorded;
    const TransitionFacts* transition = request.transition;
    if (!transition) {
      recorded = RecordedTransition(def, request.template_id, *record, school->school.name);
      if (recorded) transition = &*recorded;
    }
    builder.AddSchool(context, *record, *school, transition);
    draft.stage = record->stage_id;
    draft.folder = (fs::path(campaign.code) / school->school.code).generic_string();
  } else {
    builder.AddCampaign(context, draft.date);
    draft.folder = (fs::path(campaign.code) / "проект").generic_string();
  }
  for (const auto& [key, value] : request.extra.items()) context[key] = value;
  return context;
}

DocumentBatch DocumentService::Prepare(const storage::CampaignRecord& campaign,
                                       const std::vector<DocumentRequest>& requests) {
  DocumentBatch batch;
  batch.drafts.reserve(requests.size());
  std::map<std::string, int> issued;  // new numbers given per kind in this batch
  for (const DocumentRequest& request : requests) {
    batch.drafts.push_back(Draft(campaign, request, issued));
  }
  return batch;
}

storage::DocumentNumber DocumentService::NumberOf(const storage::CampaignRecord& campaign,
                                                  const DocumentDefinition& d,
                                                  const storage::DocumentKey& key, int year,
                                                  std::map<std::string, int>& issued) {
  storage::DocumentRegistry registry(ws_.db());
  if (auto current = registry.Current(key)) return {current->year, current->seq, current->number};
  if (d.campaign_order) {
    return registry.GivenNumber(campaign.id, d.id, year, campaign.order_number, d.number);
  }
  // The registry sees only what is registered: numbers given earlier in this batch come after.
  storage::DocumentNumber next = registry.NextNumber(campaign.id, d.id, year, d.number);
  next.seq += issued[d.id]++;
  next.number = storage::DocumentRegistry::FormatNumber(d.number, next.seq);
  return next;
}

DocumentDraft DocumentService::Draft(const storage::CampaignRecord& campaign,
                                     const DocumentRequest& request,
                                     std::map<std::string, int>& issued) {
  const WorkflowDefinition& def =
      ws_.workflows().Get(campaign.workflow_id, campaign.workflow_version);
  const std::string& id = request.template_id;
  const DocumentDefinition* d = def.FindDocument(id);
  if (!d) {
    throw DocumentError("документ " + Quoted(id) + " не описан в разделе documents процесса " +
                        def.id + " (версия " + std::to_string(def.version) + ")");
  }
  if (d->scope == DocumentScope::School && !request.case_id) {
    throw InputError("документ " + Quoted(id) + " составляется для школы: укажите --school");
  }
  if (d->scope == DocumentScope::Campaign && request.case_id) {
    throw InputError("документ " + Quoted(id) + " составляется для всего проекта, без --school");
  }
  DocumentDraft draft;
  draft.definition = d;
  draft.tmpl = &TemplateOf(id);
  draft.case_id = request.case_id;
  draft.today = DocumentDay(campaign, ws_.Today(campaign));
  draft.date = d->campaign_order ? campaign.order_date : draft.today;
  // The stage is part of the document's identity, so the case is read before the number.
  if (request.record) {
    draft.stage = request.record->stage_id;
  } else if (request.case_id) {
    auto record = storage::CaseRepository(ws_.db()).LoadHeader(*request.case_id);
    if (record) draft.stage = record->stage_id;
  }
  if (id == kProtocolTemplate && request.case_id)
    DateByInterview(campaign, *request.case_id, draft);
  storage::DocumentRegistry registry(ws_.db());
  storage::DocumentKey key{campaign.id, request.case_id, id, draft.stage, ""};
  for (DocumentFormat format : d->formats) {
    key.format = ToString(format);
    auto current = registry.Current(key);
    draft.versions.push_back(current ? current->version + 1 : 1);
    // A number once issued keeps its date: a new version is the same document, corrected.
    if (current && !d->campaign_order) draft.date = current->doc_date;
  }
  key.format = ToString(d->formats.front());
  draft.sequence_number = draft.versions.front() == 1 && !d->campaign_order;
  draft.number = NumberOf(campaign, *d, key, std::stoi(draft.date.substr(0, 4)), issued);
  draft.context = ContextFor(campaign, def, request, draft.number.number, draft.date, draft);
  draft.qr_text = DocumentQrText(campaign, draft.number.number, draft.date);
  return draft;
}

// Renders one prepared document and writes its files. Runs on a worker thread: it touches only
// its own draft, the read-only template and the store's atomic counter.
void DocumentService::RenderOne(DocumentDraft& draft) {
  const std::string id = Quoted(draft.definition->id);
  output::Document document;
  try {
    document = output::RenderTemplate(*draft.tmpl, draft.context);
    if (draft.qr_text) {
      document.profile = output::Profile::Gost2025;
      document.qr_text = *draft.qr_text;
    }
  } catch (const output::TemplateError& e) {
    draft.error = "документ " + id + " не составлен: " + e.what();
    return;
  }
  try {
    for (std::size_t i = 0; i < draft.versions.size(); ++i) {
      const std::string ext = ToString(draft.definition->formats[i]);
      fs::path stem = fs::path(draft.folder);
      if (!draft.stage.empty()) stem /= draft.stage;
      stem /= draft.definition->id + "_" + FileSafe(draft.number.number) + "_v" +
              std::to_string(draft.versions[i]);
      std::string sha;
      fs::path temporary = files_.TemporaryFor(stem.string() + "." + ext);
      const DocumentFormat format = draft.definition->formats[i];
      if (format == DocumentFormat::Pdf || format == DocumentFormat::Docx) {
        const std::string bytes = format == DocumentFormat::Pdf ? output::RenderPdf(document)
                                                                : output::RenderDocx(document);
        sha = storage::Sha256Hex(bytes);
        files_.WriteTemporary(temporary, bytes);
      } else {
        output::WriteXlsx(document, temporary, draft.today);
        sha = output::FileSha256(temporary);
      }
      const fs::path relative =
          stem.parent_path() / DocumentFiles::NameOf(stem.filename().string(), sha, ext);
      if (files_.Place(temporary, relative)) draft.created.push_back(relative.generic_string());
      draft.paths.push_back(relative.generic_string());
      draft.sha256s.push_back(sha);
    }
  } catch (const std::exception& e) {
    draft.error = "документ " + id + " не записан: " + e.what();
  }
}

void DocumentService::Render(DocumentBatch& batch) {
  if (batch.drafts.empty()) return;
  if (!batch.lock) batch.lock = std::make_unique<DocumentFiles::WriterLock>(files_);
  const std::size_t workers =
      std::min<std::size_t>(batch.drafts.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < batch.drafts.size(); i = next++) RenderOne(batch.drafts[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  for (const DocumentDraft& draft : batch.drafts) {
    if (draft.error.empty()) continue;
    const std::string error = draft.error;
    Abandon(batch);
    throw DocumentError(error);
  }
}

void DocumentService::Register(const storage::CampaignRecord& campaign, DocumentBatch& batch) {
  for (const DocumentDraft& draft : batch.drafts) {
    RegisterOne(campaign, draft, batch);
    if (draft.definition->id == kScheduleTemplate && draft.context.contains("slots")) {
      KeepInterviewSchedule(ws_.db(), campaign, draft.number.number, draft.context["slots"]);
    }
  }
}

// A protocol records an interview: it bears the day the approved schedule gave the school.
void DocumentService::DateByInterview(const storage::CampaignRecord& campaign, storage::Id case_id,
                                      DocumentDraft& draft) {
  auto record = storage::CaseRepository(ws_.db()).LoadHeader(case_id);
  if (!record) return;
  auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(record->school_id);
  if (!school) return;
  if (auto interview = InterviewOf(ws_.db(), campaign, school->school.code)) {
    if (!interview->iso.empty()) draft.date = interview->iso;
  }
}

void DocumentService::RegisterOne(const storage::CampaignRecord& campaign,
                                  const DocumentDraft& draft, DocumentBatch& batch) {
  storage::DocumentRegistry registry(ws_.db());
  for (std::size_t i = 0; i < draft.paths.size(); ++i) {
    storage::DocumentRecord doc;
    doc.campaign_id = campaign.id;
    doc.case_id = draft.case_id;
    doc.kind = draft.definition->id;
    doc.year = draft.number.year;
    doc.seq = draft.number.seq;
    doc.number = draft.number.number;
    doc.doc_date = draft.date;
    doc.template_id = draft.tmpl->id;
    doc.template_version = draft.tmpl->version;
    doc.format = ToString(draft.definition->formats[i]);
    doc.sha256 = draft.sha256s[i];
    doc.created_at = ws_.clock().Now().time_since_epoch().count();
    doc.stage = draft.stage;
    doc.path = draft.paths[i];
    auto current =
        registry.Current({doc.campaign_id, doc.case_id, doc.kind, doc.stage, doc.format});
    const int version = current ? current->version + 1 : 1;
    const bool taken = !current && draft.sequence_number && registry.TakenNumber(doc);
    if (version != draft.versions[i] || taken) {
      throw DocumentsMoved("номер или версия документа " + Quoted(doc.kind) +
                           " заняты другой операцией");
    }
    batch.records.push_back(registry.Register(doc));
  }
}

void DocumentService::Finish(DocumentBatch& batch) noexcept {
  batch.lock.reset();
  batch.drafts.clear();
}

void DocumentService::Abandon(DocumentBatch& batch) noexcept {
  for (DocumentDraft& draft : batch.drafts) {
    for (const std::string& path : draft.created) files_.Remove(path);
    draft.created.clear();
  }
  batch.records.clear();
  batch.lock.reset();
}

std::vector<storage::DocumentRecord> DocumentService::Make(const storage::CampaignRecord& campaign,
                                                           const DocumentRequest& request) {
  return MakeAll(campaign, {request});
}

std::vector<storage::DocumentRecord> DocumentService::MakeAll(
    const storage::CampaignRecord& campaign, const std::vector<DocumentRequest>& requests) {
  for (int attempt = 1;; ++attempt) {
    DocumentBatch batch;
    {
      storage::Database::ReadSnapshot snapshot(ws_.db());
      batch = Prepare(campaign, requests);
    }
    Render(batch);
    try {
      storage::Database::Transaction transaction(ws_.db());
      Register(campaign, batch);
      transaction.Commit();
    } catch (const DocumentsMoved&) {
      Abandon(batch);
      if (attempt < kAttempts) continue;
      throw DocumentError(
          "документ не зарегистрирован: его номер раз за разом занимали другие "
          "операции; повторите позже");
    } catch (...) {
      Abandon(batch);
      throw;
    }
    Finish(batch);
    return std::move(batch.records);
  }
}

}  // namespace shnor
