#include "engine/WorkflowLoader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace shnor {
namespace {

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

int Ordinal(const MonthDay& d) {
  return static_cast<int>(d.month) * 100 + (d.last_of_month ? 31 : static_cast<int>(d.day));
}

std::string DayText(const MonthDay& d) {
  std::string text = (d.month < 10 ? "0" : "") + std::to_string(d.month) + "-";
  return text + (d.last_of_month ? "end" : (d.day < 10 ? "0" : "") + std::to_string(d.day));
}

TaskDefinition ReadTask(const Reader& r, const YAML::Node& node, const StageDefinition& stage) {
  if (!node.IsMap()) r.Fail(node, "задача должна быть словарём");
  r.OnlyKeys(
      node,
      {"id", "title", "owner", "reviewer", "required", "recurrence", "due", "due_day_of_month"},
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
    YAML::Node day = node["due_day_of_month"];
    int value = 0;
    if (day && day.IsScalar()) {
      try {
        value = std::stoi(day.Scalar());
      } catch (const std::exception&) {
        value = 0;
      }
    }
    if (value < 1 || value > 28)
      r.Fail(day ? day : node, "у ежемесячной задачи «" + t.id +
                                   "» поле «due_day_of_month» должно быть числом от 1 до 28");
    t.due_day_of_month = static_cast<unsigned>(value);
  } else if (recurrence != "none") {
    r.Fail(node["recurrence"],
           "неизвестная периодичность «" + recurrence + "» (ожидается monthly)");
  }
  if (node["due"]) {
    t.due = r.Day(node["due"], "срок задачи");
    if (Ordinal(*t.due) < Ordinal(stage.window_from) ||
        Ordinal(*t.due) > Ordinal(stage.window_to)) {
      r.Fail(node["due"], "срок задачи «" + t.id + "» " + DayText(*t.due) + " вне окна этапа " +
                              stage.id + " (" + DayText(stage.window_from) + " – " +
                              DayText(stage.window_to) + ")");
    }
  }
  return t;
}

StageDefinition ReadStage(const Reader& r, const YAML::Node& node) {
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
    for (const auto& task : tasks) s.tasks.push_back(ReadTask(r, task, s));
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
  r.OnlyKeys(root, {"id", "version", "title", "initial", "stages", "transitions"}, "определении");
  WorkflowDefinition def;
  def.id = r.Text(root, "id", "определении");
  def.version = ReadVersion(r, root);
  def.title = r.Text(root, "title", "определении");
  def.initial_stage = r.Text(root, "initial", "определении");
  YAML::Node stages = root["stages"];
  if (!stages || !stages.IsSequence() || stages.size() == 0)
    r.Fail(root, "нет списка этапов (stages)");
  for (const auto& s : stages) def.stages.push_back(ReadStage(r, s));
  CheckUniqueIds(r, def);
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

WorkflowDefinition LoadWorkflowFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DefinitionError(path.string(), 0, "файл не найден или не читается");
  std::ostringstream text;
  text << in.rdbuf();
  return LoadWorkflowText(text.str(), path.string());
}

}  // namespace shnor
