// shnor remind: one pass of the reminders for cron-style use — plan the day's letters into the
// outbox and deliver what is due.
#include <iostream>

#include "app/Commands.h"
#include "app/MailSetup.h"
#include "app/ReminderReport.h"
#include "engine/reminders/ReminderScheduler.h"

namespace shnor::app {
namespace {

struct RemindOptions {
  bool dry_run = false;
  std::string mail_dir;
};

void RunRemind(CliContext& ctx, const RemindOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  Date day = LocalDate(ctx.clock().Now(), campaign.utc_offset_minutes);
  auto channel = ReminderChannel(ctx.options.db, o.mail_dir);
  ReminderPass pass =
      RunReminderPass(*ws, campaign, *channel, ReminderSender(campaign), day, o.dry_run);
  PrintPlan(std::cout, pass.plan, o.dry_run);
  if (o.dry_run) return;
  PrintWrite(std::cout, pass.written);
  PrintDelivery(std::cout, pass.delivery, channel->Describe());
  PrintProblems(std::cerr, pass.plan, pass.delivery);
}

}  // namespace

void AddRemindCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<RemindOptions>();
  auto* cmd = app.add_subcommand(
      "remind", "напоминания на сегодня (или --today): запланировать письма и отправить");
  cmd->add_flag("--dry-run", options->dry_run, "только показать, кому и о чём будут письма");
  cmd->add_option("--mail-dir", options->mail_dir,
                  "сложить письма .eml в папку вместо отправки по SMTP");
  cmd->callback([&ctx, options] { RunRemind(ctx, *options); });
}

}  // namespace shnor::app
