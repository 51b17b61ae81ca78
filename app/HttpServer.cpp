// The Beast side of the server: accepting, one Session per connection (read a request, answer,
// write, again while keep-alive), limits and timeouts, and the graceful stop. The only
// translation unit with Beast in it, since each one costs seconds to compile.
#include <sys/resource.h>
#include <unistd.h>

#include <utility>  // before Asio: Boost 1.74's Asio needs std::exchange under C++20

#include "app/HttpServer.h"

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

namespace shnor::app {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpResponse JsonError(int status, const std::string& code, const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  HttpResponse response;
  response.status = status;
  // A message may quote what the client sent, which need not be UTF-8: replaced, not thrown.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

namespace {

class Session;

// Threads that each answer requests with a handler of their own, made on the thread at start.
class WorkerPool {
 public:
  using Job = std::function<void(const HttpHandler&)>;
  WorkerPool(std::size_t threads, const HandlerFactory& factory) {
    std::vector<std::exception_ptr> errors(threads);
    std::mutex made_mutex;
    std::condition_variable made_cv;
    std::size_t made = 0;
    for (std::size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([&, i] {
        HttpHandler handler;
        {
          static std::mutex factory_mutex;
          std::lock_guard factory_lock(factory_mutex);
          try {
            handler = factory();
          } catch (...) {
            errors[i] = std::current_exception();
          }
        }
        {
          std::lock_guard lock(made_mutex);
          ++made;
        }
        made_cv.notify_one();
        if (handler) Work(handler);
      });
    }
    std::unique_lock lock(made_mutex);
    made_cv.wait(lock, [&] { return made == threads; });
    lock.unlock();
    for (auto& error : errors) {
      if (!error) continue;
      Stop();
      std::rethrow_exception(error);
    }
  }
  ~WorkerPool() { Stop(); }
  void Submit(Job job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }
  // Lets the queued jobs finish, then joins the threads.
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void Work(const HttpHandler& handler) {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job(handler);
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// What the sessions share with the server; touched only on the network thread, but for
// stop_requested and the pools (whose queues lock).
struct Shared {
  asio::io_context& io;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<WorkerPool> slow_workers;
  std::function<bool(const HttpRequest&)> slow;
  ServerLimits limits;
  std::set<Session*> sessions;
  bool stopping = false;
  // Set by Stop at once, before the io thread sees the stop: an answer being made while the
  // handler runs then already tells its client to close.
  std::atomic<bool> stop_requested = false;
};

HttpRequest PlainRequest(const http::request<http::string_body>& req, const std::string& peer) {
  HttpRequest out{
      std::string(req.method_string()), std::string(req.target()), req.body(), {}, peer};
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return out;
}

HttpResponse Answer(const HttpHandler& handler, const HttpRequest& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    std::cerr << "ошибка сервера: " << request.method << " " << request.target << ": " << e.what()
              << "\n";
    return JsonError(500, "internal", "Внутренняя ошибка сервера");
  }
}

// Read once at the accept: after the client has gone, the socket no longer knows it.
std::string PeerAddress(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? "" : endpoint.address().to_string();
}

std::string KiB(std::size_t bytes) {
  return std::to_string(bytes / 1024) + " КБ";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : peer_(PeerAddress(socket)), stream_(std::move(socket)), shared_(shared) {
    shared_.sessions.insert(this);
  }
  ~Session() { shared_.sessions.erase(this); }

  void Start() { ReadRequest(); }

  // The server stops: a connection waiting for a request that has not begun is closed now; one
  // with a request begun or an answer being written finishes it first (under the timeout).
  void Shutdown() {
    bool idle = reading_ && buffer_.size() == 0 && !(parser_ && parser_->got_some());
    if (idle || lingering_) stream_.cancel();
  }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.limits.header_bytes));
    parser_->body_limit(shared_.limits.body_bytes);
    reading_ = true;
    stream_.expires_after(shared_.limits.io_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    if (ec == http::error::body_limit) {
      return Refuse(JsonError(413, "body_too_large",
                              "Тело запроса больше допустимых " + KiB(shared_.limits.body_bytes)));
    }
    if (ec == http::error::header_limit) {
      return Refuse(
          JsonError(431, "headers_too_large",
                    "Заголовки запроса больше допустимых " + KiB(shared_.limits.header_bytes)));
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return Close();
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return Refuse(JsonError(400, "bad_request", "Запрос не по протоколу HTTP/1.1"));
    }
    if (ec) return Close();  // timeout, reset, or cancelled by the stop
    const auto& req = parser_->get();
    head_ = req.method() == http::verb::head;
    Dispatch(std::make_shared<HttpRequest>(PlainRequest(req, peer_)), req.keep_alive());
  }

  // The answer is made on a worker; the session is touched again only on the network thread.
  // The work guard keeps that thread running (through a stop) until the answer is written.
  void Dispatch(std::shared_ptr<HttpRequest> request, bool keep_alive) {
    auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        shared_.io.get_executor());
    WorkerPool& pool =
        shared_.slow_workers && shared_.slow(*request) ? *shared_.slow_workers : *shared_.workers;
    pool.Submit(
        [self = shared_from_this(), request, keep_alive, guard](const HttpHandler& handler) {
          auto answer = std::make_shared<HttpResponse>(Answer(handler, *request));
          // After the answer: the stop may come while it is made.
          asio::post(self->shared_.io, [self, answer, keep_alive, guard] {
            self->Write(std::move(*answer), keep_alive && !self->shared_.stop_requested);
          });
        });
  }

  template <class Body>
  void SetHeaders(http::response<Body>& res, const HttpResponse& answer, bool keep_alive) {
    res.set(http::field::server, "shnor");
    res.set(http::field::content_type, answer.content_type);
    res.set(http::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : answer.headers) {
      // Set-Cookie may repeat; any other header of the handler replaces the server's default.
      if (beast::iequals(name, "Set-Cookie")) {
        res.insert(name, value);
      } else {
        res.set(name, value);
      }
    }
    res.keep_alive(keep_alive);
  }

  void Write(HttpResponse answer, bool keep_alive) {
    if (answer.stream) return WriteStreamed(std::move(answer), keep_alive);
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(answer.status), 11);
    SetHeaders(*res, answer, keep_alive);
    res->body() = std::move(answer.body);
    res->prepare_payload();
    if (head_) res->body().clear();  // HEAD: the length of the body, not the body
    stream_.expires_after(shared_.limits.io_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, keep_alive](
                          beast::error_code ec, std::size_t) { self->OnWrite(ec, keep_alive); });
  }

  // The header with chunked transfer encoding (HEAD: only it), then each piece of the stream as
  // a chunk, each written under the timeout, then the last chunk.
  void WriteStreamed(HttpResponse answer, bool keep_alive) {
    auto res = std::make_shared<http::response<http::empty_body>>(
        static_cast<http::status>(answer.status), 11);
    SetHeaders(*res, answer, keep_alive);
    res->chunked(true);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*res);
    auto next = std::make_shared<BodyStream>(std::move(answer.stream));
    stream_.expires_after(shared_.limits.io_timeout);
    http::async_write_header(stream_, *serializer,
                             [self = shared_from_this(), res, serializer, next, keep_alive](
                                 beast::error_code ec, std::size_t) {
                               if (ec || self->head_) return self->OnWrite(ec, keep_alive);
                               self->WriteChunk(next, keep_alive);
                             });
  }

  void WriteChunk(std::shared_ptr<BodyStream> next, bool keep_alive) {
    auto piece = std::make_shared<std::string>();
    try {
      *piece = (*next)();
    } catch (const std::exception& e) {
      std::cerr << "ошибка сервера: ответ прерван: " << e.what() << "\n";
      return Close();
    }
    stream_.expires_after(shared_.limits.io_timeout);
    if (piece->empty()) {
      return asio::async_write(
          stream_, http::make_chunk_last(),
          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
            self->OnWrite(ec, keep_alive);
          });
    }
    asio::async_write(
        stream_, http::make_chunk(asio::buffer(*piece)),
        [self = shared_from_this(), piece, next, keep_alive](beast::error_code ec, std::size_t) {
          if (!ec) self->WriteChunk(next, keep_alive);
        });
  }

  void OnWrite(beast::error_code ec, bool keep_alive) {
    if (ec) return;  // the socket closes with the session
    if (refused_) return Linger();
    if (!keep_alive || shared_.stopping) return Close();
    ReadRequest();
  }

  // Answers a request that is not read to its end, then closes.
  void Refuse(HttpResponse answer) {
    refused_ = true;
    head_ = false;
    Write(std::move(answer), false);
  }

  // After a refusal the client may still be sending the body: closing at once would reset the
  // connection and could destroy the answer in its receive buffer, so read and drop what comes
  // until it closes its side; one deadline for all of it, so trickling bytes cannot keep it.
  void Linger() {
    lingering_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(shared_.limits.io_timeout);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->Drain();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  std::string peer_;
  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 4096> drain_{};
  bool reading_ = false;
  bool refused_ = false;
  bool lingering_ = false;
  bool head_ = false;
};

