// Deadline rules: every anchor resolved on the shipped production calendar, the roll off
// non-working days, years the calendar does not cover; the loader's refusals of broken `due:`
// rules; reminder overrides; and the UTC moment a deadline "on date D" is stored as.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/Date.h"
#include "engine/calendar/DeadlineRule.h"
#include "engine/calendar/ProductionCalendar.h"
#include "engine/definitions/WorkflowLoader.h"
#include "engine/workflow/ReminderPolicy.h"
#include "engine/workflow/StateMachine.h"
#include "tests/TestSupport.h"

using namespace shnor;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

Date D(const std::string& iso) {
  const auto date = ParseIsoDate(iso);
  REQUIRE(date);
  return *date;
}

// The resolved deadline as ISO text, "none" for nullopt, so failures print readably.
std::string Iso(const std::optional<Date>& date) {
  return date ? FormatIsoDate(*date) : "none";
}

// Campaign year 2024 on the shipped calendar, stage II's window (03-01 .. 04-30).
DeadlineContext Context2024() {
  DeadlineContext c;
  c.calendar = &test::ShippedCalendar();
  c.year = 2024;
  c.campaign_start = D("2024-01-01");
  c.stage_start = D("2024-03-01");
  c.stage_end = D("2024-04-30");
  return c;
}

DeadlineRule Rule(DeadlineAnchor anchor, int offset = 0, bool working_days = false) {
  DeadlineRule rule;
  rule.anchor = anchor;
  rule.offset = offset;
  rule.working_days = working_days;
  return rule;
}

DeadlineRule DayOfYear(unsigned month, unsigned day, DeadlineRoll roll = DeadlineRoll::Previous) {
  DeadlineRule rule = Rule(DeadlineAnchor::DayOfYear);
  rule.day = MonthDay{month, day, false};
  rule.roll = roll;
  return rule;
}

DeadlineRule Monthly(DeadlineAnchor anchor, unsigned day_of_month,
                     DeadlineRoll roll = DeadlineRoll::Previous) {
  DeadlineRule rule = Rule(anchor);
  rule.day_of_month = day_of_month;
  rule.roll = roll;
  return rule;
}

DeadlineContext Month(int year, unsigned month) {
  DeadlineContext c = Context2024();
  c.year = year;
  c.month = month;
  return c;
}

// A valid definition with every kind of `due:`; tests replace one line to break it.
const std::string kWorkflow =
    "id: t\n"                                                       // 1
    "version: 1\n"                                                  // 2
    "title: Проверка\n"                                             // 3
    "initial: I\n"                                                  // 4
    "stages:\n"                                                     // 5
    "  - id: I\n"                                                   // 6
    "    title: Первый\n"                                           // 7
    "    window: { from: \"01-01\", to: \"02-end\" }\n"             // 8
    "    tasks:\n"                                                  // 9
    "      - id: a\n"                                               // 10
    "        title: Задача А\n"                                     // 11
    "        due: \"02-10\"\n"                                      // 12
    "  - id: II\n"                                                  // 13
    "    title: Второй\n"                                           // 14
    "    window: { from: \"03-01\", to: \"04-30\" }\n"              // 15
    "    tasks:\n"                                                  // 16
    "      - id: b\n"                                               // 17
    "        title: Задача Б\n"                                     // 18
    "        due: { from: stage-start, working_days: 10 }\n"        // 19
    "      - id: c\n"                                               // 20
    "        title: Задача В\n"                                     // 21
    "        due: { from: approval, task: b, working_days: 15 }\n"  // 22
    "      - id: report\n"                                          // 23
    "        title: Отчёт\n"                                        // 24
    "        recurrence: monthly\n"                                 // 25
    "        due: { working_day_of_month: 5 }\n"                    // 26
    "transitions:\n"                                                // 27
    "  - { kind: advance, from: I, to: II }\n"                      // 28
    "  - { kind: complete, from: II }\n";                           // 29

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The loader refuses `yaml` at `line` with a reason containing every one of `parts`.
void RequireRefusal(const std::string& yaml, int line, const std::vector<std::string>& parts) {
  try {
    LoadWorkflowText(yaml, "wf.yaml");
    FAIL("the definition was accepted");
  } catch (const DefinitionError& e) {
    INFO(e.what());
    CHECK(e.file() == "wf.yaml");
    CHECK(e.line() == line);
    CHECK_THAT(e.what(), StartsWith("wf.yaml:" + std::to_string(line) + ": "));
    for (const std::string& part : parts) CHECK_THAT(e.reason(), Contains(part));
  }
}

