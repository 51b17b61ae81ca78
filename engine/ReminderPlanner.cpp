#include "engine/ReminderPlanner.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/DigestItems.h"
#include "engine/MailMessage.h"
#include "engine/ReminderDigest.h"
#include "engine/SchoolContacts.h"
#include "engine/Text.h"
#include "storage/OutboxRepository.h"
#include "storage/PendingTasks.h"
#include "storage/Sha256.h"

namespace shnor {

using storage::Id;
using storage::PersonRole;

// The campaign's schools and who is reached, by role, for each of them.
struct ReminderPlanner::People {
  std::unordered_map<Id, storage::SchoolListing> schools;
  std::unordered_map<Id, std::vector<Recipient>> contacts;      // by school
  std::unordered_map<Id, std::vector<Recipient>> coordinators;  // by municipality
  std::unordered_map<Id, std::vector<Recipient>> curators;      // by municipality

  People(storage::Database& db, Id campaign_id) {
    storage::DirectoryRepository directory(db);
    for (auto& s : directory.Schools(campaign_id)) schools.emplace(s.school.id, std::move(s));
    for (const auto& p : directory.People(campaign_id)) {
      for (const auto& role : p.roles) {
        Recipient r{Trim(p.person.email), p.person.full_name, role.role};
        if (role.role == PersonRole::SchoolContact && role.school_id) {
          contacts[*role.school_id].push_back(r);
        } else if (role.role == PersonRole::Coordinator && role.municipality_id) {
          coordinators[*role.municipality_id].push_back(r);
        } else if (role.role == PersonRole::Curator && role.municipality_id) {
          curators[*role.municipality_id].push_back(r);
        }
      }
    }
  }

  const std::vector<Recipient>& Of(Role role, const storage::SchoolRecord& school) const {
    static const std::vector<Recipient> kNone;
    const auto& map = role == Role::School        ? contacts
                      : role == Role::Coordinator ? coordinators
                                                  : curators;
    auto found = map.find(role == Role::School ? school.id : school.municipality_id);
    return found == map.end() ? kNone : found->second;
  }
};

namespace {

struct Gatherer {
  const storage::CampaignRecord& campaign;
  ReminderPlan& plan;
  std::map<std::string, DigestLetter> letters;  // by address, lower-cased
  std::set<std::string> told;                   // problems already reported

  void Add(const std::vector<Recipient>& to, const ReminderItem& item) {
    for (const Recipient& r : to) {
      DigestLetter& letter = letters[LowerRu(r.email)];
      if (letter.to.email.empty() && letter.items.empty()) {
        letter.to = r;
        letter.day = plan.day;
      }
      letter.items.push_back(item);
    }
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

void Finish(DigestLetter& letter, const storage::CampaignRecord& campaign) {
  std::stable_sort(letter.items.begin(), letter.items.end(), [](const auto& a, const auto& b) {
    return std::tie(a.escalation, a.municipality, a.school_name, a.school_code, a.due_at, a.task_id,
                    a.period) < std::tie(b.escalation, b.municipality, b.school_name, b.school_code,
                                         b.due_at, b.task_id, b.period);
  });
  std::string key = campaign.code + "\n" + LowerRu(letter.to.email) + "\n" + letter.day;
  for (const ReminderItem& item : letter.items) {
    key += "\n" + std::to_string(item.case_id) + " " + item.task_id + "@" + item.period + " " +
           std::to_string(static_cast<int>(item.kind)) + " " + std::to_string(item.working_days) +
           (item.escalation ? " e" : "");
    letter.escalations += item.escalation ? 1 : 0;
  }
  letter.key = storage::Sha256Hex(key);
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
  Gatherer gather{campaign_, plan, {}, {}};
  // Deadlines repeat across schools: a policy is asked once per (task definition, due date).
  std::map<const TaskDefinition*, std::unordered_map<std::string, std::optional<ReminderTrigger>>>
      triggers;
  std::map<int, const WorkflowDefinition*> definitions;
  storage::ForEachPendingTask(ws_.db(), campaign_.id, [&](const storage::PendingTask& row) {
    const WorkflowDefinition*& def = definitions[row.workflow_version];
    if (!def) def = &ws_.workflows().Get(campaign_.workflow_id, row.workflow_version);
    const TaskDefinition* task = def->FindTask(row.task_id);
    if (!task) return;
    auto& by_due = triggers[task];
    auto found = by_due.find(row.due_date);
    if (found == by_due.end()) {
      auto due = ParseIsoDate(row.due_date);
      std::optional<ReminderTrigger> trigger;
      if (due) trigger = TriggerOn(task->reminders, calendar, today, *due);
      found = by_due.emplace(row.due_date, trigger).first;
    }
    if (!found->second) return;
    const ReminderTrigger& t = *found->second;
    auto school = people.schools.find(row.school_id);
    if (school == people.schools.end()) return;
    const storage::SchoolRecord& s = school->second.school;
    ReminderItem item{row.case_id, s.code,     s.name,         school->second.municipality,
                      row.task_id, row.period, task->title,    *ParseIsoDate(row.due_date),
                      row.due_at,  t.kind,     t.working_days, false};
    auto send = [&](Role role, bool escalation) {
      item.escalation = escalation;
      const auto& to = people.Of(role, s);
      if (to.empty()) gather.Nobody(item, role);
      gather.Add(to, item);
      plan.items += static_cast<int>(to.size());
      if (escalation) plan.escalations += static_cast<int>(to.size());
    };
    if (t.owner) send(task->owner, false);
    // Escalation goes up the line only: a coordinator's own late task is the curator's concern.
    if (t.coordinator && task->owner == Role::School) send(Role::Coordinator, true);
    if (t.curator && task->owner != Role::Curator) send(Role::Curator, true);
  });
  for (auto& [email, letter] : gather.letters) {
    Finish(letter, campaign_);
    if (!letter.address_problem.empty()) plan.problems.push_back(letter.address_problem);
    plan.letters.push_back(std::move(letter));
  }
  return plan;
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
