#include "engine/definitions/CampaignConfig.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "engine/calendar/Date.h"
#include "engine/definitions/WorkflowLoader.h"

namespace shnor {
namespace {

struct Reader {
  std::string file;

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& reason) const {
    throw DefinitionError(file, node.Mark().line + 1, reason);
  }

  std::string Text(const YAML::Node& parent, const char* key) const {
    YAML::Node node = parent[key];
    if (!node || !node.IsScalar() || node.as<std::string>().empty()) {
      Fail(parent, std::string("не заполнено поле «") + key + "»");
    }
    return node.as<std::string>();
  }

  std::string IsoDate(const YAML::Node& parent, const char* key) const {
    std::string text = Text(parent, key);
    if (!ParseIsoDate(text)) {
      Fail(parent[key], std::string("поле «") + key + "»: дата «" + text +
                            "» не в формате ГГГГ-ММ-ДД или не существует");
    }
    return text;
  }

  const YAML::Node Map(const YAML::Node& parent, const char* key) const {
    YAML::Node node = parent[key];
    if (!node || !node.IsMap()) Fail(parent, std::string("нет раздела «") + key + "»");
    return node;
  }

  // An optional scalar: "" when absent, refused when it is a list or a map.
  std::string OptionalText(const YAML::Node& parent, const char* key) const {
    YAML::Node node = parent[key];
    if (!node || node.IsNull()) return "";
    if (!node.IsScalar()) Fail(node, std::string("поле «") + key + "» должно быть строкой");
    return node.Scalar();
  }

  // One of `choices`, or `fallback` when absent.
  std::string Choice(const YAML::Node& parent, const char* key,
                     const std::vector<std::string>& choices, const std::string& fallback) const {
    std::string text = OptionalText(parent, key);
    if (text.empty()) return fallback;
    if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : " или ") + c;
    Fail(parent[key], std::string("поле «") + key + "»: значение «" + text + "» не подходит, " +
                          "ожидается " + list);
  }

  NamedPerson Person(const YAML::Node& node, const char* what) const {
    if (!node.IsMap()) Fail(node, std::string(what) + ": ожидался словарь { position, name }");
    return {Text(node, "position"), Text(node, "name")};
  }
};

void ReadMunicipalities(const Reader& r, const YAML::Node& root, CampaignConfig& config) {
  YAML::Node list = root["municipalities"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    r.Fail(root, "нет списка муниципальных образований (municipalities)");
  }
  std::set<std::string> seen;
  for (const YAML::Node& item : list) {
    std::string name = item.IsScalar() ? item.as<std::string>() : "";
    if (name.empty()) r.Fail(item, "пустое название муниципального образования");
    if (!seen.insert(name).second)
      r.Fail(item, "муниципальное образование «" + name + "» указано дважды");
    config.municipalities.push_back(name);
  }
}

// A region's own days off (e.g. a republic's day): dates of the campaign's year, each once.
void ReadRegionalHolidays(const Reader& r, const YAML::Node& root, CampaignConfig& config) {
  YAML::Node list = root["regional_holidays"];
  if (!list) return;
  if (!list.IsSequence()) r.Fail(list, "поле «regional_holidays» должно быть списком дат");
  const std::string year = config.campaign.start_date.substr(0, 4);
  std::set<std::string> seen;
  for (const YAML::Node& item : list) {
    std::string text = item.IsScalar() ? item.Scalar() : "";
    if (!ParseIsoDate(text)) {
      r.Fail(item,
             "региональный выходной «" + text + "» не в формате ГГГГ-ММ-ДД или не существует");
    }
    if (text.substr(0, 4) != year) {
      r.Fail(item, "региональный выходной " + text + " вне года проекта (" + year + ")");
    }
    if (!seen.insert(text).second) r.Fail(item, "региональный выходной " + text + " указан дважды");
    config.campaign.regional_holidays.push_back(text);
  }
}

Requisites ReadRequisites(const Reader& r, const YAML::Node& node) {
  return {r.OptionalText(node, "address"), r.OptionalText(node, "phone"),
          r.OptionalText(node, "email")};
}

// `authority: <name>` (the older form) or `authority: { name, address, phone, email }`.
void ReadAuthority(const Reader& r, const YAML::Node& root, CampaignConfig& config) {
  YAML::Node node = root["authority"];
  if (node && node.IsMap()) {
    config.campaign.authority = r.Text(node, "name");
    config.details.authority = ReadRequisites(r, node);
  } else {
    config.campaign.authority = r.Text(root, "authority");
  }
}

// `operator: <short name>` (the older form) or `operator: { short, name, address, phone, email,
// signer: { position, name } }`.
void ReadOperator(const Reader& r, const YAML::Node& root, CampaignConfig& config) {
  YAML::Node node = root["operator"];
  if (!node || !node.IsMap()) {
    config.campaign.operator_name = r.Text(root, "operator");
    config.details.operator_full = config.campaign.operator_name;
    return;
  }
  config.campaign.operator_name = r.Text(node, "short");
  std::string full = r.OptionalText(node, "name");
  config.details.operator_full = full.empty() ? config.campaign.operator_name : full;
  config.details.operator_requisites = ReadRequisites(r, node);
  if (node["signer"]) config.details.operator_signer = r.Person(node["signer"], "operator.signer");
}