const WorkflowDefinition& Shipped() {
  static const WorkflowDefinition def = test::ShippedWorkflow();
  return def;
}

}  // namespace

// --- ResolveDeadline ---------------------------------------------------------------------------

TEST_CASE("the shipped calendar has the 2024 May holidays the deadline tests rely on",
          "[deadline-rule]") {
  const ProductionCalendar& cal = test::ShippedCalendar();
  CHECK(cal.IsWorkingDay(D("2024-04-27")));  // a working Saturday
  CHECK_FALSE(cal.IsWorkingDay(D("2024-04-28")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-04-29")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-04-30")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-05-01")));
  CHECK(cal.IsWorkingDay(D("2024-05-02")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-03-08")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-05-09")));
  CHECK_FALSE(cal.IsWorkingDay(D("2024-05-10")));
  CHECK_FALSE(cal.IsWorkingDay(D("2025-01-08")));
  CHECK(cal.IsWorkingDay(D("2025-01-09")));
  CHECK_FALSE(cal.Covers(2031));
}

TEST_CASE("a rule without an anchor is due at the end of the stage window", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  // 30 April 2024 is a holiday, so are the 29th and the Sunday before: the working Saturday.
  CHECK(Iso(ResolveDeadline(DeadlineRule{}, c)) == "2024-04-27");
  c.stage_end = D("2024-02-29");  // a Thursday, worked
  CHECK(Iso(ResolveDeadline(DeadlineRule{}, c)) == "2024-02-29");
  DeadlineRule next;
  next.roll = DeadlineRoll::Next;
  c.stage_end = D("2024-04-30");
  CHECK(Iso(ResolveDeadline(next, c)) == "2024-05-02");
}

TEST_CASE("a day of the campaign year is placed in the campaign year", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  CHECK(Iso(ResolveDeadline(DayOfYear(4, 15), c)) == "2024-04-15");
  c.year = 2025;
  CHECK(Iso(ResolveDeadline(DayOfYear(4, 15), c)) == "2025-04-15");
  DeadlineRule last = Rule(DeadlineAnchor::DayOfYear);
  last.day = MonthDay{2, 1, true};
  CHECK(Iso(ResolveDeadline(last, c)) == "2025-02-28");
  c.year = 2024;
  CHECK(Iso(ResolveDeadline(last, c)) == "2024-02-29");
}

TEST_CASE("a deadline on a holiday moves to the working day before it by default",
          "[deadline-rule]") {
  DeadlineContext c = Context2024();
  CHECK(Iso(ResolveDeadline(DayOfYear(5, 1), c)) == "2024-04-27");
  CHECK(Iso(ResolveDeadline(DayOfYear(3, 8), c)) == "2024-03-07");
  CHECK(Iso(ResolveDeadline(DayOfYear(5, 10), c)) == "2024-05-08");
  // A Saturday that is not worked.
  CHECK(Iso(ResolveDeadline(DayOfYear(2, 10), c)) == "2024-02-09");
}

TEST_CASE("a deadline on a holiday moves to the next working day with roll next",
          "[deadline-rule]") {
  DeadlineContext c = Context2024();
  CHECK(Iso(ResolveDeadline(DayOfYear(5, 1, DeadlineRoll::Next), c)) == "2024-05-02");
  CHECK(Iso(ResolveDeadline(DayOfYear(4, 28, DeadlineRoll::Next), c)) == "2024-05-02");
  CHECK(Iso(ResolveDeadline(DayOfYear(5, 9, DeadlineRoll::Next), c)) == "2024-05-13");
  CHECK(Iso(ResolveDeadline(DayOfYear(3, 8, DeadlineRoll::Next), c)) == "2024-03-11");
  // A working day stays where it is whichever way the rule rolls.
  CHECK(Iso(ResolveDeadline(DayOfYear(4, 27, DeadlineRoll::Next), c)) == "2024-04-27");
  CHECK(Iso(ResolveDeadline(DayOfYear(4, 27), c)) == "2024-04-27");
}

