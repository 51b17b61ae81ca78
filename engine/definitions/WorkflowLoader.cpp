#include "engine/definitions/WorkflowLoader.h"

#include "engine/definitions/WorkflowReaders.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>

namespace shnor {
namespace {

using detail::Reader;

using detail::DayText;
using detail::Ordinal;

TaskDefinition ReadTask(const Reader& r, const YAML::Node& node, const StageDefinition& stage,
                        const ReminderPolicy& defaults) {
  if (!node.IsMap()) r.Fail(node, "задача должна быть словарём");
  r.OnlyKeys(node,
             {"id", "title", "owner", "reviewer", "required", "recurrence", "due",
              "due_day_of_month", "reminders"},
             "задаче");
  TaskDefinition t;
  t.line = node.Mark().line + 1;
  t.id = r.Text(node, "id", "задаче");
  t.title = r.Text(node, "title", "задаче «" + t.id + "»");
  t.owner = r.ParseRoleAt(node, "owner", Role::School);
  t.reviewer = r.ParseRoleAt(node, "reviewer", Role::Curator);
  if (node["required"]) {
    if (!node["required"].IsScalar() ||
        (node["required"].Scalar() != "true" && node["required"].Scalar() != "false")) {
      r.Fail(node["required"], "поле «required» должно быть true или false");
    }
    t.required = node["required"].Scalar() == "true";
  }
  std::string recurrence = r.OptionalText(node, "recurrence", "none");
  if (recurrence == "monthly") {
    t.recurrence = Recurrence::Monthly;
  } else if (recurrence != "none") {
    r.Fail(node["recurrence"],
           "неизвестная периодичность «" + recurrence + "» (ожидается monthly)");
  }
  t.due = ReadDue(r, node, t, stage);
  t.reminders = ReadReminders(r, node["reminders"], defaults);
  return t;
}

StageDefinition ReadStage(const Reader& r, const YAML::Node& node, const ReminderPolicy& defaults) {
  if (!node.IsMap()) r.Fail(node, "этап должен быть словарём");
  r.OnlyKeys(node, {"id", "title", "window", "tasks"}, "этапе");
  StageDefinition s;
  s.line = node.Mark().line + 1;
  s.id = r.Text(node, "id", "этапе");
  s.title = r.Text(node, "title", "этапе " + s.id);
  YAML::Node window = node["window"];
  if (!window || !window.IsMap() || !window["from"] || !window["to"]) {
    r.Fail(node, "у этапа " + s.id + " нет окна window: {from, to}");
  }
  s.window_from = r.Day(window["from"], "начало окна");
  s.window_to = r.Day(window["to"], "конец окна");
  if (Ordinal(s.window_from) > Ordinal(s.window_to)) {
    r.Fail(window, "окно этапа " + s.id + " начинается позже, чем заканчивается");
  }
  YAML::Node tasks = node["tasks"];
  if (tasks && !tasks.IsSequence()) r.Fail(tasks, "поле «tasks» должно быть списком");
  if (tasks) {
    for (const auto& task : tasks) s.tasks.push_back(ReadTask(r, task, s, defaults));
  }
  return s;
}

std::optional<TransitionKind> ParseKind(const std::string& text) {
  for (TransitionKind k :
       {TransitionKind::Advance, TransitionKind::Complete, TransitionKind::Return,
        TransitionKind::Withdraw, TransitionKind::Reinstate}) {
    if (text == ToString(k)) return k;
  }
  return std::nullopt;
}

TransitionDefinition ReadTransition(const Reader& r, const YAML::Node& node) {
  if (!node.IsMap()) r.Fail(node, "переход должен быть словарём");
  r.OnlyKeys(node, {"kind", "from", "to", "documents"}, "переходе");
  TransitionDefinition t;
  t.line = node.Mark().line + 1;
  std::string kind = r.Text(node, "kind", "переходе");
  auto parsed = ParseKind(kind);
  if (!parsed) {
    r.Fail(node["kind"], "неизвестный вид перехода «" + kind +
                             "» (advance, complete, return, withdraw, reinstate)");
  }
  t.kind = *parsed;
  t.from = r.OptionalText(node, "from", "");
  t.to = r.OptionalText(node, "to", "");
  YAML::Node documents = node["documents"];
  if (documents && !documents.IsSequence())
    r.Fail(documents, "поле «documents» должно быть списком");
  if (documents) {
    for (const auto& d : documents) {
      if (!d.IsScalar() || d.Scalar().empty()) r.Fail(d, "пустое имя документа");
      t.documents.push_back(d.Scalar());
    }
  }
  return t;
}

// A definition with a `documents:` section must describe every document its transitions name,
// and only documents of one school: a transition moves one school.
void CheckTransitionDocuments(const Reader& r, const WorkflowDefinition& def,
                              const TransitionDefinition& t, const YAML::Node& node) {
  if (def.documents.empty()) return;
  for (const std::string& id : t.documents) {
    const DocumentDefinition* d = def.FindDocument(id);
    if (!d) r.Fail(node, "документ «" + id + "» не описан в разделе documents");
    if (d->scope != DocumentScope::School) {
      r.Fail(node,
             "документ «" + id + "» относится ко всему проекту и не может создаваться переходом");
    }
  }
}

void CheckTransition(const Reader& r, const WorkflowDefinition& def, const TransitionDefinition& t,
                     const YAML::Node& node) {
  bool needs_from = t.kind == TransitionKind::Advance || t.kind == TransitionKind::Complete ||
                    t.kind == TransitionKind::Return;
  std::string kind = ToString(t.kind);
  if (needs_from && t.from.empty()) r.Fail(node, "у перехода " + kind + " не указан этап from");
  if (!needs_from && (!t.from.empty() || !t.to.empty())) {
    r.Fail(node, "переход " + kind + " применяется на любом этапе: from и to не указываются");
  }
  if (!t.from.empty() && !def.FindStage(t.from)) {
    r.Fail(node, "переход " + kind + " ссылается на неизвестный этап «" + t.from + "»");
  }
  if (t.kind == TransitionKind::Advance && t.to.empty()) {
    r.Fail(node, "переход в никуда: у перехода advance из этапа " + t.from + " не указан этап to");
  }
  if (!t.to.empty() && !def.FindStage(t.to)) {
    r.Fail(node, "переход в никуда: этап «" + t.to + "» не определён");
  }
  if (t.kind == TransitionKind::Complete && !t.to.empty()) {
    r.Fail(node, "переход complete завершает проект: этап to не указывается");
  }
  CheckTransitionDocuments(r, def, t, node);
}

void CheckUniqueIds(const Reader& r, const WorkflowDefinition& def) {
  std::map<std::string, int> stages, tasks;
  for (const auto& s : def.stages) {
    auto [it, fresh] = stages.emplace(s.id, s.line);
    if (!fresh) {
      throw DefinitionError(
          r.file(), s.line,
          "этап «" + s.id + "» уже определён в строке " + std::to_string(it->second));
    }
    for (const auto& t : s.tasks) {
      auto [tt, tfresh] = tasks.emplace(t.id, t.line);
      if (!tfresh) {
        throw DefinitionError(
            r.file(), t.line,
            "задача «" + t.id + "» уже определена в строке " + std::to_string(tt->second));
      }
    }
  }
}

void CheckGraph(const Reader& r, const WorkflowDefinition& def, const YAML::Node& root) {
  if (!def.FindStage(def.initial_stage)) {
    r.Fail(root["initial"], "начальный этап «" + def.initial_stage + "» не определён");
  }
  std::set<std::string> advanced_from, reached{def.initial_stage};
  for (const auto& t : def.transitions) {
    if (t.kind != TransitionKind::Advance) continue;
    if (!advanced_from.insert(t.from).second) {
      throw DefinitionError(r.file(), t.line, "из этапа " + t.from + " уже есть переход advance");
    }
    reached.insert(t.to);
  }
  for (const auto& s : def.stages) {
    if (!reached.count(s.id)) {
      throw DefinitionError(
          r.file(), s.line,
          "этап " + s.id + " недостижим: ни один переход advance не ведёт в него");
    }
  }
}

int ReadVersion(const Reader& r, const YAML::Node& root) {
  YAML::Node node = root["version"];
  if (!node) r.Fail(root, "не указана версия определения (version)");
  int version = 0;
  try {
    version = node.as<int>();
  } catch (const YAML::Exception&) {
    version = 0;
  }
  if (version < 1) r.Fail(node, "версия определения должна быть целым числом больше нуля");
  return version;
}

WorkflowDefinition Build(const Reader& r, const YAML::Node& root) {
  if (!root.IsMap()) throw DefinitionError(r.file(), 1, "ожидался словарь с определением процесса");
  r.OnlyKeys(
      root,
      {"id", "version", "title", "initial", "reminders", "stages", "transitions", "documents"},
      "определении");
  WorkflowDefinition def;
  def.id = r.Text(root, "id", "определении");
  def.version = ReadVersion(r, root);
  def.title = r.Text(root, "title", "определении");
  def.initial_stage = r.Text(root, "initial", "определении");
  YAML::Node stages = root["stages"];
  if (!stages || !stages.IsSequence() || stages.size() == 0)
    r.Fail(root, "нет списка этапов (stages)");
  def.reminders = ReadReminders(r, root["reminders"], ReminderPolicy{});
  for (const auto& s : stages) def.stages.push_back(ReadStage(r, s, def.reminders));
  CheckUniqueIds(r, def);
  CheckDeadlineReferences(r, def);
  def.documents = detail::ReadDocuments(r, root["documents"]);
  YAML::Node transitions = root["transitions"];
  if (!transitions || !transitions.IsSequence()) r.Fail(root, "нет списка переходов (transitions)");
  for (const auto& t : transitions) {
    def.transitions.push_back(ReadTransition(r, t));
    CheckTransition(r, def, def.transitions.back(), t);
  }
  CheckGraph(r, def, root);
  return def;
}

}  // namespace

WorkflowDefinition LoadWorkflowText(std::string_view yaml, const std::string& source_name) {
  Reader reader(source_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw DefinitionError(source_name, e.mark.line + 1, "ошибка синтаксиса YAML: " + e.msg);
  }
  try {
    return Build(reader, root);
  } catch (const YAML::Exception& e) {
    throw DefinitionError(source_name, e.mark.line + 1, "неверная структура: " + e.msg);
  }
}

}  // namespace shnor
