#pragma once
// What a curator looks at first — the viewer's schools by stage and by municipality, the overdue
// work and this week's deadlines — counted in the engine, so the page, and any other adapter,
// shows the same figures for the same actor. Withdrawn and completed schools are counted apart
// from the stages.
#include <map>
#include <string>
#include <vector>

#include "engine/cases/CaseQueries.h"

namespace shnor {

struct MunicipalityFigures {
  std::string name;
  int total = 0;
  int completed = 0;
  int withdrawn = 0;
  int overdue_tasks = 0;
  std::map<std::string, int> stages;  // active schools by stage id
};

struct StageFigure {
  std::string id;
  std::string title;
  int count = 0;  // active schools in the stage
};

// One task due, with its school and title.
struct DueTask {
  std::string school_code;
  std::string school_name;
  std::string municipality;
  std::string task;   // reference: "dtk", "monthly-report@2024-05"
  std::string title;  // from the case's workflow version
  std::string due;    // ISO date
  TaskStatus status = TaskStatus::Open;
};

// The first `kMaxItems` by deadline, and how many there are in all.
struct DueList {
  std::size_t total = 0;
  std::vector<DueTask> items;
};

struct DashboardFigures {
  static constexpr std::size_t kMaxItems = 200;  // the rest is reached through the filters
  static constexpr int kWeekDays = 7;

  std::string today;
  std::string week_end;
  std::size_t total = 0;
  int completed = 0;
  int withdrawn = 0;
  std::vector<StageFigure> stages;                  // in the workflow's order
  std::vector<MunicipalityFigures> municipalities;  // by name
  DueList overdue;                                  // due before today
  DueList week;                                     // due from today to week_end
};

// The figures over the viewer's schools, optionally of one municipality.
DashboardFigures Dashboard(Workspace& workspace, const storage::CampaignRecord& campaign,
                           const Actor& viewer, const std::string& municipality);

}  // namespace shnor
