#include "engine/documents/InterviewSchedule.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "engine/calendar/Date.h"

namespace shnor {
namespace {

// Minutes since midnight.
struct Span {
  int from = 0;
  int to = 0;
};

struct Hours {
  Span day;
  std::optional<Span> lunch;
  int slot = 0;
};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Strictly "HH:MM": times pasted from old schedules («9.30», «9:30») are refused by name rather
// than guessed at.
int Minutes(const std::string& text, const std::string& what) {
  const bool shape = text.size() == 5 && IsDigit(text[0]) && IsDigit(text[1]) && text[2] == ':' &&
                     IsDigit(text[3]) && IsDigit(text[4]);
  const int hour = shape ? (text[0] - '0') * 10 + (text[1] - '0') : 0;
  const int minute = shape ? (text[3] - '0') * 10 + (text[4] - '0') : 0;
  if (!shape || hour > 23 || minute > 59) {
    throw ScheduleError("Время " + what + " «" + text + "» не в формате ЧЧ:ММ (например, 09:00)");
  }
  return hour * 60 + minute;
}

std::string TwoDigits(int n) {
  return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

// Minutes are always within one day here: every time came through Minutes().
std::string Clock(int minutes) {
  return TwoDigits(minutes / 60) + ":" + TwoDigits(minutes % 60);
}

std::string Range(const Span& span) {
  return Clock(span.from) + "–" + Clock(span.to);
}

std::optional<Span> CheckedLunch(const InterviewHours& h, const Span& day) {
  if (h.lunch_start.empty() && h.lunch_end.empty()) return std::nullopt;
  Span lunch{Minutes(h.lunch_start, "начала обеда"), Minutes(h.lunch_end, "окончания обеда")};
  if (lunch.to <= lunch.from) {
    throw ScheduleError("Обед заканчивается (" + h.lunch_end + ") не позже, чем начинается (" +
                        h.lunch_start + ")");
  }
  if (lunch.from < day.from || lunch.to > day.to) {
    throw ScheduleError("Обед " + Range(lunch) + " выходит за рабочий день " + Range(day));
  }
  return lunch;
}

Hours CheckedHours(const InterviewHours& h) {
  if (h.slot_minutes <= 0) {
    throw ScheduleError("Длительность слота собеседования должна быть больше нуля, задано " +
                        std::to_string(h.slot_minutes) + " мин.");
  }
  Span day{Minutes(h.day_start, "начала рабочего дня"),
           Minutes(h.day_end, "окончания рабочего дня")};
  if (day.to <= day.from) {
    throw ScheduleError("Рабочий день заканчивается (" + h.day_end +
                        ") не позже, чем начинается (" + h.day_start + ")");
  }
  return Hours{day, CheckedLunch(h, day), h.slot_minutes};
}

std::vector<Span> Slots(const Hours& h) {
  std::vector<Span> slots;
  for (int t = h.day.from; t + h.slot <= h.day.to;) {
    if (h.lunch && t < h.lunch->to && t + h.slot > h.lunch->from) {
      t = h.lunch->to;  // a slot never straddles lunch: resume when it ends
      continue;
    }
    slots.push_back({t, t + h.slot});
    t += h.slot;
  }
  return slots;
}

// ISO strings compare as dates, so strictly increasing text is strictly increasing days; it also
// rules out a day given twice, which would put a curator in two slots at once.
void CheckDays(const std::vector<std::string>& days) {
  if (days.empty()) throw ScheduleError("Не заданы дни собеседований");
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (!ParseIsoDate(days[i])) {
      throw ScheduleError("День собеседований «" + days[i] +
                          "» не является датой в формате ГГГГ-ММ-ДД");
    }
    if (i > 0 && days[i] <= days[i - 1]) {
      throw ScheduleError("Дни собеседований должны идти по возрастанию без повторов: " + days[i] +
                          " указан после " + days[i - 1]);
    }
  }
}

void CheckSchools(const std::vector<InterviewSchool>& schools) {
  std::set<std::string> codes;
  for (const auto& s : schools) {
    if (s.curator.empty()) {
      throw ScheduleError("У школы «" + s.name + "» (" + s.code + ") не назначен куратор");
    }
    if (!codes.insert(s.code).second) {
      throw ScheduleError("Школа с кодом «" + s.code + "» указана в графике дважды");
    }
  }
}

// Municipalities in order of first appearance, schools in the given order inside each.
std::vector<const InterviewSchool*> ByMunicipality(const std::vector<InterviewSchool>& schools) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const InterviewSchool*>> groups;
  for (const auto& s : schools) {
    auto& group = groups[s.municipality];
    if (group.empty()) order.push_back(s.municipality);
    group.push_back(&s);
  }
  std::vector<const InterviewSchool*> grouped;
  for (const auto& m : order) grouped.insert(grouped.end(), groups[m].begin(), groups[m].end());
  return grouped;
}

// Every curator has the same slots, so the check is per curator against one capacity; curators
// are named in order of first appearance so the message reads like the input.
void CheckCapacity(const std::vector<InterviewSchool>& schools, std::size_t capacity) {
  std::vector<std::string> order;
  std::map<std::string, std::size_t> count;
  for (const auto& s : schools) {
    if (count[s.curator]++ == 0) order.push_back(s.curator);
  }
  std::string shortage;
  for (const auto& curator : order) {
    const std::size_t n = count[curator];
    if (n <= capacity) continue;
    shortage += (shortage.empty() ? "" : "; ") + std::string("куратор ") + curator + " — " +
                std::to_string(n - capacity) + " (школ " + std::to_string(n) + ", слотов " +
                std::to_string(capacity) + ")";
  }
  if (!shortage.empty()) {
    throw ScheduleError("Не хватает слотов собеседований: " + shortage +
                        ". Добавьте дни собеседований или сократите длительность слота");
  }
}

}  // namespace