TEST_CASE("a fixed date is resolved as written and rolled off holidays", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  DeadlineRule rule = Rule(DeadlineAnchor::FixedDate);
  rule.date = D("2024-04-15");
  CHECK(Iso(ResolveDeadline(rule, c)) == "2024-04-15");
  // The campaign year does not matter for a fixed date.
  rule.date = D("2025-06-12");  // Russia Day, a Thursday
  CHECK(Iso(ResolveDeadline(rule, c)) == "2025-06-11");
  rule.roll = DeadlineRoll::Next;  // 13 June 2025 is a moved day off, then the weekend
  CHECK(Iso(ResolveDeadline(rule, c)) == "2025-06-16");
  rule.offset = 3;
  rule.roll = DeadlineRoll::Previous;
  // 15 June 2025 is a Sunday after the 12-13 June days off: back to Wednesday the 11th.
  CHECK(Iso(ResolveDeadline(rule, c)) == "2025-06-11");
}

TEST_CASE("a deadline counted from the campaign start", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  c.campaign_start = D("2024-01-15");
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::CampaignStart), c)) == "2024-01-15");
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::CampaignStart, 14), c)) == "2024-01-29");
  // 1 January 2024: the first working day after the New Year holidays is 9 January.
  c.campaign_start = D("2024-01-01");
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::CampaignStart, 1, true), c)) == "2024-01-09");
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::CampaignStart, 5, true), c)) == "2024-01-15");
}

TEST_CASE("a deadline counted from the stage start in calendar days", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageStart), c)) == "2024-03-01");
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageStart, 10), c)) == "2024-03-11");
  // 8 March is a holiday: back to the 7th, or on to Monday the 11th.
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageStart, 7), c)) == "2024-03-07");
  DeadlineRule next = Rule(DeadlineAnchor::StageStart, 7);
  next.roll = DeadlineRoll::Next;
  CHECK(Iso(ResolveDeadline(next, c)) == "2024-03-11");
}

TEST_CASE("a deadline 10 working days after stage II starts skips the 8 March holiday",
          "[deadline-rule]") {
  DeadlineContext c = Context2024();
  const DeadlineRule rule = Rule(DeadlineAnchor::StageStart, 10, true);
  const auto due = ResolveDeadline(rule, c);
  CHECK(Iso(due) == "2024-03-18");
  REQUIRE(due);
  // Cross-check on the calendar: ten working days in (03-01, due].
  CHECK(test::ShippedCalendar().WorkingDaysBetween(D("2024-03-02"), *due) == 10);
  // The shipped workflow's dtk rule is exactly this one.
  const TaskDefinition* dtk = Shipped().FindTask("dtk");
  REQUIRE(dtk);
  CHECK(dtk->due.anchor == DeadlineAnchor::StageStart);
  CHECK(dtk->due.working_days);
  CHECK(dtk->due.offset == 10);
  CHECK(Iso(ResolveDeadline(dtk->due, c)) == "2024-03-18");
}

TEST_CASE("a zero working-day offset still rolls off a holiday", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageEnd, 0, true), c)) == "2024-04-27");
}

TEST_CASE("a deadline counted from another task's approval waits for the approval",
          "[deadline-rule]") {
  DeadlineContext c = Context2024();
  DeadlineRule rule = Rule(DeadlineAnchor::TaskApproval, 15, true);
  rule.task_id = "dtk";
  CHECK_FALSE(ResolveDeadline(rule, c).has_value());
  c.approved_on = D("2024-03-18");
  CHECK(Iso(ResolveDeadline(rule, c)) == "2024-04-08");
  c.approved_on = D("2024-04-19");  // 15 working days run through the May holidays
  CHECK(Iso(ResolveDeadline(rule, c)) == "2024-05-16");
  DeadlineRule calendar_days = Rule(DeadlineAnchor::TaskApproval, 12);
  calendar_days.task_id = "dtk";
  c.approved_on = D("2024-04-19");  // + 12 = 1 May, a holiday
  CHECK(Iso(ResolveDeadline(calendar_days, c)) == "2024-04-27");
}

TEST_CASE("a monthly task due on a calendar day of each month", "[deadline-rule]") {
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 15), Month(2024, 3))) ==
        "2024-03-15");
  // 10 February 2024 is a Saturday.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 10), Month(2024, 2))) ==
        "2024-02-09");
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 10, DeadlineRoll::Next),
                            Month(2024, 2))) == "2024-02-12");
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 1), Month(2024, 5))) ==
        "2024-04-27");
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 1, DeadlineRoll::Next),
                            Month(2024, 5))) == "2024-05-02");
  // A day past the month's end is its last day.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 31), Month(2024, 2))) ==
        "2024-02-29");
}

