#include "engine/DigestItems.h"

#include <nlohmann/json.hpp>

namespace shnor {

std::string ItemsToJson(const std::vector<ReminderItem>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReminderItem& i : items) {
    out.push_back({i.case_id, i.school_code, i.school_name, i.municipality, i.task_id, i.period,
                   i.task_title, FormatIsoDate(i.due), i.due_at, static_cast<int>(i.kind),
                   i.working_days, i.escalation});
  }
  return out.dump();
}

std::vector<ReminderItem> ItemsFromJson(const std::string& json) {
  std::vector<ReminderItem> items;
  try {
    for (const auto& a : nlohmann::json::parse(json)) {
      ReminderItem i;
      i.case_id = a.at(0).get<storage::Id>();
      i.school_code = a.at(1).get<std::string>();
      i.school_name = a.at(2).get<std::string>();
      i.municipality = a.at(3).get<std::string>();
      i.task_id = a.at(4).get<std::string>();
      i.period = a.at(5).get<std::string>();
      i.task_title = a.at(6).get<std::string>();
      auto due = ParseIsoDate(a.at(7).get<std::string>());
      if (!due) throw std::runtime_error("срок пункта письма повреждён");
      i.due = *due;
      i.due_at = a.at(8).get<std::int64_t>();
      i.kind = static_cast<ReminderKind>(a.at(9).get<int>());
      i.working_days = a.at(10).get<int>();
      i.escalation = a.at(11).get<bool>();
      items.push_back(std::move(i));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("пункты письма в очереди повреждены: ") + e.what());
  }
  return items;
}

}  // namespace shnor
