// shnor serve [--listen HOST:PORT] [--threads N]: the web pages and the JSON API over HTTP, with
// the reminder scheduler, until Ctrl+C or SIGTERM, which let the requests in flight finish. Each
// worker thread, the logins' own thread, the jobs and the scheduler have a Workspace (a database
// connection) of their own.
#include <algorithm>
#include <iostream>
#include <thread>

#include "app/ApiRoutes.h"
#include "app/Commands.h"
#include "app/HttpServer.h"
#include "app/MailSetup.h"
#include "app/ReminderTicker.h"
#include "engine/base/Errors.h"
#include "engine/documents/DocumentStoreCheck.h"
#include "engine/workspace/JobBoard.h"

namespace shnor::app {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  AuthOptions auth;
  bool reminders = true;
  int hour = 8;
  std::string mail_dir;
  std::size_t threads = std::max(2u, std::thread::hardware_concurrency());
};

// A login costs Argon2's ~0.1 s by design: logins have a thread of their own, so a flood of them
// (or of guesses) leaves the workers to everyone else.
bool IsLogin(const HttpRequest& request) {
  return request.method == "POST" && request.target.rfind("/api/login", 0) == 0;
}

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

// What an interrupted command left in the documents folder goes before the first request.
void SweepDocuments(CliContext& ctx, Workspace& ws) {
  auto documents = ctx.Documents(ws);
  DocumentFiles::SweepReport sweep = DocumentStoreCheck(ws, *documents).Sweep();
  if (sweep.removed.empty() && sweep.temporaries.empty()) return;
  std::cout << "Папка документов подчищена: удалено незарегистрированных файлов — "
            << sweep.removed.size() << ", временных — " << sweep.temporaries.size() << "\n";
}

void RunServe(CliContext& ctx, const ServeOptions& o) {
  Listen listen = ParseListen(o.listen);
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);  // fails now, not on the first request
  SweepDocuments(ctx, *ws);
  JobBoard jobs(*ws);
  auto make_handler = [&]() -> HttpHandler {
    std::shared_ptr<Workspace> own = ws->Another();
    auto routes =
        std::make_shared<ApiRoutes>(*own, campaign.code, ctx.DocumentsRoot(), o.auth, &jobs);
    return [own, routes](const HttpRequest& r) { return routes->Handle(r); };
  };
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
    server = std::make_unique<HttpServer>(listen.host, listen.port, make_handler,
                                          ServerThreads{o.threads, 1, IsLogin});
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
  cmd->add_option("--threads", o->threads, "потоков, отвечающих на запросы (по умолчанию — ядер)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_flag(
      "--no-reminders", [o](std::int64_t) { o->reminders = false; },
      "не рассылать напоминания из этого процесса (их рассылает shnor scheduler)");
  cmd->callback([&ctx, o] { RunServe(ctx, *o); });
}

}  // namespace shnor::app