TEST_CASE("a monthly task due on the n-th working day of each month", "[deadline-rule]") {
  const ProductionCalendar& cal = test::ShippedCalendar();
  // January 2025: 1-8 are holidays and the weekend; the 9th is the first working day.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 5), Month(2025, 1))) ==
        "2025-01-15");
  CHECK(cal.WorkingDaysBetween(D("2025-01-01"), D("2025-01-15")) == 5);
  // May 2024: the 1st, 9th and 10th are not worked.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 1), Month(2024, 5))) ==
        "2024-05-02");
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 5), Month(2024, 5))) ==
        "2024-05-08");
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 6), Month(2024, 5))) ==
        "2024-05-13");
  CHECK(cal.WorkingDaysBetween(D("2024-05-01"), D("2024-05-13")) == 6);
  // The roll does not apply: the n-th working day is a working day.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 5, DeadlineRoll::Next),
                            Month(2024, 5))) == "2024-05-08");
  // May 2024 has 20 working days; there is no 21st.
  CHECK(Iso(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 20), Month(2024, 5))) ==
        "2024-05-31");
  CHECK_THROWS_AS(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 21), Month(2024, 5)),
                  CalendarError);
}

TEST_CASE("negative offsets count back from the anchor", "[deadline-rule]") {
  DeadlineContext c = Context2024();
  // Three calendar days before stage II starts: Tuesday 27 February.
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageStart, -3), c)) == "2024-02-27");
  // Two working days before the window's end (30 April): the 27th, then Friday the 26th.
  CHECK(Iso(ResolveDeadline(Rule(DeadlineAnchor::StageEnd, -2, true), c)) == "2024-04-26");
  // 12 May 2024 is a Sunday; two days before is the 10 May day off, so back to the 8th.
  DeadlineRule before = DayOfYear(5, 12);
  before.offset = -2;
  CHECK(Iso(ResolveDeadline(before, c)) == "2024-05-08");
  before.roll = DeadlineRoll::Next;
  CHECK(Iso(ResolveDeadline(before, c)) == "2024-05-13");
  // Five working days before 13 May 2024: 8, 7, 6, 3, 2 May.
  DeadlineRule working = DayOfYear(5, 13);
  working.offset = -5;
  working.working_days = true;
  CHECK(Iso(ResolveDeadline(working, c)) == "2024-05-02");
  c.approved_on = D("2024-03-18");
  DeadlineRule approval = Rule(DeadlineAnchor::TaskApproval, -1, true);
  approval.task_id = "dtk";
  CHECK(Iso(ResolveDeadline(approval, c)) == "2024-03-15");
}

TEST_CASE("a deadline in a year the calendar does not cover is refused naming the year",
          "[deadline-rule]") {
  DeadlineContext c = Context2024();
  c.year = 2031;
  CHECK_THROWS_AS(ResolveDeadline(DayOfYear(3, 10), c), CalendarError);
  CHECK_THROWS_WITH(ResolveDeadline(DayOfYear(3, 10), c), Contains("2031"));
  CHECK_THROWS_WITH(ResolveDeadline(Monthly(DeadlineAnchor::WorkingDayOfMonth, 5), Month(2031, 3)),
                    Contains("2031"));
  CHECK_THROWS_WITH(ResolveDeadline(Monthly(DeadlineAnchor::DayOfMonth, 5), Month(2031, 3)),
                    Contains("2031"));
  DeadlineRule fixed = Rule(DeadlineAnchor::FixedDate);
  fixed.date = D("2031-04-15");
  CHECK_THROWS_AS(ResolveDeadline(fixed, Context2024()), CalendarError);
  CHECK_THROWS_WITH(ResolveDeadline(fixed, Context2024()), Contains("2031"));
  // Working days counted past the last loaded year fail on the year they reach.
  fixed.date = D("2027-12-28");
  fixed.offset = 5;
  fixed.working_days = true;
  CHECK_THROWS_AS(ResolveDeadline(fixed, Context2024()), CalendarError);
  CHECK_THROWS_WITH(ResolveDeadline(fixed, Context2024()), Contains("2028"));
}

// --- The loader's `due:` rules
// --------------------------------------------------------------------

