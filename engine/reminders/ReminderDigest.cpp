#include "engine/reminders/ReminderDigest.h"

#include <array>
#include <cstdio>

#include "engine/base/Text.h"

namespace shnor {
namespace {

std::string Html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The deadline as the region reads it: "15.03.2024 23:59".
std::string Deadline(const ReminderItem& item, int offset_minutes) {
  if (item.due_at == 0) return FormatRussianDate(item.due);
  TimePoint moment{std::chrono::seconds{item.due_at}};
  auto local = moment + std::chrono::minutes{offset_minutes};
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::hh_mm_ss time{local - day};
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return FormatRussianDate(Date{day}) + " " + clock;
}

std::string State(const ReminderItem& item, int offset_minutes) {
  std::string due = Deadline(item, offset_minutes);
  switch (item.kind) {
    case ReminderKind::Before:
      return "срок " + due + ", осталось " +
             CountOf(item.working_days, "рабочий день", "рабочих дня", "рабочих дней");
    case ReminderKind::OnDay:
      return "срок сегодня, " + due;
    case ReminderKind::Overdue:
      return "просрочено на " +
             CountOf(item.working_days, "рабочий день", "рабочих дня", "рабочих дней") +
             " (срок был " + due + ")";
  }
  return due;
}

std::string TaskName(const ReminderItem& item) {
  std::string name = "«" + item.task_title + "»";
  if (!item.period.empty()) name += " " + PeriodText(item.period);
  return name;
}

struct Body {
  std::string text;
  std::string html;
};

// Items of one kind (own tasks or escalations), a heading per school.
void Section(const DigestLetter& letter, bool escalations, const std::string& heading,
             int offset_minutes, Body& body) {
  std::string school;
  bool any = false;
  for (const ReminderItem& item : letter.items) {
    if (item.escalation != escalations) continue;
    if (!any) {
      body.text += "\n" + heading + "\n";
      body.html += "<h3>" + Html(heading) + "</h3>\n";
      any = true;
    }
    std::string this_school =
        item.school_name + " (" + item.municipality + ", код " + item.school_code + ")";
    if (this_school != school) {
      if (!school.empty()) body.html += "</ul>\n";
      school = this_school;
      body.text += "\n" + school + "\n";
      body.html += "<p><b>" + Html(school) + "</b></p>\n<ul>\n";
    }
    std::string line = TaskName(item) + ": " + State(item, offset_minutes);
    body.text += "  • " + line + "\n";
    body.html += "<li>" + Html(line) + "</li>\n";
  }
  if (any) body.html += "</ul>\n";
}

}  // namespace

std::string DigestSubject(const DigestLetter& letter) {
  std::string subject = "Проект ШНОР: сроки задач на " + IsoToRussianDate(letter.day, letter.day) +
                        " — " +
                        CountOf(static_cast<int>(letter.items.size()), "задача", "задачи", "задач");
  if (letter.escalations > 0) subject += ", есть просроченные";
  return subject;
}

DigestText ComposeDigest(const DigestLetter& letter, const storage::CampaignRecord& campaign) {
  int offset = campaign.utc_offset_minutes;
  std::string day = IsoToRussianDate(letter.day, letter.day);
  DigestText out;
  out.subject = DigestSubject(letter);
  std::string greeting =
      "Здравствуйте" + (letter.to.name.empty() ? "" : ", " + letter.to.name) + "!";
  std::string intro = "Сводка проекта «" + campaign.title + "» (" + campaign.region + ") на " +
                      day + ". Сроки указаны по местному времени (" + campaign.time_zone + ", UTC" +
                      FormatOffset(offset) + ").";
  Body body;
  body.text = greeting + "\n\n" + intro + "\n";
  body.html = "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>" +
              Html(out.subject) + "</title></head><body>\n<p>" + Html(greeting) + "</p>\n<p>" +
              Html(intro) + "</p>\n";
  Section(letter, false, "Ваши задачи", offset, body);
  Section(letter, true, "Просроченные задачи школ, переданные вам для контроля", offset, body);
  std::string footer = "Письмо составлено автоматически системой shnor (" + campaign.operator_name +
                       "). Задача перестаёт попадать в сводку, когда документ сдан.";
  body.text += "\n--\n" + footer + "\n";
  body.html += "<hr><p><small>" + Html(footer) + "</small></p>\n</body></html>\n";
  out.text = std::move(body.text);
  out.html = std::move(body.html);
  return out;
}

}  // namespace shnor
