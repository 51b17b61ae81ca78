// GET /api/dashboard: what a curator looks at first — schools by stage, by municipality, the
// overdue work and this week's deadlines — counted on the server, so the page stays light for a
// region of thousands of schools.
#include <algorithm>
#include <map>

#include "app/ApiErrors.h"
#include "app/ApiJson.h"
#include "app/ApiParams.h"
#include "app/ApiRoutes.h"
#include "engine/calendar/Date.h"
#include "engine/cases/CaseQueries.h"
#include "engine/workflow/StatusNames.h"
#include "storage/PendingTasks.h"

namespace shnor::app {
namespace {

using nlohmann::json;

// A list the page shows in full; the rest is counted and reached through the filters.
constexpr std::size_t kMaxItems = 200;
constexpr int kWeekDays = 7;

struct MunicipalityCounts {
  int total = 0;
  int completed = 0;
  int withdrawn = 0;
  int overdue_tasks = 0;
  std::map<std::string, int> stages;
};

struct DueItem {
  const storage::CaseSummary* school;
  const storage::PendingTask* task;
};

json DueItemsJson(std::vector<DueItem>& items, Workspace& ws,
                  const storage::CampaignRecord& campaign) {
  std::sort(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) {
    return std::tie(a.task->due_date, a.school->school_code) <
           std::tie(b.task->due_date, b.school->school_code);
  });
  json list = json::array();
  for (std::size_t i = 0; i < items.size() && i < kMaxItems; ++i) {
    const auto& [school, task] = items[i];
    const auto& definition = ws.workflows().Get(campaign.workflow_id, task->workflow_version);
    const TaskDefinition* def = definition.FindTask(task->task_id);
    list.push_back(
        {{"school_code", school->school_code},
         {"school_name", school->school_name},
         {"municipality", school->municipality},
         {"task", TaskReference(task->task_id, task->period)},
         {"title", def ? def->title : task->task_id},
         {"due", task->due_date},
         {"status",
          {{"code", storage::ToString(task->status)}, {"name", RussianName(task->status)}}}});
  }
  return {{"total", items.size()}, {"items", list}};
}

}  // namespace

HttpResponse ApiRoutes::Dashboard(const ApiTarget& t, const Actor& actor) {
  OnlyParams(t, {"municipality"});
  storage::CaseFilter filter;
  filter.municipality = Param(t, "municipality");
  auto rows = CaseQueries(ws_, campaign_).List(actor, filter);
  std::map<std::string, MunicipalityCounts> municipalities;
  std::map<std::string, int> stages;
  int completed = 0;
  int withdrawn = 0;
  std::map<storage::Id, const storage::CaseSummary*> by_case;
  for (const auto& row : rows) {
    by_case[row.case_id] = &row;
    auto& m = municipalities[row.municipality];
    ++m.total;
    m.overdue_tasks += row.overdue_tasks;
    if (row.status == storage::CaseStatus::Completed) {
      ++m.completed;
      ++completed;
    } else if (row.status == storage::CaseStatus::Withdrawn) {
      ++m.withdrawn;
      ++withdrawn;
    } else {
      ++m.stages[row.stage_id];
      ++stages[row.stage_id];
    }
  }
  std::string today = ws_.Today(campaign_);
  std::string week_end = FormatIsoDate(AddDays(*ParseIsoDate(today), kWeekDays));
  std::vector<storage::PendingTask> pending;
  storage::ForEachPendingTask(ws_.db(), campaign_.id, {week_end, {}},
                              [&](const storage::PendingTask& task) {
                                if (by_case.count(task.case_id)) pending.push_back(task);
                              });
  std::vector<DueItem> overdue;
  std::vector<DueItem> week;
  for (const auto& task : pending) {
    (task.due_date < today ? overdue : week).push_back({by_case[task.case_id], &task});
  }
  json stage_list = json::array();
  for (const auto& stage : Definition().stages) {
    stage_list.push_back({{"id", stage.id}, {"title", stage.title}, {"count", stages[stage.id]}});
  }
  json municipality_list = json::array();
  for (const auto& [name, m] : municipalities) {
    municipality_list.push_back({{"name", name},
                                 {"total", m.total},
                                 {"completed", m.completed},
                                 {"withdrawn", m.withdrawn},
                                 {"overdue_tasks", m.overdue_tasks},
                                 {"stages", m.stages}});
  }
  HttpResponse response;
  response.body = DumpJson({{"today", today},
                            {"week_end", week_end},
                            {"total", rows.size()},
                            {"completed", completed},
                            {"withdrawn", withdrawn},
                            {"stages", stage_list},
                            {"municipalities", municipality_list},
                            {"overdue", DueItemsJson(overdue, ws_, campaign_)},
                            {"week", DueItemsJson(week, ws_, campaign_)}});
  return response;
}

}  // namespace shnor::app
