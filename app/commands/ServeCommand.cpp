// shnor serve [--listen HOST:PORT]: the web pages and the JSON API over HTTP, with the reminder
// scheduler, on one thread and one Workspace until Ctrl+C or SIGTERM, which let the requests in
// flight finish.
#include <iostream>

#include "app/ApiRoutes.h"
#include "app/Commands.h"
#include "app/HttpServer.h"
#include "app/MailSetup.h"
#include "app/ReminderTicker.h"
#include "engine/base/Errors.h"

namespace shnor::app {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  AuthOptions auth;
  bool reminders = true;
  int hour = 8;
  std::string mail_dir;
};

struct Listen {
  std::string host;
  unsigned short port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:0" (0: any free port, for tests).
Listen ParseListen(const std::string& text) {
  auto colon = text.rfind(':');
  std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  bool digits = !port.empty() && port.size() <= 5 &&
                port.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(port) > 65535 || colon == 0) {
    throw InputError("--listen: ожидается АДРЕС:ПОРТ, например 127.0.0.1:8080, а не «" + text +
                     "»");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return {host, static_cast<unsigned short>(std::stoi(port))};
}

void RunServe(CliContext& ctx, const ServeOptions& o) {
  Listen listen = ParseListen(o.listen);
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);  // fails now, not on the first request
  ApiRoutes routes(*ws, campaign.code, ctx.DocumentsRoot(), o.auth);
  std::unique_ptr<mail::Channel> channel;
  std::unique_ptr<ReminderScheduler> scheduler;
  std::unique_ptr<ReminderTicker> ticker;
  if (o.reminders) {
    channel = ReminderChannel(ctx.options.db, o.mail_dir);
    scheduler = std::make_unique<ReminderScheduler>(*ws, campaign, *channel,
                                                    ReminderSender(campaign), o.hour);
    ticker = std::make_unique<ReminderTicker>(*scheduler, ctx.clock(), campaign.utc_offset_minutes);
  }
  std::unique_ptr<HttpServer> server;
  try {
    server = std::make_unique<HttpServer>(
        listen.host, listen.port, [&routes](const HttpRequest& r) { return routes.Handle(r); });
  } catch (const std::runtime_error& e) {
    throw InputError(std::string("--listen: ") + e.what());
  }
  server->StopOnSignals();
  if (ticker) server->Every([&ticker] { return ticker->Tick(); });
  std::cout << "Проект «" << campaign.code << "». Сервер слушает " << server->url()
            << " (остановка: Ctrl+C)\n";
  if (channel) {
    std::cout << "Напоминания: ежедневно в " << o.hour << ":00 по местному времени, письма — "
              << channel->Describe() << "\n";
  }
  std::cout << std::flush;
  server->Run();
  std::cout << "Сервер остановлен.\n" << std::flush;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "веб-приложение: страницы, JSON API и напоминания");
  cmd->add_option("--listen", o->listen, "адрес и порт, например 127.0.0.1:8080 (порт 0 — любой)")
      ->capture_default_str();
  cmd->add_flag("--secure-cookies", o->auth.secure_cookies,
                "cookie сеанса только по HTTPS (когда сервер стоит за TLS-прокси)");
  cmd->add_option("--hour", o->hour, "местный час ежедневной рассылки напоминаний (0–23)")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
  cmd->add_option("--mail-dir", o->mail_dir, "сложить письма .eml в папку вместо отправки по SMTP");
  cmd->add_flag(
      "--no-reminders", [o](std::int64_t) { o->reminders = false; },
      "не рассылать напоминания из этого процесса (их рассылает shnor scheduler)");
  cmd->callback([&ctx, o] { RunServe(ctx, *o); });
}

}  // namespace shnor::app