TEST_CASE("the loader reads every form of due", "[deadline-rule]") {
  auto def = LoadWorkflowText(kWorkflow, "wf.yaml");
  const TaskDefinition* a = def.FindTask("a");
  const TaskDefinition* b = def.FindTask("b");
  const TaskDefinition* c = def.FindTask("c");
  const TaskDefinition* report = def.FindTask("report");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  REQUIRE(report);
  CHECK(a->due.anchor == DeadlineAnchor::DayOfYear);
  CHECK(a->due.day.month == 2);
  CHECK(a->due.day.day == 10);
  CHECK(a->due.roll == DeadlineRoll::Previous);
  CHECK(b->due.anchor == DeadlineAnchor::StageStart);
  CHECK(b->due.working_days);
  CHECK(b->due.offset == 10);
  CHECK(b->due.stage_id.empty());
  CHECK(b->due.line == 19);
  CHECK(c->due.anchor == DeadlineAnchor::TaskApproval);
  CHECK(c->due.task_id == "b");
  CHECK(c->due.offset == 15);
  CHECK(c->due.line == 22);
  CHECK(report->due.anchor == DeadlineAnchor::WorkingDayOfMonth);
  CHECK(report->due.day_of_month == 5);
  CHECK(report->due.monthly());

  auto other =
      LoadWorkflowText(Replace(Replace(Replace(kWorkflow, "due: \"02-10\"", "due: \"2024-02-12\""),
                                       "{ from: stage-start, working_days: 10 }",
                                       "{ from: stage-end, stage: I, days: -3, roll: next }"),
                               "{ working_day_of_month: 5 }", "{ day_of_month: 20, roll: next }"),
                       "wf.yaml");
  CHECK(other.FindTask("a")->due.anchor == DeadlineAnchor::FixedDate);
  CHECK(other.FindTask("a")->due.date == D("2024-02-12"));
  const DeadlineRule& end = other.FindTask("b")->due;
  CHECK(end.anchor == DeadlineAnchor::StageEnd);
  CHECK(end.stage_id == "I");
  CHECK(end.offset == -3);
  CHECK_FALSE(end.working_days);
  CHECK(end.roll == DeadlineRoll::Next);
  CHECK(other.FindTask("report")->due.anchor == DeadlineAnchor::DayOfMonth);
  CHECK(other.FindTask("report")->due.day_of_month == 20);
  CHECK(other.FindTask("report")->due.roll == DeadlineRoll::Next);

  auto start = LoadWorkflowText(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                                        "{ from: campaign-start, days: 60 }"),
                                "wf.yaml");
  CHECK(start.FindTask("b")->due.anchor == DeadlineAnchor::CampaignStart);
  CHECK(start.FindTask("b")->due.offset == 60);
}

TEST_CASE("the loader refuses a due that refers to a missing stage", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                         "{ from: stage-start, stage: V, working_days: 10 }"),
                 19, {"«b»", "неизвестный этап «V»"});
}

TEST_CASE("the loader refuses a due that refers to a missing task", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "task: b,", "task: nope,"), 22,
                 {"«c»", "неизвестную задачу «nope»"});
  RequireRefusal(Replace(kWorkflow, "{ from: approval, task: b, working_days: 15 }",
                         "{ from: approval, working_days: 15 }"),
                 22, {"«c»", "укажите task"});
  RequireRefusal(Replace(kWorkflow, "task: b,", "task: c,"), 22, {"«c»", "самой задачи"});
  RequireRefusal(Replace(kWorkflow, "task: b,", "task: report,"), 22,
                 {"«c»", "ежемесячной задачи «report»"});
}

TEST_CASE("the loader names the line of a due written as a block", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "        due: { from: approval, task: b, working_days: 15 }\n",
                         "        due:\n"                  // 22
                         "          from: approval\n"      // 23
                         "          task: nope\n"          // 24
                         "          working_days: 15\n"),  // 25
                 23, {"«c»", "«nope»"});
}

TEST_CASE("the loader refuses a malformed due date", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "due: \"02-10\"", "due: \"2024-02-30\""), 12,
                 {"«a»", "«2024-02-30»", "ГГГГ-ММ-ДД"});
  RequireRefusal(Replace(kWorkflow, "due: \"02-10\"", "due: \"2024/02/10\""), 12,
                 {"«a»", "«2024/02/10»"});
  RequireRefusal(Replace(kWorkflow, "due: \"02-10\"", "due: \"02-31\""), 12, {"«02-31»"});
  RequireRefusal(Replace(kWorkflow, "due: \"02-10\"", "due: \"03-10\""), 12,
                 {"«a»", "вне окна этапа I"});
}

