#pragma once
// The pieces of the workflow loader shared by its readers: a YAML reader that fails with the
// file and line, and the readers of deadline rules and reminder policies. Internal to the
// engine; everything else uses WorkflowLoader.h.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

#include "engine/base/DefinitionError.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor::detail {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& reason) const {
    throw DefinitionError(file_, node.Mark().line + 1, reason);
  }

  void OnlyKeys(const YAML::Node& map, std::initializer_list<const char*> keys,
                const std::string& where) const {
    for (const auto& item : map) {
      std::string key = item.first.as<std::string>();
      bool known = false;
      for (const char* k : keys) known = known || key == k;
      if (!known) Fail(item.first, std::string("неизвестное поле «") + key + "» в " + where);
    }
  }

  std::string Text(const YAML::Node& map, const char* key, const std::string& where) const {
    YAML::Node node = map[key];
    if (!node || !node.IsScalar() || node.Scalar().empty()) {
      Fail(map, std::string("не заполнено поле «") + key + "» в " + where);
    }
    return node.Scalar();
  }

  std::string OptionalText(const YAML::Node& map, const char* key,
                           const std::string& fallback) const {
    YAML::Node node = map[key];
    if (!node) return fallback;
    if (!node.IsScalar()) Fail(node, std::string("поле «") + key + "» должно быть строкой");
    return node.Scalar();
  }

  MonthDay Day(const YAML::Node& node, const char* what) const {
    std::string text = node.IsScalar() ? node.Scalar() : "";
    auto bad = [&] {
      Fail(node, std::string(what) + ": дата «" + text +
                     "» должна быть в виде ММ-ДД или ММ-end и существовать");
    };
    if (text.size() < 4 || text[2] != '-' || !Digits(text.substr(0, 2))) bad();
    MonthDay day;
    day.month = std::stoul(text.substr(0, 2));
    if (day.month < 1 || day.month > 12) bad();
    std::string rest = text.substr(3);
    if (rest == "end") {
      day.last_of_month = true;
      return day;
    }
    if (rest.size() != 2 || !Digits(rest)) bad();
    day.day = std::stoul(rest);
    // A leap year admits every day that can ever exist in a campaign year, 29 February included.
    if (!Date{std::chrono::year{2024}, std::chrono::month{day.month}, std::chrono::day{day.day}}
             .ok()) {
      bad();
    }
    return day;
  }

  Role ParseRoleAt(const YAML::Node& map, const char* key, Role fallback) const {
    YAML::Node node = map[key];
    if (!node) return fallback;
    auto role = ParseRole(node.IsScalar() ? node.Scalar() : "");
    if (!role || *role == Role::Administrator || *role == Role::Observer || *role == Role::Mentor) {
      Fail(node, std::string("неизвестная роль «") + (node.IsScalar() ? node.Scalar() : "") +
                     "» в поле «" + key + "» (ожидается school, coordinator или curator)");
    }
    return *role;
  }

  // An integer in [min, max]; `what` names the field in the refusal.
  int Integer(const YAML::Node& node, const std::string& what, int min, int max) const {
    int value = min - 1;
    if (node.IsScalar()) {
      try {
        std::size_t used = 0;
        value = std::stoi(node.Scalar(), &used);
        if (used != node.Scalar().size()) value = min - 1;
      } catch (const std::exception&) {
        value = min - 1;
      }
    }
    if (value < min || value > max) {
      Fail(node, what + " должно быть целым числом от " + std::to_string(min) + " до " +
                     std::to_string(max));
    }
    return value;
  }

  const std::string& file() const { return file_; }

 private:
  static bool Digits(const std::string& s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return !s.empty();
  }
  std::string file_;
};

// "03-01" < "03-15" < "03-end": a day's place in the campaign year, for window checks.
inline int Ordinal(const MonthDay& d) {
  return static_cast<int>(d.month) * 100 + (d.last_of_month ? 31 : static_cast<int>(d.day));
}

// "03-01", "02-end": as the definition writes it.
std::string DayText(const MonthDay& d);

// The task's `due` (or the legacy `due_day_of_month` of a monthly task). References to other
// stages and tasks are checked by CheckDeadlineReferences once every stage is read.
DeadlineRule ReadDue(const Reader& r, const YAML::Node& task_node, const TaskDefinition& task,
                     const StageDefinition& stage);
void CheckDeadlineReferences(const Reader& r, const WorkflowDefinition& def);

// A `reminders:` map over `base`: each field given replaces the base's; absent node gives base.
ReminderPolicy ReadReminders(const Reader& r, const YAML::Node& node, ReminderPolicy base);

// The `documents:` section: each document's number pattern, formats and scope. Absent, the
// definition produces no documents.
std::vector<DocumentDefinition> ReadDocuments(const Reader& r, const YAML::Node& node);

}  // namespace shnor::detail
