#include "engine/documents/DocumentService.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "engine/base/Errors.h"
#include "output/DocumentPackage.h"
#include "output/PdfRenderer.h"
#include "output/TemplateRenderer.h"
#include "output/XlsxRenderer.h"
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

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw DocumentError("не удалось записать файл " + path.string());
}

}  // namespace

// A document between its phases: numbered and given its context while the transaction reads
// (one at a time), rendered to its staged files (in parallel), then registered (one at a time).
struct DocumentService::Rendering {
  const DocumentDefinition* definition = nullptr;
  const output::Template* tmpl = nullptr;
  nlohmann::json context;
  storage::DocumentNumber number;
  std::optional<storage::Id> case_id;
  std::string stage;
  std::string folder;  // under the campaign's folder: the school's code or «проект»
  std::string date;    // ISO: the document's date
  std::string today;
  std::vector<fs::path> files;       // staged, one per format
  std::vector<std::string> sha256s;  // of each file, once rendered
  std::string error;                 // why rendering failed, "" when it did not
};

DocumentService::DocumentService(Workspace& workspace, fs::path templates_dir, fs::path root)
    : ws_(workspace), templates_dir_(std::move(templates_dir)), root_(std::move(root)) {}

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

nlohmann::json DocumentService::ContextFor(const storage::CampaignRecord& campaign,
                                           const WorkflowDefinition& def,
                                           const DocumentRequest& request,
                                           const std::string& number, const std::string& date,
                                           std::string& stage, std::string& folder) {
  DocumentContext builder(ws_, campaign, def);
  nlohmann::json context = builder.Common(number, date);
  if (request.case_id) {
    auto record = storage::CaseRepository(ws_.db()).Load(*request.case_id);
    if (!record) throw InputError("дело № " + std::to_string(*request.case_id) + " не найдено");
    auto school = storage::DirectoryRepository(ws_.db()).FindSchoolById(record->school_id);
    if (!school) throw InputError("школа дела № " + std::to_string(record->id) + " не найдена");
    builder.AddSchool(context, *record, *school, request.transition);
    stage = record->stage_id;
    folder = school->school.code;
  } else {
    builder.AddCampaign(context, ws_.Today(campaign));
    folder = "проект";
  }
  for (const auto& [key, value] : request.extra.items()) context[key] = value;
  return context;
}

void DocumentService::Stage(const storage::CampaignRecord& campaign, const DocumentRequest& request,
                            StagedDocuments& staged) {
  StageAll(campaign, {request}, staged);
}

