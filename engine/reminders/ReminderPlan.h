#pragma once
// A day's reminders as data: who gets a letter and which tasks it lists. Made by
// ReminderPlanner, worded by ComposeDigest, kept in the outbox.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar/Date.h"
#include "engine/reminders/ReminderTrigger.h"
#include "storage/Records.h"

namespace shnor {

struct ReminderItem {
  storage::Id case_id = 0;
  std::string school_code;
  std::string school_name;
  std::string municipality;
  std::string task_id;
  std::string period;  // "" or "2024-05"
  std::string task_title;
  Date due{};
  std::int64_t due_at = 0;  // UTC seconds; 0 for tasks stored before deadlines were moments
  ReminderKind kind = ReminderKind::Before;
  int working_days = 0;
  bool escalation = false;  // reached this recipient because the owner is late
};

struct Recipient {
  std::string email;
  std::string name;
  PersonRole role = PersonRole::SchoolContact;
};

// One recipient's letter of the day: every item for them, however many schools and tasks.
struct DigestLetter {
  Recipient to;
  std::string day;                  // ISO local date
  std::vector<ReminderItem> items;  // by municipality, school, deadline
  std::string key;                  // hash of campaign, recipient, day and items
  std::string message_id;
  int escalations = 0;
  std::string address_problem;  // why the address cannot be used; "" when it can
};

struct ReminderPlan {
  std::string day;
  bool working_day = true;
  std::vector<DigestLetter> letters;
  int items = 0;                      // task-recipient pairs across letters
  int escalations = 0;                // of them, escalations
  std::vector<std::string> problems;  // Russian: items nobody can be told of, bad addresses
};

}  // namespace shnor
