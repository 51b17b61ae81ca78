// GET /api/dashboard: the engine's DashboardFigures of the requesting user, as JSON.
#include "app/ApiErrors.h"
#include "app/ApiJson.h"
#include "app/ApiParams.h"
#include "app/ApiRoutes.h"
#include "engine/cases/DashboardFigures.h"
#include "engine/workflow/StatusNames.h"

namespace shnor::app {
namespace {

using nlohmann::json;

json DueListJson(const DueList& list) {
  json items = json::array();
  for (const DueTask& task : list.items) {
    items.push_back(
        {{"school_code", task.school_code},
         {"school_name", task.school_name},
         {"municipality", task.municipality},
         {"task", task.task},
         {"title", task.title},
         {"due", task.due},
         {"status", {{"code", ToString(task.status)}, {"name", RussianName(task.status)}}}});
  }
  return {{"total", list.total}, {"items", items}};
}

json StagesJson(const std::vector<StageFigure>& stages) {
  json list = json::array();
  for (const auto& s : stages)
    list.push_back({{"id", s.id}, {"title", s.title}, {"count", s.count}});
  return list;
}

json MunicipalitiesJson(const std::vector<MunicipalityFigures>& municipalities) {
  json list = json::array();
  for (const auto& m : municipalities) {
    list.push_back({{"name", m.name},
                    {"total", m.total},
                    {"completed", m.completed},
                    {"withdrawn", m.withdrawn},
                    {"overdue_tasks", m.overdue_tasks},
                    {"stages", m.stages}});
  }
  return list;
}

}  // namespace

HttpResponse ApiRoutes::Dashboard(const ApiTarget& t, const Actor& actor) {
  OnlyParams(t, {"municipality"});
  DashboardFigures f = shnor::Dashboard(ws_, campaign_, actor, Param(t, "municipality"));
  HttpResponse response;
  response.body = DumpJson({{"today", f.today},
                            {"week_end", f.week_end},
                            {"total", f.total},
                            {"completed", f.completed},
                            {"withdrawn", f.withdrawn},
                            {"stages", StagesJson(f.stages)},
                            {"municipalities", MunicipalitiesJson(f.municipalities)},
                            {"overdue", DueListJson(f.overdue)},
                            {"week", DueListJson(f.week)}});
  return response;
}

}  // namespace shnor::app