void DocumentService::StageAll(const storage::CampaignRecord& campaign,
                               const std::vector<DocumentRequest>& requests,
                               StagedDocuments& staged) {
  std::vector<Rendering> batch;
  batch.reserve(requests.size());
  std::map<std::string, int> issued;  // new numbers given per kind in this batch
  for (const DocumentRequest& request : requests) {
    batch.push_back(Prepare(campaign, request, issued));
    for (const fs::path& file : batch.back().files) staged.files.push_back({file, {}});
  }
  RenderAll(batch);
  for (const Rendering& r : batch) {
    if (!r.error.empty()) throw DocumentError(r.error);
  }
  for (Rendering& r : batch) Register(campaign, r, staged);
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

DocumentService::Rendering DocumentService::Prepare(const storage::CampaignRecord& campaign,
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
  Rendering r;
  r.definition = d;
  r.tmpl = &TemplateOf(id);
  r.case_id = request.case_id;
  r.today = ws_.Today(campaign);
  r.date = d->campaign_order ? campaign.order_date : r.today;
  // The stage is part of the document's identity, so the case is read before the number.
  if (request.case_id) {
    auto record = storage::CaseRepository(ws_.db()).Load(*request.case_id);
    if (record) r.stage = record->stage_id;
  }
  const storage::DocumentKey key{campaign.id, request.case_id, id, r.stage,
                                 ToString(d->formats.front())};
  r.number = NumberOf(campaign, *d, key, std::stoi(r.date.substr(0, 4)), issued);
  r.context = ContextFor(campaign, def, request, r.number.number, r.date, r.stage, r.folder);
  for (DocumentFormat format : d->formats) r.files.push_back(StagingFile(ToString(format)));
  return r;
}

fs::path DocumentService::StagingFile(const std::string& ext) {
  const fs::path staging = root_ / ".staging";
  std::error_code error;
  if (!fs::exists(root_, error)) created_root_ = true;
  fs::create_directories(staging, error);
  if (error) {
    throw DocumentError("папка документов " + root_.string() +
                        " недоступна для записи: " + error.message());
  }
  return staging / (std::to_string(::getpid()) + "-" + std::to_string(++staged_count_) + "." + ext);
}

// Renders one prepared document to its staged files. Runs on a worker thread: it touches only
// its own Rendering and the read-only template.
void DocumentService::RenderOne(Rendering& r) {
  const std::string id = Quoted(r.definition->id);
  output::Document document;
  try {
    document = output::RenderTemplate(*r.tmpl, r.context);
  } catch (const output::TemplateError& e) {
    r.error = "документ " + id + " не составлен: " + e.what();
    return;
  }
  try {
    for (std::size_t i = 0; i < r.files.size(); ++i) {
      if (r.definition->formats[i] == DocumentFormat::Pdf) {
        const std::string bytes = output::RenderPdf(document);
        WriteFile(r.files[i], bytes);
        r.sha256s.push_back(storage::Sha256Hex(bytes));
      } else {
        output::WriteXlsx(document, r.files[i], r.today);
        r.sha256s.push_back(output::FileSha256(r.files[i]));
      }
    }
  } catch (const std::exception& e) {
    r.error = "документ " + id + " не записан: " + e.what();
  }
}

void DocumentService::RenderAll(std::vector<Rendering>& batch) {
  const std::size_t workers =
      std::min<std::size_t>(batch.size(), std::max(1u, std::thread::hardware_concurrency()));
  if (workers <= 1) {
    for (Rendering& r : batch) RenderOne(r);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < batch.size(); i = next++) RenderOne(batch[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

void DocumentService::Register(const storage::CampaignRecord& campaign, Rendering& r,
                               StagedDocuments& staged) {
  storage::DocumentRegistry registry(ws_.db());
  for (std::size_t i = 0; i < r.files.size(); ++i) {
    const std::string ext = ToString(r.definition->formats[i]);
    storage::DocumentRecord doc;
    doc.campaign_id = campaign.id;
    doc.case_id = r.case_id;
    doc.kind = r.definition->id;
    doc.year = r.number.year;
    doc.seq = r.number.seq;
    doc.number = r.number.number;
    doc.doc_date = r.date;
    doc.template_id = r.tmpl->id;
    doc.template_version = r.tmpl->version;
    doc.format = ext;
    doc.sha256 = r.sha256s[i];
    doc.created_at = ws_.clock().Now().time_since_epoch().count();
    doc.stage = r.stage;
    auto current = registry.Current({doc.campaign_id, doc.case_id, doc.kind, doc.stage, ext});
    const int version = current ? current->version + 1 : 1;
    fs::path relative = fs::path(campaign.code) / r.folder;
    if (!r.stage.empty()) relative /= r.stage;
    relative /= doc.kind + "_" + FileSafe(doc.number) + "_v" + std::to_string(version) + "." + ext;
    doc.path = relative.generic_string();
    staged.records.push_back(registry.Register(doc));
    for (auto& f : staged.files) {
      if (f.staged == r.files[i]) f.target = root_ / relative;
    }
  }
}

void DocumentService::Publish(StagedDocuments& staged) {
  for (auto& f : staged.files) {
    std::error_code error;
    fs::create_directories(f.target.parent_path(), error);
    if (!error) fs::rename(f.staged, f.target, error);
    if (error) {
      throw DocumentError("документ зарегистрирован, но файл не перенесён в " + f.target.string() +
                          ": " + error.message());
    }
  }
  staged.files.clear();
  RemoveEmptyStaging();
}

void DocumentService::Discard(StagedDocuments& staged) noexcept {
  for (auto& f : staged.files) {
    std::error_code ignored;
    fs::remove(f.staged, ignored);
  }
  staged.files.clear();
  staged.records.clear();
  RemoveEmptyStaging();
}

// The staging folder is left only while a transaction holds files in it: an output folder
// should look after a command as it did before, plus the documents made.
void DocumentService::RemoveEmptyStaging() const noexcept {
  std::error_code ignored;
  if (fs::is_empty(root_ / ".staging", ignored)) fs::remove(root_ / ".staging", ignored);
  if (created_root_ && fs::is_empty(root_, ignored)) fs::remove(root_, ignored);
}

std::vector<storage::DocumentRecord> DocumentService::Make(const storage::CampaignRecord& campaign,
                                                           const DocumentRequest& request) {
  StagedDocuments staged;
  try {
    storage::Database::Transaction transaction(ws_.db());
    Stage(campaign, request, staged);
    transaction.Commit();
  } catch (...) {
    Discard(staged);
    throw;
  }
  Publish(staged);
  return staged.records;
}

}  // namespace shnor
