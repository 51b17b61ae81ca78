#include "engine/reminders/ReminderPlanner.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/base/Text.h"
#include "engine/letters/MailMessage.h"
#include "engine/reminders/DigestItems.h"
#include "engine/reminders/ReminderDigest.h"
#include "engine/workspace/SchoolContacts.h"
#include "storage/OutboxRepository.h"
#include "storage/PendingTasks.h"
#include "storage/Sha256.h"

namespace shnor {

using storage::Id;

// The campaign's schools and who is reached, by role, for each of them. Each distinct address
// (compared lower-cased) gets a slot, so gathering a letter's items is an index, not a lookup.
struct ReminderPlanner::People {
  using Slots = std::vector<std::size_t>;
  std::unordered_map<Id, storage::SchoolListing> schools;
  std::vector<Recipient> recipients;           // by slot: the first person listed with the address
  std::vector<std::string> keys;               // by slot: the address lower-cased
  std::unordered_map<Id, Slots> contacts;      // by school
  std::unordered_map<Id, Slots> coordinators;  // by municipality
  std::unordered_map<Id, Slots> curators;      // by municipality

  People(storage::Database& db, Id campaign_id) {
    storage::DirectoryRepository directory(db);
    for (auto& s : directory.Schools(campaign_id)) schools.emplace(s.school.id, std::move(s));
    std::unordered_map<std::string, std::size_t> slot_of;
    for (const auto& p : directory.People(campaign_id)) {
      for (const auto& role : p.roles) {
        Recipient r{Trim(p.person.email), p.person.full_name, role.role};
        auto [it, added] = slot_of.emplace(LowerRu(r.email), recipients.size());
        if (added) {
          keys.push_back(it->first);
          recipients.push_back(std::move(r));
        }
        if (role.role == PersonRole::SchoolContact && role.school_id) {
          contacts[*role.school_id].push_back(it->second);
        } else if (role.role == PersonRole::Coordinator && role.municipality_id) {
          coordinators[*role.municipality_id].push_back(it->second);
        } else if (role.role == PersonRole::Curator && role.municipality_id) {
          curators[*role.municipality_id].push_back(it->second);
        }
      }
    }
  }

  const Slots& Of(Role role, const storage::SchoolRecord& school) const {
    static const Slots kNone;
    const auto& map = role == Role::School        ? contacts
                      : role == Role::Coordinator ? coordinators
                                                  : curators;
    auto found = map.find(role == Role::School ? school.id : school.municipality_id);
    return found == map.end() ? kNone : found->second;
  }
};

namespace {

struct Gatherer {
  const std::vector<std::string>& keys;  // of the recipient slots
  ReminderPlan& plan;
  std::vector<DigestLetter> letters;  // by recipient slot; empty for people with nothing today
  std::set<std::string> told;         // problems already reported

  void Add(const std::vector<std::size_t>& to, ReminderItem& item, bool last) {
    for (std::size_t i = 0; i < to.size(); ++i) {
      if (last && i + 1 == to.size()) {
        letters[to[i]].items.push_back(std::move(item));
      } else {
        letters[to[i]].items.push_back(item);
      }
    }
  }

