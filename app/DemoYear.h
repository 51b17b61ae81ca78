#pragma once
// The sample year, simulated day by day from the order date to the end of December. Schools
// submit their tasks (most on time, some late), coordinators and curators review them (a few are
// returned for revision), curators advance schools when a stage's work is approved and the next
// window is open, one school is returned to the previous stage and one withdraws. Everything
// goes through CaseService, exactly as the CLI's commands do.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/calendar/Clock.h"
#include "engine/cases/CaseService.h"
#include "engine/workspace/Workspace.h"

namespace shnor::app {

struct DemoTotals {
  int submitted = 0;
  int submitted_late = 0;
  int approved = 0;
  int returned_for_revision = 0;
  int advanced = 0;
  int returned_to_previous_stage = 0;
  int withdrawn = 0;
  int completed = 0;
  int refused = 0;  // commands the engine refused (e.g. a window not yet open)
};

struct DemoDay {
  Date date;
  std::map<std::string, int> by_stage;  // active cases per stage
  int withdrawn = 0;
  int completed = 0;
};

class DemoYear {
 public:
  DemoYear(Workspace& workspace, SimulatedClock& clock, const storage::CampaignRecord& campaign,
           std::uint32_t seed, DocumentService* documents = nullptr);
  ~DemoYear();

  // `morning` runs before each day's work (the reminders go out then), `on_day` after it.
  void Run(const std::function<void(Date)>& morning,
           const std::function<void(const DemoDay&)>& on_day);
  const DemoTotals& totals() const { return totals_; }
  // Transitions then make their documents (notices, road maps) as the CLI's do.

 private:
  struct School;
  void SimulateDay(Date today);
  void Act(School& school, Date today);
  void DoWork(School& school, const CaseView& view, Date today);
  void Review(School& school, const CaseView& view, Date today);
  void MoveOn(School& school, const CaseView& view, Date today);
  void Scripted(School& school, const CaseView& view, Date today);
  bool Run(School& school, const Command& command, const Actor& actor);
  DemoDay Snapshot(Date today);

  Workspace& ws_;
  SimulatedClock& clock_;
  storage::CampaignRecord campaign_;
  std::uint32_t seed_;
  CaseService cases_;
  std::vector<School> schools_;
  DemoTotals totals_;
};

}  // namespace shnor::app
