#pragma once
// The figures of the reports, per municipality and in total. What they count is said by their
// names: the tasks of schools and coordinators (`tasks`, `done`), of which `overdue` are the
// required ones still open after their deadline — an optional task («при необходимости») is
// never overdue —, and the curators' own tasks apart (`curator_tasks`, `curator_done`).
#include <nlohmann/json.hpp>
#include <string>

#include "engine/domain/CaseRecords.h"
#include "engine/workflow/WorkflowDefinition.h"

namespace shnor {

struct ReportTally {
  int schools = 0, completed = 0, withdrawn = 0;
  int tasks = 0, done = 0, overdue = 0, optional_open = 0;
  int curator_tasks = 0, curator_done = 0;

  void Add(const CaseRecord& record, const WorkflowDefinition& workflow, const std::string& today);
  // {name, schools, completed, withdrawn, active, tasks, done, overdue, optional_open,
  //  done_percent, overdue_percent, curator_tasks, curator_done, curator_done_percent}: numbers
  // as text.
  nlohmann::json Facts(const std::string& name) const;
  // The figures in words that agree with them: {schools «60 общеобразовательных организаций»,
  // completed «43 завершили», withdrawn «2 выбыли», tasks_given «поставлено 812 задач»,
  // done_given «выполнено 700», overdue_given «не выполнено в установленный срок 12
  // обязательных задач», none_overdue (flag), curator_tasks_given, curator_done_given}.
  nlohmann::json Words() const;
};

// Whether an open task counts as overdue on `today`: required, not the curator's own, past its
// deadline.
bool CountsOverdue(const TaskRecord& task, const TaskDefinition* definition,
                   const std::string& today);

}  // namespace shnor