  // The letters with items, in the order of their addresses.
  std::vector<std::size_t> Used() const {
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < letters.size(); ++i) {
      if (!letters[i].items.empty()) used.push_back(i);
    }
    std::sort(used.begin(), used.end(),
              [this](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    return used;
  }

  void Nobody(const ReminderItem& item, Role role) {
    std::string text = "Школа " + item.school_code + " (" + item.school_name + "): нет " +
                       (role == Role::School ? std::string("ответственного от ОО")
                                             : std::string(RussianName(role))) +
                       " в списке людей проекта — напоминания по её задачам некому отправить";
    if (told.insert(text).second) plan.problems.push_back(text);
  }
};

std::string MessageDomain(const std::string& code) {
  std::string out;
  for (char c : code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    out += ok ? c : (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : 'x');
  }
  return (out.empty() ? "campaign" : out) + ".shnor.local";
}

// The letter's key: the same campaign, address, day and items give the same key, whatever
// order the scan met them in, which is why the items are sorted first.
std::string LetterKey(const DigestLetter& letter, const std::string& campaign_code,
                      const std::string& address_key) {
  std::string key = campaign_code + "\n" + address_key + "\n" + letter.day;
  key.reserve(key.size() + letter.items.size() * 48);
  for (const ReminderItem& item : letter.items) {
    key += '\n';
    key += std::to_string(item.case_id);
    key += ' ';
    key += item.task_id;
    key += '@';
    key += item.period;
    key += ' ';
    key += std::to_string(static_cast<int>(item.kind));
    key += ' ';
    key += std::to_string(item.working_days);
    if (item.escalation) key += " e";
  }
  return storage::Sha256Hex(key);
}

void Finish(DigestLetter& letter, const storage::CampaignRecord& campaign,
            const std::string& address_key) {
  std::stable_sort(letter.items.begin(), letter.items.end(), [](const auto& a, const auto& b) {
    return std::tie(a.escalation, a.municipality, a.school_name, a.school_code, a.due_at, a.task_id,
                    a.period) < std::tie(b.escalation, b.municipality, b.school_name, b.school_code,
                                         b.due_at, b.task_id, b.period);
  });
  for (const ReminderItem& item : letter.items) letter.escalations += item.escalation ? 1 : 0;
  letter.key = LetterKey(letter, campaign.code, address_key);
  letter.message_id = "<reminder." + letter.day + "." + letter.key.substr(0, 24) + "@" +
                      MessageDomain(campaign.code) + ">";
  if (!mail::IsValidEmail(letter.to.email)) {
    letter.address_problem = "неверный адрес электронной почты «" + letter.to.email + "» у " +
                             letter.to.name + " (" + RussianName(letter.to.role) + ")";
  }
}

}  // namespace

ReminderPlanner::ReminderPlanner(Workspace& workspace, const storage::CampaignRecord& campaign)
    : ws_(workspace), campaign_(campaign) {}

ReminderPlan ReminderPlanner::Plan(Date today) {
  ReminderPlan plan;
  plan.day = FormatIsoDate(today);
  const ProductionCalendar& calendar = ws_.CalendarOf(campaign_);
  plan.working_day = calendar.IsWorkingDay(today);
  if (!plan.working_day) return plan;
  People people(ws_.db(), campaign_.id);
  Gatherer gather{people.keys, plan, std::vector<DigestLetter>(people.recipients.size()), {}};
  // Deadlines repeat across schools: a policy is asked once per (task definition, due date).
  struct Due {
    Date date;
    std::optional<ReminderTrigger> trigger;
  };
  std::map<const TaskDefinition*, std::unordered_map<std::string, Due>> triggers;
  std::map<int, const WorkflowDefinition*> definitions;
  storage::PendingFilter filter = FilterFor(today, calendar);
  storage::ForEachPendingTask(ws_.db(), campaign_.id, filter, [&](const storage::PendingTask& row) {
    const WorkflowDefinition*& def = definitions[row.workflow_version];
    if (!def) def = &ws_.workflows().Get(campaign_.workflow_id, row.workflow_version);
    const TaskDefinition* task = def->FindTask(row.task_id);
    if (!task) return;
    auto& by_due = triggers[task];
    auto found = by_due.find(row.due_date);
    if (found == by_due.end()) {
      Due due{};
      if (auto date = ParseIsoDate(row.due_date)) {
        due = Due{*date, TriggerOn(task->reminders, calendar, today, *date)};
      }
      found = by_due.emplace(row.due_date, due).first;
    }
    if (!found->second.trigger) return;
    const ReminderTrigger& t = *found->second.trigger;
    auto school = people.schools.find(row.school_id);
    if (school == people.schools.end()) return;
    const storage::SchoolRecord& s = school->second.school;
    ReminderItem item{row.case_id, s.code,     s.name,         school->second.municipality,
                      row.task_id, row.period, task->title,    found->second.date,
                      row.due_at,  t.kind,     t.working_days, false};
    // The item is copied to every recipient but the last, who gets it moved: at national scale
    // the copies of its names are most of the scan's work.
    struct Target {
      Role role;
      bool escalation;
    };
    Target targets[3];
    int n = 0;
    if (t.owner) targets[n++] = {task->owner, false};
    // Escalation goes up the line only: a coordinator's own late task is the curator's concern.
    if (t.coordinator && task->owner == Role::School) targets[n++] = {Role::Coordinator, true};
    if (t.curator && task->owner != Role::Curator) targets[n++] = {Role::Curator, true};
    for (int i = 0; i < n; ++i) {
      item.escalation = targets[i].escalation;
      const auto& to = people.Of(targets[i].role, s);
      if (to.empty()) gather.Nobody(item, targets[i].role);
      plan.items += static_cast<int>(to.size());
      if (item.escalation) plan.escalations += static_cast<int>(to.size());
      gather.Add(to, item, i + 1 == n);
    }
  });
  for (std::size_t slot : gather.Used()) {
    DigestLetter& letter = gather.letters[slot];
    letter.to = people.recipients[slot];
    letter.day = plan.day;
    Finish(letter, campaign_, people.keys[slot]);
    if (!letter.address_problem.empty()) plan.problems.push_back(letter.address_problem);
    plan.letters.push_back(std::move(letter));
  }
  return plan;
}

// Deadlines up to today may be overdue reminders on any day; a later one matters only on the
// days some task's policy reminds "before", found by asking the same TriggerOn the scan uses.
storage::PendingFilter ReminderPlanner::FilterFor(Date today, const ProductionCalendar& calendar) {
  std::vector<const ReminderPolicy*> policies;
  int furthest = 0;
  for (int version : storage::CaseWorkflowVersions(ws_.db(), campaign_.id)) {
    for (const StageDefinition& stage :
         ws_.workflows().Get(campaign_.workflow_id, version).stages) {
      for (const TaskDefinition& task : stage.tasks) {
        policies.push_back(&task.reminders);
        for (int days : task.reminders.before) furthest = std::max(furthest, days);
      }
    }
  }
  storage::PendingFilter filter{FormatIsoDate(today), {}};
  Date last = calendar.AddWorkingDays(today, furthest + 1);
  for (Date day = AddDays(today, 1); DaysBetween(day, last) >= 0; day = AddDays(day, 1)) {
    for (const ReminderPolicy* policy : policies) {
      if (TriggerOn(*policy, calendar, today, day)) {
        filter.due_on.push_back(FormatIsoDate(day));
        break;
      }
    }
  }
  return filter;
}

PlanWriteResult ReminderPlanner::Write(const ReminderPlan& plan) {
  PlanWriteResult result;
  std::int64_t now = ws_.clock().Now().time_since_epoch().count();
  storage::OutboxRepository outbox(ws_.db());
  storage::Database::Transaction tx(ws_.db());
  for (const DigestLetter& letter : plan.letters) {
    storage::OutboxLetter row;
    row.campaign_id = campaign_.id;
    row.key = letter.key;
    row.day = letter.day;
    row.recipient_email = letter.to.email;
    row.recipient_name = letter.to.name;
    row.recipient_role = storage::ToString(letter.to.role);
    row.subject = DigestSubject(letter);
    row.items_json = ItemsToJson(letter.items);
    row.message_id = letter.message_id;
    row.items = static_cast<int>(letter.items.size());
    row.escalations = letter.escalations;
    // A letter to an unusable address is kept, failed, so that a person sees and fixes it.
    row.status = letter.address_problem.empty() ? storage::LetterStatus::Planned
                                                : storage::LetterStatus::Failed;
    row.last_error = letter.address_problem;
    row.next_attempt_at = now;
    row.planned_at = now;
    if (!outbox.Insert(row)) {
      ++result.already_planned;
      continue;
    }
    ++result.planned;
    result.escalations += letter.escalations;
    if (!letter.address_problem.empty()) ++result.unusable_addresses;
  }
  tx.Commit();
  return result;
}

}  // namespace shnor
