#pragma once
// A small HTTP/1.1 server (Boost.Beast). One network thread serves the sockets of every client
// asynchronously and hands each request to a pool of worker threads, each with a handler of its
// own (made on that thread, with its own Workspace and database connection), so requests are
// answered in parallel and a slow one holds up only its own worker. A second, small pool can
// take the requests that are slow by design (a login's Argon2), so that a flood of them leaves
// the other workers free. Beast stays inside HttpServer.cpp; handlers see only the plain
// HttpRequest and HttpResponse below.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace shnor::app {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/cases?stage=I"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, as sent
  // The connection's remote address ("127.0.0.1", "2001:db8::7"): the client's own, or that of
  // a proxy in front of the server; no forwarding header is trusted.
  std::string peer_address;

  // The first value of the header `lower_name`, "" when absent.
  std::string Header(const std::string& lower_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_name) return value;
    }
    return "";
  }
};

// A body made while it is sent, for an answer too long to hold at once (the export of every
// school): each call returns the next piece, "" at the end. It runs on the network thread after
// the handler has returned — again after each piece is written, so a slow client slows it instead
// of the pieces piling up — and so must not read the database: it formats rows already read, or a
// file already written. An exception cuts the answer off (the client sees it incomplete).
using BodyStream = std::function<std::string()>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra: Content-Disposition, Allow
  BodyStream stream = {};  // when set, sent in chunks (chunked transfer encoding) instead of `body`
};

// Answers one request; runs on the worker thread that made it. An exception becomes a generic
// 500.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;
// Makes one worker's handler, on that worker's thread, once. Calls are serialised.
using HandlerFactory = std::function<HttpHandler()>;

struct ServerThreads {
  std::size_t workers = 1;       // the general pool
  std::size_t slow_workers = 0;  // a pool of its own for the requests `slow` picks; 0: none
  std::function<bool(const HttpRequest&)> slow;
};

struct ServerLimits {
  std::size_t header_bytes = 16 * 1024;  // larger: 431
  std::size_t body_bytes = 1024 * 1024;  // larger: 413
  // For reading a request (an idle keep-alive connection included), and again for writing its
  // answer: a slow client is cut off instead of holding its connection (and, at shutdown, the
  // server) open.
  std::chrono::milliseconds io_timeout{10'000};
};

// The JSON error body every refusal of the API and of the server carries.
HttpResponse JsonError(int status, const std::string& code, const std::string& message);

class HttpServer {
 public:
  // Binds and listens at once, so port() is known before Run. Throws std::runtime_error (Russian
  // message) when the address is malformed or cannot be bound.
  HttpServer(const std::string& host, unsigned short port, HttpHandler handler,
             ServerLimits limits = {});
  // With pools of workers. Throws what a factory throws (the server does not start).
  HttpServer(const std::string& host, unsigned short port, HandlerFactory factory,
             ServerThreads threads, ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const;  // the bound port (the actual one when 0 was asked)
  std::string url() const;      // "http://127.0.0.1:8080"

  // Stop() also on SIGINT and SIGTERM. Call before Run.
  void StopOnSignals();
  // Runs `task` on a thread of its own when Run starts, then again after the pause it returns,
  // until Stop (the reminder scheduler, with a Workspace of its own). An exception from the task
  // is logged and the task tried again after a minute. Call before Run.
  using RepeatingTask = std::function<std::chrono::steady_clock::duration()>;
  void Every(RepeatingTask task);
  // Serves until Stop: then accepts nothing new, closes idle connections, lets the requests in
  // flight be answered, and returns.
  void Run();
  // Safe from any thread; idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shnor::app
