#include "engine/definitions/WorkflowReaders.h"

namespace shnor::detail {
namespace {

struct Anchor {
  const char* name;
  DeadlineAnchor anchor;
};
constexpr Anchor kAnchors[] = {{"campaign-start", DeadlineAnchor::CampaignStart},
                               {"stage-start", DeadlineAnchor::StageStart},
                               {"stage-end", DeadlineAnchor::StageEnd},
                               {"approval", DeadlineAnchor::TaskApproval}};

std::string Quoted(const std::string& id) {
  return "«" + id + "»";
}

DeadlineRule ReadDay(const Reader& r, const YAML::Node& node, const TaskDefinition& task,
                     const StageDefinition& stage) {
  DeadlineRule rule;
  rule.line = node.Mark().line + 1;
  if (node.IsScalar() && node.Scalar().size() == 10) {
    auto date = ParseIsoDate(node.Scalar());
    if (!date)
      r.Fail(node, "срок задачи " + Quoted(task.id) + ": дата «" + node.Scalar() +
                       "» должна быть в виде ГГГГ-ММ-ДД и существовать");
    rule.anchor = DeadlineAnchor::FixedDate;
    rule.date = *date;
    return rule;
  }
  rule.anchor = DeadlineAnchor::DayOfYear;
  rule.day = r.Day(node, "срок задачи");
  if (Ordinal(rule.day) < Ordinal(stage.window_from) ||
      Ordinal(rule.day) > Ordinal(stage.window_to)) {
    r.Fail(node, "срок задачи " + Quoted(task.id) + " " + DayText(rule.day) + " вне окна этапа " +
                     stage.id + " (" + DayText(stage.window_from) + " – " +
                     DayText(stage.window_to) + ")");
  }
  return rule;
}

void ReadMonthly(const Reader& r, const YAML::Node& node, DeadlineRule& rule) {
  if (node["working_day_of_month"]) {
    rule.anchor = DeadlineAnchor::WorkingDayOfMonth;
    rule.day_of_month = static_cast<unsigned>(
        r.Integer(node["working_day_of_month"], "поле «working_day_of_month»", 1, 15));
  } else {
    rule.anchor = DeadlineAnchor::DayOfMonth;
    rule.day_of_month =
        static_cast<unsigned>(r.Integer(node["day_of_month"], "поле «day_of_month»", 1, 28));
  }
}

void ReadRelative(const Reader& r, const YAML::Node& node, const TaskDefinition& task,
                  DeadlineRule& rule) {
  std::string from = r.Text(node, "from", "сроке задачи " + Quoted(task.id));
  bool known = false;
  for (const Anchor& a : kAnchors) {
    if (from == a.name) {
      rule.anchor = a.anchor;
      known = true;
    }
  }
  if (!known) {
    r.Fail(node["from"], "срок задачи " + Quoted(task.id) + ": неизвестная точка отсчёта «" + from +
                             "» (campaign-start, stage-start, stage-end, approval)");
  }
  if (node["days"] && node["working_days"]) {
    r.Fail(node, "срок задачи " + Quoted(task.id) + ": укажите days или working_days, не оба");
  }
  rule.working_days = static_cast<bool>(node["working_days"]);
  if (YAML::Node n = rule.working_days ? node["working_days"] : node["days"]) {
    rule.offset = r.Integer(n, "смещение срока задачи " + Quoted(task.id), -366, 366);
  }
  rule.stage_id = r.OptionalText(node, "stage", "");
  rule.task_id = r.OptionalText(node, "task", "");
  if (rule.anchor == DeadlineAnchor::TaskApproval && rule.task_id.empty()) {
    r.Fail(node, "срок задачи " + Quoted(task.id) + " отсчитывается от утверждения: укажите task");
  }
}

DeadlineRoll ReadRoll(const Reader& r, const YAML::Node& node) {
  std::string roll = r.OptionalText(node, "roll", "previous");
  if (roll != "previous" && roll != "next") {
    r.Fail(node["roll"], "поле «roll» должно быть previous или next");
  }
  return roll == "next" ? DeadlineRoll::Next : DeadlineRoll::Previous;
}

DeadlineRule ReadMap(const Reader& r, const YAML::Node& node, const TaskDefinition& task) {
  r.OnlyKeys(node,
             {"from", "stage", "task", "days", "working_days", "roll", "day_of_month",
              "working_day_of_month"},
             "сроке задачи " + Quoted(task.id));
  DeadlineRule rule;
  rule.line = node.Mark().line + 1;
  bool monthly = node["day_of_month"] || node["working_day_of_month"];
  if (monthly && (node["from"] || node["days"] || node["working_days"])) {
    r.Fail(node, "срок задачи " + Quoted(task.id) +
                     ": день месяца не сочетается с отсчётом от события (from, days)");
  }
  if (monthly) {
    ReadMonthly(r, node, rule);
  } else {
    ReadRelative(r, node, task, rule);
  }
  rule.roll = ReadRoll(r, node);
  return rule;
}

DeadlineRule ReadLegacyMonthly(const Reader& r, const YAML::Node& task_node) {
  DeadlineRule rule;
  YAML::Node day = task_node["due_day_of_month"];
  rule.line = task_node.Mark().line + 1;
  rule.anchor = DeadlineAnchor::DayOfMonth;
  rule.day_of_month =
      static_cast<unsigned>(r.Integer(day ? day : task_node, "поле «due_day_of_month»", 1, 28));
  return rule;
}

}  // namespace

std::string DayText(const MonthDay& d) {
  std::string text = (d.month < 10 ? "0" : "") + std::to_string(d.month) + "-";
  return text + (d.last_of_month ? "end" : (d.day < 10 ? "0" : "") + std::to_string(d.day));
}

DeadlineRule ReadDue(const Reader& r, const YAML::Node& task_node, const TaskDefinition& task,
                     const StageDefinition& stage) {
  YAML::Node due = task_node["due"];
  bool monthly_task = task.recurrence == Recurrence::Monthly;
  if (due && task_node["due_day_of_month"]) {
    r.Fail(task_node["due_day_of_month"],
           "у задачи " + Quoted(task.id) + " два срока: due и due_day_of_month");
  }
  DeadlineRule rule;
  rule.line = task_node.Mark().line + 1;
  if (!due && monthly_task) return ReadLegacyMonthly(r, task_node);
  if (!due) return rule;  // the stage's window end
  if (due.IsMap()) {
    rule = ReadMap(r, due, task);
  } else {
    rule = ReadDay(r, due, task, stage);
  }
  if (monthly_task != rule.monthly()) {
    r.Fail(due, monthly_task
                    ? "у ежемесячной задачи " + Quoted(task.id) +
                          " срок задаётся днём месяца: day_of_month или working_day_of_month"
                    : "день месяца задаёт срок только ежемесячной задачи (recurrence: monthly), "
                      "а задача " +
                          Quoted(task.id) + " разовая");
  }
  return rule;
}

void CheckDeadlineReferences(const Reader& r, const WorkflowDefinition& def) {
  for (const StageDefinition& stage : def.stages) {
    for (const TaskDefinition& task : stage.tasks) {
      const DeadlineRule& rule = task.due;
      auto fail = [&](const std::string& reason) {
        throw DefinitionError(r.file(), rule.line, "срок задачи " + Quoted(task.id) + " " + reason);
      };
      if (!rule.stage_id.empty() && !def.FindStage(rule.stage_id)) {
        fail("ссылается на неизвестный этап " + Quoted(rule.stage_id));
      }
      if (rule.anchor != DeadlineAnchor::TaskApproval) continue;
      const TaskDefinition* other = def.FindTask(rule.task_id);
      if (!other) fail("ссылается на неизвестную задачу " + Quoted(rule.task_id));
      if (other->id == task.id) fail("не может отсчитываться от утверждения самой задачи");
      if (other->recurrence != Recurrence::None) {
        fail("отсчитывается от ежемесячной задачи " + Quoted(other->id) +
             ": у неё нет одного дня утверждения");
      }
    }
  }
}

}  // namespace shnor::detail