asio::ip::address ParseHost(const std::string& host) {
  if (host == "localhost") return asio::ip::address_v4::loopback();
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("«" + host + "» — не IP-адрес (ожидается, например, 127.0.0.1)");
  return address;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const HandlerFactory& factory, ServerThreads threads, ServerLimits limits)
      : shared{io, nullptr, nullptr, std::move(threads.slow), limits, {}, false, false},
        acceptor(io),
        signals(io),
        retry(io) {
    shared.workers =
        std::make_unique<WorkerPool>(std::max<std::size_t>(1, threads.workers), factory);
    if (threads.slow_workers > 0 && shared.slow) {
      shared.slow_workers = std::make_unique<WorkerPool>(threads.slow_workers, factory);
    }
  }

  void Listen(const tcp::endpoint& endpoint) {
    beast::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      std::string why = ec == asio::error::address_in_use ? "адрес уже занят" : ec.message();
      throw std::runtime_error("не удалось открыть " + endpoint.address().to_string() + ":" +
                               std::to_string(endpoint.port()) + " для приёма запросов: " + why);
    }
    bound = acceptor.local_endpoint();
  }

  void Accept() {
    acceptor.async_accept(io, [this](beast::error_code ec, tcp::socket socket) {
      if (shared.stopping) return;
      if (!ec) {
        std::make_shared<Session>(std::move(socket), shared)->Start();
        return Accept();
      }
      // Out of descriptors and the like: try again shortly instead of spinning.
      std::cerr << "сервер: приём соединения не удался: " << ec.message() << "\n";
      retry.expires_after(std::chrono::milliseconds{100});
      retry.async_wait([this](beast::error_code) {
        if (!shared.stopping) Accept();
      });
    });
  }

  void Repeat();

  void StopNow() {
    if (shared.stopping) return;
    shared.stopping = true;
    shared.stop_requested = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    retry.cancel();
    for (Session* session : shared.sessions) session->Shutdown();
  }

  asio::io_context io{1};
  Shared shared;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer retry;
  RepeatingTask repeating;
  std::mutex background_mutex;
  std::condition_variable background_cv;
  bool background_stop = false;
  tcp::endpoint bound;  // kept: the acceptor is closed by the stop and used by another thread
};

