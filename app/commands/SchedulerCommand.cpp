// shnor scheduler: the long-running reminder process without the web server (`shnor serve` hosts
// the same scheduler on its own thread). A Boost.Asio timer wakes it at the next planning moment
// (daily at a local hour) or the next retry of a failed letter; SIGINT or SIGTERM ends it between
// passes.
#include <utility>  // before Asio: Boost 1.74's Asio needs std::exchange under C++20

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <iostream>

#include "app/Commands.h"
#include "app/MailSetup.h"
#include "app/ReminderReport.h"
#include "app/ReminderTicker.h"
#include "engine/base/Errors.h"

namespace shnor::app {
namespace {

struct SchedulerOptions {
  int hour = 8;
  std::string mail_dir;
};

class SchedulerLoop {
 public:
  SchedulerLoop(ReminderScheduler& scheduler, const Clock& clock, int offset_minutes)
      : ticker_(scheduler, clock, offset_minutes), timer_(io_), signals_(io_, SIGINT, SIGTERM) {}

  void Run() {
    signals_.async_wait([this](const boost::system::error_code&, int) { io_.stop(); });
    boost::asio::post(io_, [this] { Wake(); });
    io_.run();
    std::cout << "Планировщик остановлен.\n" << std::flush;
  }

 private:
  void Wake() {
    timer_.expires_after(ticker_.Tick());
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (!error) Wake();
    });
  }

  ReminderTicker ticker_;
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  boost::asio::signal_set signals_;
};

void RunScheduler(CliContext& ctx, const SchedulerOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  auto channel = ReminderChannel(ctx.options.db, o.mail_dir);
  ReminderScheduler scheduler(*ws, campaign, *channel, ReminderSender(campaign), o.hour);
  std::cout << "Планировщик напоминаний проекта «" << campaign.code << "»: ежедневно в " << o.hour
            << ":00 по местному времени (UTC" << FormatOffset(campaign.utc_offset_minutes)
            << "), письма — " << channel->Describe() << ". Остановка: Ctrl+C.\n"
            << std::flush;
  SchedulerLoop(scheduler, ctx.clock(), campaign.utc_offset_minutes).Run();
}

}  // namespace

void AddSchedulerCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<SchedulerOptions>();
  auto* cmd = app.add_subcommand(
      "scheduler", "планировщик напоминаний: работает постоянно, письма — раз в день");
  cmd->add_option("--hour", options->hour, "местный час ежедневной рассылки (0–23)")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
  cmd->add_option("--mail-dir", options->mail_dir,
                  "сложить письма .eml в папку вместо отправки по SMTP");
  cmd->callback([&ctx, options] { RunScheduler(ctx, *options); });
}

}  // namespace shnor::app
