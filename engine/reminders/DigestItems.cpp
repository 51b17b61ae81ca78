#include "engine/reminders/DigestItems.h"

#include <nlohmann/json.hpp>

namespace shnor {

namespace {

// A national day stores tens of megabytes of items; writing the text directly is several times
// faster than building a json tree first. ItemsFromJson reads it back with the full parser.
void AppendString(std::string& out, const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

void AppendNumber(std::string& out, std::int64_t n) {
  out += std::to_string(n);
}

}  // namespace

std::string ItemsToJson(const std::vector<ReminderItem>& items) {
  std::string out = "[";
  out.reserve(items.size() * 64);
  for (const ReminderItem& i : items) {
    if (out.size() > 1) out += ',';
    out += '[';
    AppendNumber(out, i.case_id);
    for (const std::string& text : {i.task_id, i.period, FormatIsoDate(i.due)}) {
      out += ',';
      AppendString(out, text);
    }
    for (std::int64_t n :
         {i.due_at, static_cast<std::int64_t>(i.kind), static_cast<std::int64_t>(i.working_days)}) {
      out += ',';
      AppendNumber(out, n);
    }
    out += i.escalation ? ",true]" : ",false]";
  }
  out += ']';
  return out;
}

namespace {

// [case, task, period, due, due_at, kind, working_days, escalation]
ReminderItem ReadItem(const nlohmann::json& a) {
  if (a.size() != 8) throw std::runtime_error("пункт письма в очереди не того вида");
  ReminderItem i;
  i.case_id = a.at(0).get<storage::Id>();
  i.task_id = a.at(1).get<std::string>();
  i.period = a.at(2).get<std::string>();
  auto due = ParseIsoDate(a.at(3).get<std::string>());
  if (!due) throw std::runtime_error("срок пункта письма повреждён");
  i.due = *due;
  i.due_at = a.at(4).get<std::int64_t>();
  int kind = a.at(5).get<int>();
  if (kind < 0 || kind > static_cast<int>(ReminderKind::Overdue)) {
    throw std::runtime_error("вид напоминания в пункте письма повреждён");
  }
  i.kind = static_cast<ReminderKind>(kind);
  i.working_days = a.at(6).get<int>();
  i.escalation = a.at(7).get<bool>();
  return i;
}

}  // namespace

std::vector<ReminderItem> ItemsFromJson(const std::string& json) {
  std::vector<ReminderItem> items;
  try {
    for (const auto& a : nlohmann::json::parse(json)) items.push_back(ReadItem(a));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("пункты письма в очереди повреждены: ") + e.what());
  }
  return items;
}

}  // namespace shnor
