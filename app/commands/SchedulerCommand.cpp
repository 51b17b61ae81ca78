// shnor scheduler: the long-running reminder process until `shnor serve` hosts it. A Boost.Asio
// timer wakes it at the next planning moment (daily at a local hour) or the next retry of a
// failed letter; SIGINT or SIGTERM ends it between passes.
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
#include "engine/Errors.h"

namespace shnor::app {
namespace {

struct SchedulerOptions {
  int hour = 8;
  std::string mail_dir;
};

// Wakes at least this often, so a changed system clock or a letter put back by
// `shnor outbox --retry` is noticed without a restart.
constexpr std::chrono::minutes kLongestSleep{10};

class SchedulerLoop {
 public:
  SchedulerLoop(ReminderScheduler& scheduler, const Clock& clock, int offset_minutes)
      : scheduler_(scheduler),
        clock_(clock),
        offset_(offset_minutes),
        timer_(io_),
        signals_(io_, SIGINT, SIGTERM) {}

  void Run() {
    signals_.async_wait([this](const boost::system::error_code&, int) { io_.stop(); });
    boost::asio::post(io_, [this] { Wake(); });
    io_.run();
    std::cout << "Планировщик остановлен.\n" << std::flush;
  }

 private:
  void Wake() {
    TimePoint next;
    ReminderPass pass = scheduler_.Tick(next);
    Report(pass, next);
    auto pause =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(next - clock_.Now());
    pause = std::clamp<std::chrono::steady_clock::duration>(pause, std::chrono::seconds{1},
                                                            kLongestSleep);
    timer_.expires_after(pause);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (!error) Wake();
    });
  }

  void Report(const ReminderPass& pass, TimePoint next) {
    if (pass.planned) {
      PrintPlan(std::cout, pass.plan, false);
      PrintWrite(std::cout, pass.written);
      PrintProblems(std::cerr, pass.plan, pass.delivery);
    }
    if (pass.planned || pass.delivery.sent + pass.delivery.retrying + pass.delivery.failed > 0) {
      PrintDelivery(std::cout, pass.delivery, "планировщик");
      if (!pass.planned) PrintProblems(std::cerr, pass.plan, pass.delivery);
      std::cout << "Следующий запуск: " << FormatLocal(next, offset_) << "\n" << std::flush;
    }
  }

  ReminderScheduler& scheduler_;
  const Clock& clock_;
  int offset_;
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
