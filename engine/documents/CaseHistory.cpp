#include "engine/documents/CaseHistory.h"

#include <map>

#include "engine/calendar/Date.h"

namespace shnor {
namespace {

// "III/active" -> "III"; "II/dtk:approved" -> "II".
std::string StageOf(const std::string& state) {
  return state.substr(0, state.find('/'));
}

// "return-override" is a return too.
bool IsKind(const storage::AuditEvent& e, const std::string& kind) {
  return e.command == kind || e.command == kind + "-override";
}

// at_local is "2024-03-01 12:00:00 +05:00": the region's own day.
std::string DayOf(const storage::AuditEvent& e) {
  return e.at_local.substr(0, 10);
}

struct Stay {
  std::string first_in;
  std::string last_out;
  bool holding = false;
};

}  // namespace

std::optional<TransitionFacts> LastTransition(const std::vector<storage::AuditEvent>& events,
                                              const std::string& kind) {
  for (auto e = events.rbegin(); e != events.rend(); ++e) {
    if (!IsKind(*e, kind)) continue;
    return TransitionFacts{kind, StageOf(e->from_state), StageOf(e->to_state), e->reason};
  }
  return std::nullopt;
}

nlohmann::json StageHistory(const std::vector<storage::AuditEvent>& events,
                            const WorkflowDefinition& def, const std::string& until_iso) {
  std::map<std::string, Stay> stays;
  for (const storage::AuditEvent& e : events) {
    const std::string from = StageOf(e.from_state), to = StageOf(e.to_state);
    if (IsKind(e, "complete")) {
      stays[from].last_out = DayOf(e);
      stays[from].holding = false;
      continue;
    }
    if (from == to && !e.from_state.empty()) continue;  // task commands, withdrawals
    if (!from.empty()) {
      stays[from].last_out = DayOf(e);
      stays[from].holding = false;
    }
    Stay& next = stays[to];
    if (next.first_in.empty()) next.first_in = DayOf(e);
    next.holding = true;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const StageDefinition& s : def.stages) {
    auto it = stays.find(s.id);
    if (it == stays.end()) continue;
    const Stay& stay = it->second;
    const std::string to = stay.holding ? until_iso : stay.last_out;
    rows.push_back({{"id", s.id},
                    {"title", s.title},
                    {"from", IsoToRussianDate(stay.first_in, "")},
                    {"to", IsoToRussianDate(to, "")}});
  }
  return rows;
}

}  // namespace shnor

namespace shnor {

std::optional<std::string> TransitionKindOf(const WorkflowDefinition& def,
                                            const std::string& document_id) {
  std::optional<std::string> kind;
  for (const TransitionDefinition& t : def.transitions) {
    for (const std::string& d : t.documents) {
      if (d != document_id) continue;
      if (t.kind == TransitionKind::Advance) return std::nullopt;
      kind = ToString(t.kind);
    }
  }
  return kind;
}

std::string NoTransitionText(const std::string& kind, const std::string& school) {
  if (kind == "return") {
    return "школа «" + school +
           "» не возвращалась на предыдущий этап: уведомление о возврате составляется по "
           "возврату школы (команда return)";
  }
  if (kind == "withdraw") {
    return "школа «" + school +
           "» не выбывала из проекта: документ о выбытии составляется по выбытию школы "
           "(команда withdraw)";
  }
  if (kind == "complete") {
    return "школа «" + school +
           "» не завершила проект: уведомление о завершении составляется по завершению "
           "(команда complete)";
  }
  return "у школы «" + school + "» не было перехода «" + kind +
         "», по которому составляется документ";
}

}  // namespace shnor
