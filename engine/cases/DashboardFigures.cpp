#include "engine/cases/DashboardFigures.h"

#include <algorithm>

#include "engine/calendar/Date.h"
#include "storage/PendingTasks.h"

namespace shnor {
namespace {

void CountSchool(const storage::CaseSummary& row, MunicipalityFigures& m,
                 std::map<std::string, int>& stages, DashboardFigures& f) {
  ++m.total;
  m.overdue_tasks += row.overdue_tasks;
  if (row.status == CaseStatus::Completed) {
    ++m.completed;
    ++f.completed;
  } else if (row.status == CaseStatus::Withdrawn) {
    ++m.withdrawn;
    ++f.withdrawn;
  } else {
    ++m.stages[row.stage_id];
    ++stages[row.stage_id];
  }
}

DueTask DueOf(Workspace& ws, const storage::CampaignRecord& campaign,
              const storage::CaseSummary& school, const storage::PendingTask& task) {
  const auto& definition = ws.workflows().Get(campaign.workflow_id, task.workflow_version);
  const TaskDefinition* def = definition.FindTask(task.task_id);
  return DueTask{school.school_code,
                 school.school_name,
                 school.municipality,
                 TaskReference(task.task_id, task.period),
                 def ? def->title : task.task_id,
                 task.due_date,
                 task.status};
}

// A pending task with its school, as the index gives it: cheap to keep for every one.
using Pending = std::pair<const storage::CaseSummary*, storage::PendingTask>;

// Sorted by deadline, counted, and only the first kMaxItems worded: a national day has hundreds
// of thousands of pending tasks.
DueList Worded(Workspace& ws, const storage::CampaignRecord& campaign,
               std::vector<Pending>& pending) {
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.second.due_date, a.first->school_code) <
           std::tie(b.second.due_date, b.first->school_code);
  });
  DueList list;
  list.total = pending.size();
  for (std::size_t i = 0; i < pending.size() && i < DashboardFigures::kMaxItems; ++i) {
    list.items.push_back(DueOf(ws, campaign, *pending[i].first, pending[i].second));
  }
  return list;
}

void AddDueTasks(Workspace& ws, const storage::CampaignRecord& campaign,
                 const std::vector<storage::CaseSummary>& rows, DashboardFigures& f) {
  std::map<storage::Id, const storage::CaseSummary*> by_case;
  for (const auto& row : rows) by_case[row.case_id] = &row;
  std::vector<Pending> overdue, week;
  storage::ForEachPendingTask(
      ws.db(), campaign.id, {f.week_end, {}}, [&](const storage::PendingTask& task) {
        auto it = by_case.find(task.case_id);
        if (it == by_case.end()) return;
        (task.due_date < f.today ? overdue : week).emplace_back(it->second, task);
      });
  f.overdue = Worded(ws, campaign, overdue);
  f.week = Worded(ws, campaign, week);
}

}  // namespace

DashboardFigures Dashboard(Workspace& ws, const storage::CampaignRecord& campaign,
                           const Actor& viewer, const std::string& municipality) {
  storage::CaseFilter filter;
  filter.municipality = municipality;
  auto rows = CaseQueries(ws, campaign).List(viewer, filter);
  DashboardFigures f;
  f.today = ws.Today(campaign);
  f.week_end = FormatIsoDate(AddDays(*ParseIsoDate(f.today), DashboardFigures::kWeekDays));
  f.total = rows.size();
  std::map<std::string, MunicipalityFigures> municipalities;
  std::map<std::string, int> stages;
  for (const auto& row : rows) {
    auto& m = municipalities[row.municipality];
    m.name = row.municipality;
    CountSchool(row, m, stages, f);
  }
  for (auto& [name, m] : municipalities) f.municipalities.push_back(std::move(m));
  const auto& definition = ws.workflows().Get(campaign.workflow_id, campaign.workflow_version);
  for (const auto& stage : definition.stages) {
    f.stages.push_back({stage.id, stage.title, stages[stage.id]});
  }
  AddDueTasks(ws, campaign, rows, f);
  return f;
}

}  // namespace shnor
