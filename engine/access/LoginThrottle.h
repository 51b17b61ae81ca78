#pragma once
// The login throttle. Failed logins are kept in the database with the client's address, and each
// rule below makes whoever keeps failing wait a delay that grows with every further failure and
// is counted from their latest one; failures older than the rule's window no longer count. A
// guesser thus slows down only themselves: the owner on another address is not refused by them,
// and no one can lock an account for good.
#include <chrono>
#include <cstdint>
#include <string>

#include "storage/UserRepository.h"

namespace shnor {

// `free_failures` in `window` cost nothing; the next failure makes the client wait
// `first_delay`, and each after that twice as long, up to `max_delay`.
struct ThrottleRule {
  int free_failures;
  std::chrono::seconds first_delay;
  std::chrono::seconds max_delay;
  std::chrono::seconds window;
};

class LoginThrottle {
 public:
  // One client at one login. The hour is longer than the delays before the cap add up to
  // (1 + 2 + 4 + 8 min), so a guesser does reach 15 minutes a try.
  static constexpr ThrottleRule kPair{5, std::chrono::minutes{1}, std::chrono::minutes{15},
                                      std::chrono::hours{1}};
  // One client trying many logins, slowed at all of them.
  static constexpr ThrottleRule kClient{20, std::chrono::minutes{1}, std::chrono::minutes{15},
                                        std::chrono::hours{1}};
  // Many clients at one login, a distributed guess: it slows the owner too, so only by seconds.
  // At 30 s a try the guessers add at most 30 failures a window, fewer than it forgives, so
  // their count falls back below 50 within a window of their burst.
  static constexpr ThrottleRule kLogin{50, std::chrono::seconds{1}, std::chrono::seconds{30},
                                       std::chrono::minutes{15}};

  explicit LoginThrottle(storage::UserRepository& users) : users_(users) {}

  // The seconds `login` must still wait before an attempt from `address`; 0 when it may try.
  std::int64_t Wait(const std::string& login, const std::string& address, std::int64_t now);
  // Records a failure (and forgets those no window needs any more).
  void Failed(const std::string& login, const std::string& address, std::int64_t now);
  // The owner proved themselves from `address`: its failures at the login are forgotten.
  void Succeeded(const std::string& login, const std::string& address);

 private:
  storage::UserRepository& users_;
};

// What the throttle counts a client by: an IPv4 address as it is, an IPv6 one by its /64 network
// (one subscriber's, in which they may change address at will); an IPv4 address on a dual-stack
// socket (::ffff:a.b.c.d) as IPv4. Anything else is taken as it is.
std::string ThrottledClient(const std::string& address);

}  // namespace shnor