std::vector<InterviewSlot> ScheduleInterviews(const std::vector<InterviewSchool>& schools,
                                              const std::vector<std::string>& days,
                                              const InterviewHours& hours) {
  const std::vector<Span> day = Slots(CheckedHours(hours));
  CheckDays(days);
  CheckSchools(schools);
  CheckCapacity(schools, day.size() * days.size());
  // A curator's slots are numbered day by day; each school takes its curator's next number, so
  // one curator is never booked twice and different curators share the clock freely.
  std::map<std::string, std::size_t> next;
  std::vector<InterviewSlot> slots;
  for (const InterviewSchool* s : ByMunicipality(schools)) {
    const std::size_t n = next[s->curator]++;
    const Span& span = day[n % day.size()];
    slots.push_back({s->municipality, s->code, s->name, days[n / day.size()], Clock(span.from),
                     Clock(span.to), s->curator});
  }
  std::sort(slots.begin(), slots.end(), [](const InterviewSlot& a, const InterviewSlot& b) {
    return std::tie(a.date, a.start, a.curator) < std::tie(b.date, b.start, b.curator);
  });
  return slots;
}

nlohmann::json InterviewSlotsContext(const std::vector<InterviewSlot>& given) {
  // Curator by curator, each in the order of their first slot, so each finds their own.
  std::map<std::string, std::size_t> first;
  for (const auto& s : given) first.emplace(s.curator, first.size());
  std::vector<InterviewSlot> slots = given;
  std::stable_sort(slots.begin(), slots.end(), [&](const auto& a, const auto& b) {
    return first[a.curator] < first[b.curator];
  });
  auto list = nlohmann::json::array();
  for (const auto& s : slots) {
    list.push_back({{"municipality", s.municipality},
                    {"school", s.school_name},
                    {"code", s.school_code},
                    {"date", IsoToRussianDate(s.date, s.date)},
                    {"date_iso", s.date},
                    {"time", s.start + "–" + s.end},
                    {"curator", s.curator}});
  }
  return list;
}

}  // namespace shnor
