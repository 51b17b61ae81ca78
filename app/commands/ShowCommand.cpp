// shnor show SCHOOL: one school's case with its tasks, deadlines and people.
#include <iostream>

#include "app/Commands.h"
#include "app/TextTable.h"
#include "engine/cases/CaseQueries.h"
#include "engine/cases/CaseService.h"
#include "engine/workflow/StatusNames.h"
#include "engine/workspace/SchoolContacts.h"

namespace shnor::app {
namespace {

void PrintHeader(const CaseView& view, int year) {
  const auto& s = view.school;
  const StageDefinition* stage = view.definition->FindStage(view.record.stage_id);
  std::cout << s.school.code << " — " << s.school.name << "\n"
            << "Муниципальное образование: " << s.municipality << "; список " << s.school.list
            << "\n";
  if (!s.partner_school.empty()) std::cout << "Школа-партнёр: " << s.partner_school << "\n";
  std::cout << "Этап " << view.record.stage_id << " «" << (stage ? stage->title : "?") << "»";
  if (stage) {
    std::cout << ", окно " << FormatRussianDate(stage->window_from.InYear(year)) << " – "
              << FormatRussianDate(stage->window_to.InYear(year));
  }
  std::cout << "\nСтатус: " << RussianName(view.record.status) << "; версия дела "
            << view.record.version << " (процесс " << view.record.workflow_id << " v"
            << view.record.workflow_version << ")\n";
}

void PrintTasks(const CaseView& view) {
  TextTable table({"Этап", "Задача", "Название", "Срок", "Статус", "Комментарий"});
  for (const auto& t : view.record.tasks) {
    const TaskDefinition* def = view.definition->FindTask(t.task_id);
    table.Add({t.stage_id, TaskReference(t.task_id, t.period), def ? def->title : "?",
               IsoToRussianDate(t.due_date, "—") + (t.due_extended ? " (продлён)" : ""),
               RussianName(t.status), t.comment});
  }
  std::cout << "\nЗадачи:\n";
  table.Print(std::cout);
}

void RunShow(CliContext& ctx, const std::string& code) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  auto details = CaseQueries(*ws, campaign).Details(ctx.ActingPerson(*ws, campaign), code);
  PrintHeader(details.view, Workspace::YearOf(campaign));
  PrintTasks(details.view);
  std::cout << "\nОтветственные:\n";
  for (const Contact& c : details.people) {
    std::cout << "  " << RussianName(c.role) << ": " << c.full_name << " <" << c.email << ">"
              << (c.phone.empty() ? "" : ", " + c.phone) << "\n";
  }
}

}  // namespace

void AddShowCommand(CLI::App& app, CliContext& ctx) {
  auto code = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "карточка школы: этап, задачи, сроки, ответственные");
  cmd->add_option("school", *code, "код школы")->required();
  cmd->callback([&ctx, code] { RunShow(ctx, *code); });
}

}  // namespace shnor::app
