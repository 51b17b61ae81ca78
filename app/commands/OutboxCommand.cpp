// shnor outbox: the reminders' letters — planned, sent and failed — and putting failed ones back
// for another attempt once their cause is fixed.
#include <iostream>

#include "app/Commands.h"
#include "app/TextTable.h"
#include "engine/base/Errors.h"
#include "engine/base/Text.h"
#include "engine/cases/CaseQueries.h"
#include "engine/reminders/LetterStatusNames.h"
#include "storage/OutboxRepository.h"

namespace shnor::app {
namespace {

struct OutboxOptions {
  std::string status;
  std::string day;
  bool retry = false;
};

void RunOutbox(CliContext& ctx, const OutboxOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  storage::OutboxRepository outbox(ws->db());
  if (o.retry) {
    int count = outbox.RetryFailed(campaign.id, ctx.clock().Now().time_since_epoch().count());
    std::cout << "Возвращено в очередь писем: " << count
              << ". Они уйдут при следующем запуске shnor remind или планировщика.\n";
    return;
  }
  std::optional<storage::LetterStatus> status;
  if (!o.status.empty()) status = storage::ParseLetterStatus(o.status);
  std::string day;
  if (!o.day.empty()) {
    auto parsed = ParseIsoDate(o.day);
    if (!parsed) throw InputError("--day: дата «" + o.day + "» не в формате ГГГГ-ММ-ДД");
    day = FormatIsoDate(*parsed);
  }
  auto [counts, letters] =
      CaseQueries(*ws, campaign).Letters(ctx.ActingPerson(*ws, campaign), status, day);
  TimePoint now = ctx.clock().Now();
  TextTable table(
      {"День", "Кому", "Адрес", "Пунктов", "Состояние", "Попыток", "Ошибка", "Примечание"});
  for (const auto& l : letters) {
    table.Add({IsoToRussianDate(l.day, l.day), l.recipient_name, l.recipient_email,
               std::to_string(l.items), RussianName(l.status), std::to_string(l.attempts),
               l.last_error, LetterRemark(l, now, campaign.utc_offset_minutes)});
  }
  table.Print(std::cout);
  std::cout << "Всего в очереди проекта «" << campaign.code << "»: ожидают — " << counts.planned
            << ", отправлено — " << counts.sent << ", не отправлено — " << counts.failed
            << ", отправляются сейчас — " << counts.sending << "\n";
}

}  // namespace

void AddOutboxCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<OutboxOptions>();
  auto* cmd = app.add_subcommand("outbox", "очередь писем-напоминаний");
  cmd->add_option("--status", options->status, "только письма в состоянии")
      ->check(CLI::IsMember({"planned", "sending", "sent", "failed"}));
  cmd->add_option("--day", options->day, "только письма дня ГГГГ-ММ-ДД");
  cmd->add_flag("--retry", options->retry,
                "вернуть неотправленные письма в очередь (после исправления причины)");
  cmd->callback([&ctx, options] { RunOutbox(ctx, *options); });
}

}  // namespace shnor::app
