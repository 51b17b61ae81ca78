#include "engine/definitions/WorkflowReaders.h"

namespace shnor::detail {
namespace {

constexpr int kMaxDays = 60;  // three months of working days: beyond that a reminder is noise

std::vector<int> ReadBefore(const Reader& r, const YAML::Node& node) {
  if (!node.IsSequence()) r.Fail(node, "поле «before_working_days» должно быть списком чисел");
  std::vector<int> days;
  for (const auto& item : node) {
    days.push_back(r.Integer(item, "число дней в «before_working_days»", 1, kMaxDays));
  }
  return days;
}

bool ReadFlag(const Reader& r, const YAML::Node& node, const char* key) {
  if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
    r.Fail(node, std::string("поле «") + key + "» должно быть true или false");
  }
  return node.Scalar() == "true";
}

}  // namespace

ReminderPolicy ReadReminders(const Reader& r, const YAML::Node& node, ReminderPolicy base) {
  if (!node) return base;
  if (!node.IsMap()) r.Fail(node, "поле «reminders» должно быть словарём");
  r.OnlyKeys(node,
             {"before_working_days", "on_the_day", "overdue_every_working_days",
              "escalate_to_coordinator_after", "escalate_to_curator_after"},
             "напоминаниях");
  if (node["before_working_days"]) base.before = ReadBefore(r, node["before_working_days"]);
  if (node["on_the_day"]) base.on_day = ReadFlag(r, node["on_the_day"], "on_the_day");
  if (YAML::Node n = node["overdue_every_working_days"]) {
    base.overdue_every = r.Integer(n, "поле «overdue_every_working_days»", 0, kMaxDays);
  }
  if (YAML::Node n = node["escalate_to_coordinator_after"]) {
    base.escalate_coordinator = r.Integer(n, "поле «escalate_to_coordinator_after»", 0, kMaxDays);
  }
  if (YAML::Node n = node["escalate_to_curator_after"]) {
    base.escalate_curator = r.Integer(n, "поле «escalate_to_curator_after»", 0, kMaxDays);
  }
  if (base.escalate_coordinator > 0 && base.escalate_curator > 0 &&
      base.escalate_curator < base.escalate_coordinator) {
    r.Fail(node,
           "куратору задача передаётся позже, чем координатору: "
           "escalate_to_curator_after не может быть меньше escalate_to_coordinator_after");
  }
  return base;
}

}  // namespace shnor::detail
