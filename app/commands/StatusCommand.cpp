// shnor status: every school's stage and open work, with filters.
#include <iostream>
#include <map>

#include "app/Commands.h"
#include "app/TextTable.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/CaseService.h"
#include "engine/workflow/StatusNames.h"

namespace shnor::app {
namespace {

struct StatusOptions {
  std::string stage;
  std::string municipality;
  std::string status;
  bool overdue = false;
};

// Withdrawn and completed schools are counted apart from the stages, as on the dashboard.
void PrintTotals(const std::vector<storage::CaseSummary>& rows) {
  std::map<std::string, int> by_stage;
  int overdue = 0, withdrawn = 0, completed = 0;
  for (const auto& row : rows) {
    withdrawn += row.status == storage::CaseStatus::Withdrawn;
    completed += row.status == storage::CaseStatus::Completed;
    if (row.status != storage::CaseStatus::Active) continue;
    ++by_stage[row.stage_id];
    if (row.overdue_tasks > 0) ++overdue;
  }
  std::cout << "Итого школ: " << rows.size() << "; в работе по этапам:";
  for (const auto& [stage, count] : by_stage) std::cout << " " << stage << " — " << count << ";";
  std::cout << " выбыли — " << withdrawn << "; завершили — " << completed
            << "; с просроченными задачами: " << overdue << "\n";
}

void RunStatus(CliContext& ctx, const StatusOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  storage::CaseFilter filter;
  filter.stage_id = o.stage;
  filter.municipality = o.municipality;
  filter.overdue_only = o.overdue;
  if (!o.status.empty()) filter.status = storage::ParseCaseStatus(o.status);
  auto rows = CaseQueries(*ws, campaign).List(ctx.ActingPerson(*ws, campaign), filter);
  TextTable table({"Код", "Школа", "Муниципальное образование", "Этап", "Статус", "Открыто",
                   "Просрочено", "Ближайший срок"});
  for (const auto& row : rows) {
    table.Add({row.school_code, row.school_name, row.municipality, row.stage_id,
               RussianName(row.status), std::to_string(row.open_tasks),
               std::to_string(row.overdue_tasks), IsoToRussianDate(row.next_due, "")});
  }
  std::cout << "Проект «" << campaign.code << "», на " << IsoToRussianDate(ws->Today(campaign), "")
            << "\n";
  table.Print(std::cout);
  PrintTotals(rows);
}

}  // namespace

void AddStatusCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "состояние школ проекта");
  cmd->add_option("--stage", options->stage, "только школы этапа (I, II, III, IV)");
  cmd->add_option("--municipality", options->municipality,
                  "только школы муниципального образования");
  cmd->add_option("--status", options->status, "только дела в статусе")
      ->check(CLI::IsMember({"active", "withdrawn", "completed"}));
  cmd->add_flag("--overdue", options->overdue, "только школы с просроченными задачами");
  cmd->callback([&ctx, options] { RunStatus(ctx, *options); });
}

}  // namespace shnor::app