void ReadExecutor(const Reader& r, const YAML::Node& root, CampaignDetails& details) {
  YAML::Node node = root["executor"];
  if (!node) return;
  if (!node.IsMap()) r.Fail(node, "executor: ожидался словарь { name, phone }");
  details.executor.name = r.Text(node, "name");
  details.executor.position = r.OptionalText(node, "position");
  details.executor_phone = r.OptionalText(node, "phone");
}

void ReadVisas(const Reader& r, const YAML::Node& root, CampaignDetails& details) {
  YAML::Node list = root["visas"];
  if (!list) return;
  if (!list.IsSequence()) r.Fail(list, "поле «visas» должно быть списком { position, name }");
  for (const YAML::Node& item : list) details.visas.push_back(r.Person(item, "visas"));
}

// `staff: [{ position, name, duty, of: authority | operator }]`.
void ReadStaff(const Reader& r, const YAML::Node& root, CampaignDetails& details) {
  YAML::Node list = root["staff"];
  if (!list) return;
  if (!list.IsSequence()) r.Fail(list, "поле «staff» должно быть списком { position, name, duty }");
  for (const YAML::Node& item : list) {
    StaffMember member{r.Person(item, "staff"), r.Text(item, "duty"), false};
    member.of_operator = r.Choice(item, "of", {"authority", "operator"}, "authority") == "operator";
    details.staff.push_back(std::move(member));
  }
}

std::string ReadPublicUrl(const Reader& r, const YAML::Node& root) {
  std::string url = r.OptionalText(root, "public_url");
  if (url.empty()) return url;
  const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  if (!web || url.find(' ') != std::string::npos) {
    r.Fail(root["public_url"],
           "поле «public_url»: «" + url + "» не адрес сайта (ожидается https://…)");
  }
  while (url.back() == '/') url.pop_back();
  return url;
}

void ReadDocumentOptions(const Reader& r, const YAML::Node& root, CampaignConfig& config) {
  CampaignDetails& d = config.details;
  ReadExecutor(r, root, d);
  ReadVisas(r, root, d);
  ReadStaff(r, root, d);
  d.letterhead_blank = r.Choice(root, "letterhead", {"print", "blank"}, "print") == "blank";
  d.profile = std::stoi(r.Choice(root, "profile", {"2016", "2025"}, "2016"));
  d.public_url = ReadPublicUrl(r, root);
  std::string approver = r.Choice(root, "schedule_approver", {"operator", "authority"}, "");
  if (approver == "authority") d.schedule_approver = ScheduleApprover::Authority;
  if (approver == "operator" && d.operator_signer.name.empty()) {
    r.Fail(root["schedule_approver"],
           "график собеседований утверждает оператор, но его подписант не указан "
           "(operator.signer)");
  }
}

}  // namespace

std::optional<int> ParseUtcOffset(const std::string& text) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  for (int i : {1, 2, 4, 5}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int minutes =
      ((text[1] - '0') * 10 + (text[2] - '0')) * 60 + (text[4] - '0') * 10 + (text[5] - '0');
  if (text[0] == '-') minutes = -minutes;
  if (minutes < 120 || minutes > 720) return std::nullopt;
  return minutes;
}

CampaignConfig LoadCampaignConfig(const std::filesystem::path& path) {
  Reader r{path.string()};
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw DefinitionError(r.file, 0, "файл не найден или не читается");
  } catch (const YAML::Exception& e) {
    throw DefinitionError(r.file, e.mark.line + 1, "ошибка синтаксиса YAML: " + e.msg);
  }
  if (!root.IsMap()) throw DefinitionError(r.file, 1, "ожидался словарь настроек проекта");
  CampaignConfig config;
  config.source = path;
  auto& c = config.campaign;
  c.code = r.Text(root, "code");
  c.title = r.Text(root, "title");
  c.region = r.Text(root, "region");
  ReadAuthority(r, root, config);
  ReadOperator(r, root, config);
  c.city = r.Text(root, "city");
  c.workflow_id = r.Text(root, "workflow");
  YAML::Node order = r.Map(root, "order");
  c.order_number = r.Text(order, "number");
  c.order_date = r.IsoDate(order, "date");
  YAML::Node period = r.Map(root, "period");
  c.start_date = r.IsoDate(period, "start");
  c.end_date = r.IsoDate(period, "end");
  if (c.end_date < c.start_date) r.Fail(period, "конец периода проекта раньше его начала");
  if (c.start_date.substr(0, 4) != c.end_date.substr(0, 4)) {
    r.Fail(period, "период проекта должен лежать в одном календарном году");
  }
  YAML::Node zone = r.Map(root, "time_zone");
  c.time_zone = r.Text(zone, "name");
  std::string offset = r.Text(zone, "utc_offset");
  auto minutes = ParseUtcOffset(offset);
  if (!minutes)
    r.Fail(zone["utc_offset"], "смещение «" + offset + "» не из диапазона +02:00 … +12:00");
  c.utc_offset_minutes = *minutes;
  if (root["signer"]) {
    YAML::Node signer = r.Map(root, "signer");
    c.signer_position = r.Text(signer, "position");
    c.signer_name = r.Text(signer, "name");
  }
  ReadMunicipalities(r, root, config);
  ReadRegionalHolidays(r, root, config);
  ReadDocumentOptions(r, root, config);
  c.details = DetailsToJson(config.details);
  return config;
}

}  // namespace shnor
