#include "app/CommandOutput.h"

#include <iostream>

#include "app/Cli.h"
#include "engine/calendar/Date.h"

namespace shnor::app {

void ReportResult(CliContext& ctx, const std::string& school_code, const CommandResult& result) {
  if (const auto* refusal = std::get_if<Refusal>(&result.outcome)) {
    std::cerr << "Отказ (" << school_code << "):\n" << refusal->Text() << "\n";
    ctx.exit_code = kExitRefused;
    return;
  }
  const auto& d = std::get<Decision>(result.outcome);
  if (!result.event) {
    std::cout << school_code << ": сроки задач соответствуют правилам, изменений нет\n";
    return;
  }
  std::cout << school_code << ": " << d.from_state << " → " << d.to_state << " (версия дела "
            << result.version << ", событие журнала № " << result.event->id << ")\n";
  for (const TaskChange& c : d.task_changes) {
    if (c.due_date.empty() || c.due_before == c.due_date) continue;
    std::cout << "  срок " << TaskReference(c.task_id, c.period) << ": "
              << (c.due_before.empty() ? "не назначен" : c.due_before) << " → " << c.due_date
              << "\n";
  }
  if (!result.documents.empty()) {
    std::cout << "Документы перехода:\n";
    for (const auto& doc : result.documents) {
      std::cout << "  № " << doc.number << " от " << IsoToRussianDate(doc.doc_date, "") << "  "
                << doc.path << "\n";
    }
  } else if (!d.documents.empty()) {
    std::cout << "Документы перехода (не составлялись):";
    for (const auto& name : d.documents) std::cout << " " << name;
    std::cout << "\n";
  }
}

}  // namespace shnor::app
