#include "app/DemoYear.h"

#include <set>

#include "engine/workspace/SchoolContacts.h"

namespace shnor::app {
namespace {

using storage::TaskStatus;

// FNV-1a: the demo must make the same year for the same seed on every machine.
std::uint32_t Hash(const std::string& text, std::uint32_t seed) {
  std::uint32_t h = 2166136261u ^ seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

Date DateOf(std::int64_t utc_seconds, int offset) {
  return LocalDate(TimePoint{std::chrono::seconds{utc_seconds}}, offset);
}

Actor ActorFor(const std::vector<Contact>& contacts, storage::PersonRole role) {
  for (const Contact& c : contacts) {
    if (c.role == role) return Actor{c.full_name, RoleOf(role)};
  }
  return Actor{"администратор (демонстрация)", Role::Administrator};
}

}  // namespace

struct DemoYear::School {
  enum class Profile { OnTime, Late, NeedsRevision };
  storage::Id case_id = 0;
  std::string code;
  Profile profile = Profile::OnTime;
  Actor school, coordinator, curator;
  bool withdraws = false;
  bool returns = false;
  bool returned_once = false;
  std::set<std::string> revised;  // tasks already sent back once: the second version passes

  const Actor& ActorFor(Role role) const {
    if (role == Role::School) return school;
    if (role == Role::Coordinator) return coordinator;
    return curator;
  }
};

DemoYear::DemoYear(Workspace& ws, SimulatedClock& clock, const storage::CampaignRecord& campaign,
                   std::uint32_t seed, DocumentService* documents)
    : ws_(ws), clock_(clock), campaign_(campaign), seed_(seed), cases_(ws, documents) {
  auto summaries = cases_.Summaries(campaign_, {});
  for (const auto& summary : summaries) {
    School s;
    s.case_id = summary.case_id;
    s.code = summary.school_code;
    std::uint32_t r = Hash(s.code, seed_) % 100;
    s.profile = r < 70 ? School::Profile::OnTime
                       : (r < 88 ? School::Profile::Late : School::Profile::NeedsRevision);
    auto contacts = ContactsOf(ws_, cases_.View(s.case_id).school);
    s.school = ActorFor(contacts, storage::PersonRole::SchoolContact);
    s.coordinator = ActorFor(contacts, storage::PersonRole::Coordinator);
    s.curator = ActorFor(contacts, storage::PersonRole::Curator);
    schools_.push_back(std::move(s));
  }
  if (schools_.size() >= 2) {
    schools_[seed_ % schools_.size()].withdraws = true;
    schools_[(seed_ / 7 + 3) % schools_.size()].returns = true;
  }
}

DemoYear::~DemoYear() = default;

void DemoYear::Run(const std::function<void(Date)>& morning,
                   const std::function<void(const DemoDay&)>& on_day) {
  Date day = *ParseIsoDate(campaign_.order_date);
  Date last = *ParseIsoDate(campaign_.end_date);
  for (; std::chrono::sys_days{day} <= std::chrono::sys_days{last}; day = AddDays(day, 1)) {
    if (morning) morning(day);
    SimulateDay(day);
    if (on_day) on_day(Snapshot(day));
  }
}

void DemoYear::SimulateDay(Date today) {
  // Office hours in the region: the day's actions happen at 10:00 local time.
  clock_.Set(StartOfLocalDay(today, campaign_.utc_offset_minutes) + std::chrono::hours{10});
  for (School& school : schools_) Act(school, today);
}

void DemoYear::Act(School& school, Date today) {
  auto active = [&] { return cases_.View(school.case_id); };
  CaseView view = active();
  if (view.record.status != storage::CaseStatus::Active) return;
  Scripted(school, view, today);
  view = active();
  if (view.record.status != storage::CaseStatus::Active) return;
  DoWork(school, view, today);
  Review(school, active(), today);
  MoveOn(school, active(), today);
}

bool DemoYear::Run(School& school, const Command& command, const Actor& actor) {
  CommandResult result = cases_.Execute(school.case_id, command, actor);
  if (!result.applied()) ++totals_.refused;
  return result.applied();
}

void DemoYear::DoWork(School& school, const CaseView& view, Date today) {
  int offset = campaign_.utc_offset_minutes;
  for (const auto& task : view.record.tasks) {
    if (task.stage_id != view.record.stage_id) continue;
    const TaskDefinition* def = view.definition->FindTask(task.task_id);
    if (!def || (!def->required && school.profile != School::Profile::OnTime)) continue;
    Date changed = DateOf(task.updated_at, offset);
    Date planned = AddDays(changed, 3);  // a returned task comes back three days later
    if (task.status == TaskStatus::Open) {
      std::uint32_t r = Hash(school.code + task.task_id + task.period, seed_);
      int shift = school.profile == School::Profile::Late ? 2 + static_cast<int>(r % 10)
                                                          : -1 - static_cast<int>(r % 5);
      auto due = ParseIsoDate(task.due_date);
      planned = due ? AddDays(*due, shift) : today;
      if (DaysBetween(changed, planned) < 1) planned = AddDays(changed, 1);
    } else if (task.status != TaskStatus::Returned) {
      continue;
    }
    if (DaysBetween(planned, today) < 0) continue;
    Command submit{
        CommandKind::TaskSubmit, "", false, TaskReference(task.task_id, task.period), {}, ""};
    if (!Run(school, submit, school.ActorFor(def->owner))) continue;
    ++totals_.submitted;
    auto due = ParseIsoDate(task.due_date);
    if (due && DaysBetween(*due, today) > 0) ++totals_.submitted_late;
  }
}

void DemoYear::Review(School& school, const CaseView& view, Date today) {
  for (const auto& task : view.record.tasks) {
    if (task.stage_id != view.record.stage_id || task.status != TaskStatus::Submitted) continue;
    if (DaysBetween(DateOf(task.updated_at, campaign_.utc_offset_minutes), today) < 2) continue;
    const TaskDefinition* def = view.definition->FindTask(task.task_id);
    std::string ref = TaskReference(task.task_id, task.period);
    bool send_back = school.profile == School::Profile::NeedsRevision &&
                     !school.revised.count(ref) && def && def->required && task.period.empty();
    Command review{send_back ? CommandKind::TaskReturn : CommandKind::TaskApprove,
                   send_back ? "Требуется доработка: уточните целевые показатели и сроки мер" : "",
                   false,
                   TaskReference(task.task_id, task.period),
                   {},
                   ""};
    if (!Run(school, review, school.ActorFor(def ? def->reviewer : Role::Curator))) continue;
    if (send_back) school.revised.insert(ref);
    ++(send_back ? totals_.returned_for_revision : totals_.approved);
  }
}

void DemoYear::MoveOn(School& school, const CaseView& view, Date today) {
  const WorkflowDefinition& def = *view.definition;
  for (const auto& task : view.record.tasks) {
    const TaskDefinition* t = def.FindTask(task.task_id);
    bool required = t && t->required;
    if (task.stage_id == view.record.stage_id && required && task.status != TaskStatus::Approved) {
      return;
    }
  }
  int year = Workspace::YearOf(campaign_);
  if (const TransitionDefinition* advance = def.AdvanceFrom(view.record.stage_id)) {
    const StageDefinition* next = def.FindStage(advance->to);
    if (next && DaysBetween(next->window_from.InYear(year), today) >= 0) {
      if (Run(school, Command{CommandKind::Advance, "", false, "", {}, ""}, school.curator)) {
        ++totals_.advanced;
      }
    }
  } else if (def.CompleteFrom(view.record.stage_id) && today.month() == std::chrono::December &&
             static_cast<unsigned>(today.day()) >= 16) {
    if (Run(school, Command{CommandKind::Complete, "", false, "", {}, ""}, school.curator)) {
      ++totals_.completed;
    }
  }
}

void DemoYear::Scripted(School& school, const CaseView& view, Date today) {
  int year = Workspace::YearOf(campaign_);
  const auto& stages = view.definition->stages;
  if (school.withdraws &&
      today == Date{std::chrono::year{year}, std::chrono::June, std::chrono::day{14}}) {
    Command withdraw{
        CommandKind::Withdraw, "Реорганизация ОО: присоединение к другой школе", false, "", {}, ""};
    if (Run(school, withdraw, school.curator)) ++totals_.withdrawn;
  }
  bool third_stage = stages.size() > 2 && view.record.stage_id == stages[2].id;
  Date after{std::chrono::year{year}, std::chrono::May, std::chrono::day{20}};
  if (school.returns && !school.returned_once && third_stage && DaysBetween(after, today) >= 0) {
    Command back{CommandKind::Return,
                 "По итогам собеседования программа перехода требует доработки",
                 false,
                 "",
                 {},
                 ""};
    school.returned_once = Run(school, back, school.curator);
    if (school.returned_once) ++totals_.returned_to_previous_stage;
  }
}

DemoDay DemoYear::Snapshot(Date today) {
  DemoDay day{today, {}, 0, 0};
  for (const auto& s : cases_.Summaries(campaign_, {})) {
    if (s.status == storage::CaseStatus::Withdrawn) {
      ++day.withdrawn;
    } else if (s.status == storage::CaseStatus::Completed) {
      ++day.completed;
    } else {
      ++day.by_stage[s.stage_id];
    }
  }
  return day;
}

}  // namespace shnor::app
