#include "app/ReminderReport.h"

#include "app/TextTable.h"
#include "engine/base/Text.h"
#include "engine/workspace/SchoolContacts.h"

namespace shnor::app {

void PrintPlan(std::ostream& out, const ReminderPlan& plan, bool dry_run) {
  std::string day = IsoToRussianDate(plan.day, plan.day);
  if (!plan.working_day) {
    out << day << " — нерабочий день: напоминания не отправляются.\n";
    return;
  }
  out << "Напоминания на " << day << ": "
      << CountOf(static_cast<int>(plan.letters.size()), "письмо", "письма", "писем") << ", "
      << CountOf(plan.items, "пункт", "пункта", "пунктов") << ", из них эскалаций — "
      << plan.escalations
      << (dry_run ? " (пробный прогон: ничего не сохранено и не отправлено)" : "") << "\n";
  if (!dry_run) return;
  TextTable table({"Кому", "Адрес", "Роль", "Пунктов", "Эскалаций"});
  for (const DigestLetter& letter : plan.letters) {
    table.Add({letter.to.name, letter.to.email, RussianName(letter.to.role),
               std::to_string(letter.items.size()), std::to_string(letter.escalations)});
  }
  table.Print(out);
}

void PrintWrite(std::ostream& out, const PlanWriteResult& written) {
  out << "В очередь писем добавлено: " << written.planned;
  if (written.already_planned > 0) out << "; уже были в очереди: " << written.already_planned;
  out << "\n";
}

void PrintDelivery(std::ostream& out, const DeliveryReport& delivery, const std::string& where) {
  out << "Отправлено: " << delivery.sent << " (" << where << ")";
  if (delivery.retrying > 0) out << "; повторная попытка позже: " << delivery.retrying;
  if (delivery.failed > 0) out << "; не отправлено окончательно: " << delivery.failed;
  if (delivery.resent > 0) {
    out << "; повторно после сбоя: " << delivery.resent
        << " (могли быть доставлены дважды, см. shnor outbox)";
  }
  out << "\n";
}

void PrintProblems(std::ostream& err, const ReminderPlan& plan, const DeliveryReport& delivery) {
  for (const std::string& problem : plan.problems) err << "внимание: " << problem << "\n";
  for (const std::string& error : delivery.errors) err << "ошибка отправки: " << error << "\n";
  if (!delivery.errors.empty() || !plan.problems.empty()) {
    err << "Письма, которые не удалось отправить, видны в shnor outbox --status failed\n";
  }
}

}  // namespace shnor::app
