#include "engine/DocumentService.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "engine/Errors.h"
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

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw DocumentError("не удалось записать файл " + path.string());
}

}  // namespace

struct DocumentService::Rendering {
  const storage::CampaignRecord& campaign;
  const DocumentDefinition& definition;
  const output::Template& tmpl;
  output::Document document;
  storage::DocumentNumber number;
  std::optional<storage::Id> case_id;
  std::string stage;
  std::string folder;  // under the campaign's folder: the school's code or «проект»
  std::string date;    // ISO: the document's date
  std::string today;
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
  const output::Template& tmpl = TemplateOf(id);
  const std::string today = ws_.Today(campaign);
  const std::string date = d->campaign_order ? campaign.order_date : today;

  // The stage is part of the document's identity, so the case is read before the number.
  std::string stage, folder;
  if (request.case_id) {
    auto record = storage::CaseRepository(ws_.db()).Load(*request.case_id);
    if (record) stage = record->stage_id;
  }
  storage::DocumentRegistry registry(ws_.db());
  const storage::DocumentKey key{campaign.id, request.case_id, id, stage,
                                 ToString(d->formats.front())};
  const int year = std::stoi(date.substr(0, 4));
  storage::DocumentNumber number;
  if (registry.Current(key) || !d->campaign_order) {
    number = registry.NumberFor(key, year, d->number);
  } else {
    number = registry.GivenNumber(campaign.id, id, year, campaign.order_number, d->number);
  }
  nlohmann::json context = ContextFor(campaign, def, request, number.number, date, stage, folder);
  Rendering r{campaign, *d, tmpl, {}, number, request.case_id, stage, folder, date, today};
  try {
    r.document = output::RenderTemplate(tmpl, context);
  } catch (const output::TemplateError& e) {
    throw DocumentError("документ " + Quoted(id) + " не составлен: " + e.what());
  }
  for (DocumentFormat format : d->formats) StageFile(r, format, staged);
}

void DocumentService::StageFile(const Rendering& r, DocumentFormat format,
                                StagedDocuments& staged) {
  const std::string ext = ToString(format);
  const fs::path staging = root_ / ".staging";
  std::error_code error;
  if (!fs::exists(root_, error)) created_root_ = true;
  fs::create_directories(staging, error);
  if (error) {
    throw DocumentError("папка документов " + root_.string() +
                        " недоступна для записи: " + error.message());
  }
  const fs::path file =
      staging / (std::to_string(::getpid()) + "-" + std::to_string(++staged_count_) + "." + ext);
  staged.files.push_back({file, {}});
  std::string bytes;
  try {
    if (format == DocumentFormat::Pdf) {
      bytes = output::RenderPdf(r.document);
      WriteFile(file, bytes);
    } else {
      output::WriteXlsx(r.document, file, r.today);
      bytes = ReadFile(file);
    }
  } catch (const std::runtime_error& e) {
    throw DocumentError("документ " + Quoted(r.definition.id) + " не записан: " + e.what());
  }
  storage::DocumentRegistry registry(ws_.db());
  storage::DocumentRecord doc;
  doc.campaign_id = r.campaign.id;
  doc.case_id = r.case_id;
  doc.kind = r.definition.id;
  doc.year = r.number.year;
  doc.seq = r.number.seq;
  doc.number = r.number.number;
  doc.doc_date = r.date;
  doc.template_id = r.tmpl.id;
  doc.template_version = r.tmpl.version;
  doc.format = ext;
  doc.sha256 = storage::Sha256Hex(bytes);
  doc.created_at = ws_.clock().Now().time_since_epoch().count();
  doc.stage = r.stage;
  auto current = registry.Current({doc.campaign_id, doc.case_id, doc.kind, doc.stage, ext});
  const int version = current ? current->version + 1 : 1;
  fs::path relative = fs::path(r.campaign.code) / r.folder;
  if (!r.stage.empty()) relative /= r.stage;
  relative /= doc.kind + "_" + FileSafe(doc.number) + "_v" + std::to_string(version) + "." + ext;
  doc.path = relative.generic_string();
  staged.records.push_back(registry.Register(doc));
  staged.files.back().target = root_ / relative;
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
