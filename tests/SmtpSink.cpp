// <utility> must precede Asio under C++20 with Boost 1.74 (see the dependency notes); the tests
// target also force-includes it.
#include <utility>

#include "tests/SmtpSink.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <cctype>
#include <mutex>
#include <thread>

namespace shnor::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr std::size_t kMaxBuffered = 1 << 20;  // longest line the sink will buffer
constexpr std::size_t kMaxMessage = 32 << 20;  // longest DATA it accepts
constexpr int kMaxCommandsPerSession = 1000;   // keeps a confused client from looping

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return Lower(text.substr(0, prefix.size())) == Lower(std::string(prefix));
}

// "MAIL FROM:<a@b> SIZE=10" -> "a@b"
std::string AddressOf(const std::string& command) {
  auto open = command.find('<');
  auto close = command.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) {
    auto colon = command.find(':');
    return colon == std::string::npos ? "" : command.substr(colon + 1);
  }
  return command.substr(open + 1, close - open - 1);
}

bool Listed(const std::vector<std::string>& list, const std::string& address) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& entry) { return Lower(entry) == Lower(address); });
}

struct SinkState {
  explicit SinkState(SmtpSinkOptions sink_options) : options(std::move(sink_options)) {}

  void Store(ReceivedMail mail) {
    std::lock_guard lock(mutex);
    received.push_back(std::move(mail));
  }

  SmtpSinkOptions options;
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};
  mutable std::mutex mutex;
  unsigned short port = acceptor.local_endpoint().port();
  std::vector<ReceivedMail> received;
  std::thread thread;
};

// One client connection. Shared ownership lets the watchdog outlive a finished session safely.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(SinkState& sink, tcp::socket socket)
      : sink_(sink), socket_(std::move(socket)), watchdog_(socket_.get_executor()) {}

  // Takes ownership by value: the coroutine frame keeps the session alive until it ends.
  static asio::awaitable<void> Run(std::shared_ptr<Session> self) {
    try {
      co_await self->Converse();
    } catch (const std::exception&) {
      // The client went away or a read timed out: the session just ends.
    }
  }

 private:
  asio::awaitable<void> Converse() {
    if (sink_.options.silent) {
      co_await Idle();
      co_return;
    }
    co_await Write("220 shnor-test ESMTP\r\n");
    for (int i = 0; i < kMaxCommandsPerSession; ++i) {
      if (!co_await Handle(co_await ReadLine())) break;
    }
  }

  asio::awaitable<void> Idle() {
    watchdog_.expires_after(sink_.options.read_timeout);
    co_await watchdog_.async_wait(asio::use_awaitable);
  }

  // Returns false when the session should end.
  asio::awaitable<bool> Handle(const std::string& line) {
    if (StartsWith(line, "EHLO") || StartsWith(line, "HELO"))
      co_return co_await Reply("250 shnor-test");
    if (StartsWith(line, "MAIL FROM:")) {
      mail_ = ReceivedMail{AddressOf(line), {}, {}};
      co_return co_await Reply("250 OK");
    }
    if (StartsWith(line, "RCPT TO:")) co_return co_await Recipient(AddressOf(line));
    if (StartsWith(line, "DATA")) co_return co_await Data();
    if (StartsWith(line, "RSET")) {
      mail_ = {};
      co_return co_await Reply("250 OK");
    }
    if (StartsWith(line, "NOOP")) co_return co_await Reply("250 OK");
    if (StartsWith(line, "QUIT")) {
      co_await Reply("221 Bye");
      co_return false;
    }
    co_return co_await Reply("502 Command not implemented");
  }

  asio::awaitable<bool> Recipient(const std::string& address) {
    if (Listed(sink_.options.rejected, address)) co_return co_await Reply("550 5.1.1 No such user");
    if (Listed(sink_.options.deferred, address)) co_return co_await Reply("451 4.3.0 Try later");
    mail_.recipients.push_back(address);
    co_return co_await Reply("250 OK");
  }

  asio::awaitable<bool> Data() {
    if (mail_.recipients.empty()) co_return co_await Reply("503 No valid recipients");
    co_await Reply("354 End data with <CR><LF>.<CR><LF>");
    for (;;) {
      std::string line = co_await ReadLine();
      if (line == ".") break;
      if (!line.empty() && line.front() == '.') line.erase(0, 1);  // undo dot-stuffing
      mail_.data += line + "\r\n";
      if (mail_.data.size() > kMaxMessage) {
        co_await Reply("552 Message too big");
        co_return false;
      }
    }
    ReceivedMail mail = std::exchange(mail_, {});
    sink_.Store(mail);
    if (sink_.options.on_stored) sink_.options.on_stored(mail);
    co_await Pause(sink_.options.reply_delay);
    co_return co_await Reply("250 OK queued");
  }

  asio::awaitable<void> Pause(std::chrono::milliseconds delay) {
    if (delay.count() <= 0) co_return;
    asio::steady_timer timer(socket_.get_executor(), delay);
    co_await timer.async_wait(asio::use_awaitable);
  }

  asio::awaitable<bool> Reply(std::string_view text) {
    co_await Write(std::string(text) + "\r\n");
    co_return true;
  }

  asio::awaitable<void> Write(std::string text) {
    ArmWatchdog();
    co_await asio::async_write(socket_, asio::buffer(text), asio::use_awaitable);
    watchdog_.cancel();
  }

  asio::awaitable<std::string> ReadLine() {
    ArmWatchdog();
    std::size_t n = co_await asio::async_read_until(socket_, buffer_, "\r\n", asio::use_awaitable);
    watchdog_.cancel();
    auto begin = asio::buffers_begin(buffer_.data());
    std::string line(begin, begin + static_cast<std::ptrdiff_t>(n - 2));
    buffer_.consume(n);
    co_return line;
  }

  // Closing the socket makes the pending read or write fail, which ends the session.
  void ArmWatchdog() {
    watchdog_.expires_after(sink_.options.read_timeout);
    watchdog_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
      bool expired = self->watchdog_.expiry() <= asio::steady_timer::clock_type::now();
      if (!error && expired) self->socket_.close();
    });
  }

  SinkState& sink_;
  tcp::socket socket_;
  asio::steady_timer watchdog_;
  asio::streambuf buffer_{kMaxBuffered};
  ReceivedMail mail_;
};

asio::awaitable<void> AcceptLoop(SinkState& sink) {
  try {
    for (;;) {
      tcp::socket socket = co_await sink.acceptor.async_accept(asio::use_awaitable);
      auto session = std::make_shared<Session>(sink, std::move(socket));
      asio::co_spawn(sink.io, Session::Run(std::move(session)), asio::detached);
    }
  } catch (const std::exception&) {
    // The acceptor was closed: the sink is stopping.
  }
}

}  // namespace

struct SmtpSink::Impl : SinkState {
  using SinkState::SinkState;
};

SmtpSink::SmtpSink(SmtpSinkOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  asio::co_spawn(impl_->io, AcceptLoop(*impl_), asio::detached);
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

SmtpSink::~SmtpSink() {
  // Pending sessions are destroyed with the io_context, after the thread has left run().
  impl_->io.stop();
  impl_->thread.join();
}

unsigned short SmtpSink::port() const {
  return impl_->port;
}

std::vector<ReceivedMail> SmtpSink::Received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

unsigned short ClosedLoopbackPort() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  unsigned short port = acceptor.local_endpoint().port();
  acceptor.close();
  return port;
}

}  // namespace shnor::test
