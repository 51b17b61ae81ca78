// shnor docs list | render, shnor package: the registry of documents, making a document on
// demand, and bundling a school's documents of a stage into a ZIP with a manifest.
#include <iostream>

#include "app/Cli.h"
#include "app/Commands.h"
#include "app/InterviewScheduleInput.h"
#include "app/TextTable.h"
#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/calendar/Date.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/CaseService.h"
#include "engine/cases/ProjectDocuments.h"
#include "engine/documents/DocumentPackages.h"

namespace shnor::app {
namespace {

struct DocsOptions {
  std::string school;
  std::string kind;
  bool all_versions = false;
  std::string template_id;
  std::vector<std::string> days;
  std::string hours = "09:00-17:00";
  std::string lunch = "13:00-14:00";
  std::string stage;
  bool all = false;
};

void RunList(CliContext& ctx, const DocsOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  storage::DocumentFilter filter;
  filter.campaign_id = campaign.id;
  filter.kind = o.kind;
  filter.latest_only = !o.all_versions;
  if (!o.school.empty()) filter.case_id = CaseService(*ws).CaseOfSchool(campaign, o.school);
  auto documents = storage::DocumentRegistry(ws->db()).List(filter);
  if (documents.empty()) {
    std::cout << "Документов нет.\n";
    return;
  }
  TextTable table({"№", "Дата", "Документ", "Этап", "Формат", "Версия", "Файл"});
  for (const auto& d : documents) {
    table.Add({d.number, IsoToRussianDate(d.doc_date, ""), d.kind, d.stage, d.format,
               std::to_string(d.version), d.path});
  }
  table.Print(std::cout);
  std::cout << "Папка документов: " << ctx.DocumentsRoot().string() << "\n";
}

void RunRender(CliContext& ctx, const DocsOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  DocumentRequest request{o.template_id, std::nullopt, nullptr, nlohmann::json::object()};
  if (!o.school.empty()) request.case_id = CaseService(*ws).CaseOfSchool(campaign, o.school);
  if (o.template_id == "interview-schedule") {
    ScheduleInput input;
    input.days = o.days;
    input.hours = o.hours;
    input.lunch = o.lunch;
    request.extra = ScheduleContext(
        CaseQueries(*ws, campaign).InterviewRoster(ctx.ActingPerson(*ws, campaign)), input);
  }
  auto documents = ctx.Documents(*ws);
  auto made =
      ProjectDocuments(*ws, campaign).Make(ctx.ActingPerson(*ws, campaign), *documents, request);
  for (const auto& d : made) {
    std::cout << "Составлен документ № " << d.number << " от " << IsoToRussianDate(d.doc_date, "")
              << (d.version > 1 ? " (версия " + std::to_string(d.version) + ")" : "") << ": "
              << (documents->root() / d.path).string() << "\n";
  }
}

void RunPackage(CliContext& ctx, const DocsOptions& o) {
  if (o.all == !o.school.empty()) throw InputError("укажите код школы с --stage или --all");
  if (!o.all && o.stage.empty()) throw InputError("укажите этап: --stage II");
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  DocumentPackages packages(*ws, ctx.DocumentsRoot());
  std::vector<PackageResult> results;
  if (o.all) {
    results = packages.All(campaign);
  } else {
    results.push_back(packages.ForSchool(campaign, o.school, o.stage));
  }
  for (const auto& r : results) {
    std::cout << "Пакет ("
              << CountOf(static_cast<int>(r.files), "документ", "документа", "документов")
              << "): " << r.path.string() << "\n";
  }
}

}  // namespace

void AddDocsCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<DocsOptions>();
  auto* docs = app.add_subcommand("docs", "документы проекта: реестр и составление");
  docs->require_subcommand(1);
  auto* list = docs->add_subcommand("list", "реестр документов");
  list->add_option("--school", o->school, "только документы этой школы");
  list->add_option("--kind", o->kind, "только документы этого вида (шаблона)");
  list->add_flag("--all-versions", o->all_versions, "показать и прежние версии");
  list->callback([&ctx, o] { RunList(ctx, *o); });
  auto* render = docs->add_subcommand("render", "составить документ по шаблону и внести в реестр");
  render->add_option("template", o->template_id, "шаблон: regional-order, road-map, …")->required();
  render->add_option("--school", o->school, "код школы (для документов школы)");
  render->add_option("--days", o->days, "график собеседований: дни ГГГГ-ММ-ДД")->delimiter(',');
  render->add_option("--hours", o->hours, "график собеседований: рабочие часы")
      ->capture_default_str();
  render->add_option("--lunch", o->lunch, "график собеседований: обед (пусто — без обеда)")
      ->capture_default_str();
  render->callback([&ctx, o] { RunRender(ctx, *o); });

  auto* package = app.add_subcommand("package", "собрать документы школы за этап в ZIP с описью");
  package->add_option("school", o->school, "код школы");
  package->add_option("--stage", o->stage, "этап: I, II, III, IV");
  package->add_flag("--all", o->all, "пакеты всех школ по всем этапам и пакет проекта");
  package->callback([&ctx, o] { RunPackage(ctx, *o); });
}

}  // namespace shnor::app