HttpServer::HttpServer(const std::string& host, unsigned short port, HttpHandler handler,
                       ServerLimits limits)
    : HttpServer(
          host, port, [&handler] { return handler; }, ServerThreads{}, limits) {}

HttpServer::HttpServer(const std::string& host, unsigned short port, HandlerFactory factory,
                       ServerThreads threads, ServerLimits limits)
    : impl_(std::make_unique<Impl>(factory, std::move(threads), limits)) {
  impl_->Listen(tcp::endpoint(ParseHost(host), port));
}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::port() const {
  return impl_->bound.port();
}

std::string HttpServer::url() const {
  const auto& endpoint = impl_->bound;
  std::string host = endpoint.address().to_string();
  if (endpoint.address().is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(endpoint.port());
}

void HttpServer::StopOnSignals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->StopNow();
  });
}

void HttpServer::Every(RepeatingTask task) {
  impl_->repeating = std::move(task);
}

// On the background thread: the task, then a pause that the stop cuts short.
void HttpServer::Impl::Repeat() {
  // The reminder pass is long work too: it yields the cores to the requests (see JobBoard).
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
  for (;;) {
    std::chrono::steady_clock::duration pause = std::chrono::minutes{1};
    try {
      pause = repeating();
    } catch (const std::exception& e) {
      std::cerr << "сервер: фоновая задача не выполнена: " << e.what() << "\n";
    }
    std::unique_lock lock(background_mutex);
    if (background_cv.wait_for(lock, pause, [this] { return background_stop; })) return;
  }
}

void HttpServer::Run() {
  std::thread background;
  if (impl_->repeating) background = std::thread([this] { impl_->Repeat(); });
  impl_->Accept();
  impl_->io.run();
  {
    std::lock_guard lock(impl_->background_mutex);
    impl_->background_stop = true;
  }
  impl_->background_cv.notify_all();
  if (background.joinable()) background.join();
  impl_->shared.workers->Stop();
  if (impl_->shared.slow_workers) impl_->shared.slow_workers->Stop();
}

void HttpServer::Stop() {
  impl_->shared.stop_requested = true;
  asio::post(impl_->io, [this] { impl_->StopNow(); });
}

}  // namespace shnor::app