TEST_CASE("the loader refuses a malformed relative due", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "from: stage-start,", "from: stage-middle,"), 19,
                 {"«b»", "«stage-middle»"});
  RequireRefusal(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                         "{ from: stage-start, days: 3, working_days: 10 }"),
                 19, {"«b»", "не оба"});
  RequireRefusal(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                         "{ from: stage-start, working_days: 400 }"),
                 19, {"«b»", "от -366 до 366"});
  RequireRefusal(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                         "{ from: stage-start, working_days: 10, roll: later }"),
                 19, {"«roll»"});
  RequireRefusal(Replace(kWorkflow, "{ from: stage-start, working_days: 10 }",
                         "{ from: stage-start, hours: 10 }"),
                 19, {"«b»", "«hours»"});
}

TEST_CASE("the loader refuses a day of month out of range", "[deadline-rule]") {
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ day_of_month: 31 }"), 26,
                 {"«day_of_month»", "от 1 до 28"});
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ day_of_month: 0 }"), 26,
                 {"«day_of_month»", "от 1 до 28"});
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ working_day_of_month: 16 }"),
                 26, {"«working_day_of_month»", "от 1 до 15"});
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ day_of_month: fifth }"), 26,
                 {"«day_of_month»"});
}

TEST_CASE("the loader refuses a monthly rule on a one-off task and the reverse",
          "[deadline-rule]") {
  RequireRefusal(
      Replace(kWorkflow, "{ from: stage-start, working_days: 10 }", "{ working_day_of_month: 5 }"),
      19, {"«b»", "разовая"});
  RequireRefusal(
      Replace(kWorkflow, "{ from: stage-start, working_days: 10 }", "{ day_of_month: 10 }"), 19,
      {"«b»", "recurrence: monthly"});
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "\"04-15\""), 26,
                 {"у ежемесячной задачи «report»"});
  RequireRefusal(
      Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ from: stage-start, days: 3 }"), 26,
      {"у ежемесячной задачи «report»"});
  RequireRefusal(Replace(kWorkflow, "{ working_day_of_month: 5 }", "{ day_of_month: 5, days: 2 }"),
                 26, {"«report»", "не сочетается"});
}

// --- Reminder policies ------------------------------------------------------------------------

TEST_CASE("the shipped monthly report overrides the reminders before its deadline",
          "[deadline-rule]") {
  const WorkflowDefinition& def = Shipped();
  CHECK(def.reminders.before == std::vector<int>{7, 1});
  const TaskDefinition* report = def.FindTask("monthly-report");
  REQUIRE(report);
  CHECK(report->reminders.before == std::vector<int>{2});
  // The fields it does not override come from the workflow's default.
  CHECK(report->reminders.on_day == def.reminders.on_day);
  CHECK(report->reminders.overdue_every == def.reminders.overdue_every);
  CHECK(report->reminders.escalate_coordinator == def.reminders.escalate_coordinator);
  CHECK(report->reminders.escalate_curator == def.reminders.escalate_curator);
  for (const char* id : {"dtk", "road-map", "failure-prevention-plan", "results-report"}) {
    INFO(id);
    const TaskDefinition* task = def.FindTask(id);
    REQUIRE(task);
    CHECK(task->reminders.before == std::vector<int>{7, 1});
    CHECK(task->reminders.on_day);
    CHECK(task->reminders.overdue_every == 3);
    CHECK(task->reminders.escalate_coordinator == 3);
    CHECK(task->reminders.escalate_curator == 7);
  }
  // The shipped approval-anchored and monthly rules.
  const TaskDefinition* plan = def.FindTask("failure-prevention-plan");
  CHECK(plan->due.anchor == DeadlineAnchor::TaskApproval);
  CHECK(plan->due.task_id == "dtk");
  CHECK(plan->due.working_days);
  CHECK(plan->due.offset == 15);
  CHECK(report->due.anchor == DeadlineAnchor::WorkingDayOfMonth);
  CHECK(report->due.day_of_month == 5);
}

