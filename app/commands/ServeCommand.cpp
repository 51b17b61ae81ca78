// shnor serve [--listen HOST:PORT]: the JSON API over HTTP on one thread and one Workspace
// until Ctrl+C or SIGTERM, which let the requests in flight finish.
#include <iostream>

#include "app/ApiRoutes.h"
#include "app/Commands.h"
#include "app/HttpServer.h"
#include "engine/Errors.h"

namespace shnor::app {
namespace {

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

void RunServe(CliContext& ctx, const std::string& listen_text, AuthOptions auth) {
  Listen listen = ParseListen(listen_text);
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);  // fails now, not on the first request
  ApiRoutes routes(*ws, campaign.code, ctx.DocumentsRoot(), auth);
  std::unique_ptr<HttpServer> server;
  try {
    server = std::make_unique<HttpServer>(
        listen.host, listen.port, [&routes](const HttpRequest& r) { return routes.Handle(r); });
  } catch (const std::runtime_error& e) {
    throw InputError(std::string("--listen: ") + e.what());
  }
  server->StopOnSignals();
  std::cout << "Проект «" << campaign.code << "». Сервер слушает " << server->url()
            << " (остановка: Ctrl+C)\n"
            << std::flush;
  server->Run();
  std::cout << "Сервер остановлен.\n" << std::flush;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& ctx) {
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto* cmd = app.add_subcommand("serve", "веб-сервер: JSON API проекта (только чтение)");
  cmd->add_option("--listen", *listen, "адрес и порт, например 127.0.0.1:8080 (порт 0 — любой)")
      ->capture_default_str();
  auto auth = std::make_shared<AuthOptions>();
  cmd->add_flag("--secure-cookies", auth->secure_cookies,
                "cookie сеанса только по HTTPS (когда сервер стоит за TLS-прокси)");
  cmd->callback([&ctx, listen, auth] { RunServe(ctx, *listen, *auth); });
}

}  // namespace shnor::app
