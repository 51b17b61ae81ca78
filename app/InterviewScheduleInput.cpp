#include "app/InterviewScheduleInput.h"

#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/documents/InterviewRoster.h"
#include "engine/documents/InterviewSchedule.h"

namespace shnor::app {
namespace {

// "09:00-17:00" -> {"09:00", "17:00"}; an empty text means none.
std::pair<std::string, std::string> Span(const std::string& text, const std::string& name) {
  if (text.empty()) return {"", ""};
  auto dash = text.find('-');
  if (dash == std::string::npos) {
    throw InputError(name + ": ожидается ЧЧ:ММ-ЧЧ:ММ, а не «" + text + "»");
  }
  return {Trim(text.substr(0, dash)), Trim(text.substr(dash + 1))};
}

}  // namespace

nlohmann::json ScheduleContext(const std::vector<InterviewSchool>& roster,
                               const ScheduleInput& input) {
  if (input.days.empty()) {
    throw InputError("для графика собеседований укажите дни (" + input.days_name +
                     "): ГГГГ-ММ-ДД, ГГГГ-ММ-ДД");
  }
  InterviewHours hours;
  std::tie(hours.day_start, hours.day_end) = Span(input.hours, input.hours_name);
  std::tie(hours.lunch_start, hours.lunch_end) = Span(input.lunch, input.lunch_name);
  auto slots = ScheduleInterviews(roster, input.days, hours);
  return {{"slots", InterviewSlotsContext(slots)}};
}

}  // namespace shnor::app