TEST_CASE("a task's reminder override is laid over the workflow's default, not the built-in one",
          "[deadline-rule]") {
  std::string yaml = Replace(kWorkflow, "stages:\n",
                             "reminders: { before_working_days: [10, 2], "
                             "overdue_every_working_days: 5 }\n"
                             "stages:\n");
  yaml = Replace(yaml, "        due: { working_day_of_month: 5 }\n",
                 "        due: { working_day_of_month: 5 }\n"
                 "        reminders: { before_working_days: [1], on_the_day: false }\n");
  auto def = LoadWorkflowText(yaml, "wf.yaml");
  CHECK(def.reminders.before == std::vector<int>{10, 2});
  CHECK(def.FindTask("a")->reminders.before == std::vector<int>{10, 2});
  CHECK(def.FindTask("a")->reminders.overdue_every == 5);
  const ReminderPolicy& report = def.FindTask("report")->reminders;
  CHECK(report.before == std::vector<int>{1});
  CHECK_FALSE(report.on_day);
  CHECK(report.overdue_every == 5);
  CHECK(report.escalate_coordinator == ReminderPolicy{}.escalate_coordinator);
}

// --- The stored moment of a deadline ----------------------------------------------------------

TEST_CASE("a deadline on date D ends at 23:59:59 local time, stored in UTC", "[deadline-rule]") {
  using namespace std::chrono;
  const Date day = D("2024-03-15");
  const int kamchatka = 12 * 60;
  const int moscow = 3 * 60;

  const TimePoint kamchatka_end = EndOfLocalDay(day, kamchatka);
  CHECK(kamchatka_end == TimePoint{sys_days{day}} + hours{11} + minutes{59} + seconds{59});
  CHECK(FormatUtc(kamchatka_end) == "2024-03-15T11:59:59Z");
  CHECK(FormatLocal(kamchatka_end, kamchatka) == "2024-03-15 23:59:59 +12:00");
  CHECK(FormatLocal(kamchatka_end, moscow) == "2024-03-15 14:59:59 +03:00");
  CHECK(LocalDate(kamchatka_end, kamchatka) == day);
  CHECK(LocalDate(kamchatka_end + seconds{1}, kamchatka) == D("2024-03-16"));

  const TimePoint moscow_end = EndOfLocalDay(day, moscow);
  CHECK(moscow_end == TimePoint{sys_days{day}} + hours{20} + minutes{59} + seconds{59});
  CHECK(FormatUtc(moscow_end) == "2024-03-15T20:59:59Z");
  CHECK(FormatLocal(moscow_end, moscow) == "2024-03-15 23:59:59 +03:00");
  CHECK(moscow_end - kamchatka_end == hours{9});

  // The first moment of the day is the mirror image.
  CHECK(FormatUtc(StartOfLocalDay(day, kamchatka)) == "2024-03-14T12:00:00Z");
  CHECK(FormatUtc(StartOfLocalDay(day, moscow)) == "2024-03-14T21:00:00Z");
}

TEST_CASE("the tasks of a stage store the end of their due date in the region as UTC",
          "[deadline-rule]") {
  const CampaignTime kamchatka{2024, 12 * 60, &test::ShippedCalendar(), {}, {}};
  const CampaignTime moscow{2024, 3 * 60, &test::ShippedCalendar(), {}, {}};
  bool seen_dtk = false;
  for (const NewTask& t : TasksForStage(Shipped(), "II", kamchatka)) {
    if (t.task_id != "dtk") continue;
    seen_dtk = true;
    CHECK(t.due_date == "2024-03-18");
    CHECK(FormatUtc(TimePoint{std::chrono::seconds{t.due_at}}) == "2024-03-18T11:59:59Z");
    CHECK(FormatLocal(TimePoint{std::chrono::seconds{t.due_at}}, 180) ==
          "2024-03-18 14:59:59 +03:00");
  }
  CHECK(seen_dtk);
  bool seen_approval_task = false;
  for (const NewTask& t : TasksForStage(Shipped(), "II", moscow)) {
    if (t.task_id == "dtk") {
      CHECK(FormatUtc(TimePoint{std::chrono::seconds{t.due_at}}) == "2024-03-18T20:59:59Z");
    }
    if (t.task_id == "failure-prevention-plan") {
      // Due from dtk's approval, which has not happened: no date and no moment yet.
      seen_approval_task = true;
      CHECK(t.due_date.empty());
      CHECK(t.due_at == 0);
    }
  }
  CHECK(seen_approval_task);
}
