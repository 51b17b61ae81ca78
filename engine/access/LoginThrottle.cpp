#include "engine/access/LoginThrottle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace shnor {
namespace {

// The delay after `failures` in a rule's window, once they are more than it forgives.
std::int64_t DelayAfter(const ThrottleRule& rule, int failures) {
  int beyond = failures - rule.free_failures;
  std::int64_t delay = rule.first_delay.count() << std::min(beyond, 30);
  return std::min(delay, static_cast<std::int64_t>(rule.max_delay.count()));
}

std::int64_t Remaining(const ThrottleRule& rule, const storage::FailureTally& tally,
                       std::int64_t now) {
  // Forgiven failures cost no wait, even one stamped ahead of `now` by another process's clock.
  if (tally.count < rule.free_failures) return 0;
  return std::max<std::int64_t>(0, tally.latest + DelayAfter(rule, tally.count) - now);
}

std::int64_t Since(const ThrottleRule& rule, std::int64_t now) {
  return now - rule.window.count();
}

}  // namespace

std::int64_t LoginThrottle::Wait(const std::string& login, const std::string& address,
                                 std::int64_t now) {
  std::string client = ThrottledClient(address);
  return std::max({Remaining(kPair, users_.LoginFailures(login, client, Since(kPair, now)), now),
                   Remaining(kClient, users_.LoginFailuresFrom(client, Since(kClient, now)), now),
                   Remaining(kLogin, users_.LoginFailuresOf(login, Since(kLogin, now)), now)});
}

void LoginThrottle::Failed(const std::string& login, const std::string& address, std::int64_t now) {
  auto longest = std::max({kPair.window, kClient.window, kLogin.window});
  users_.DeleteLoginFailuresBefore(now - longest.count());
  users_.AddLoginFailure(login, ThrottledClient(address), now);
}

void LoginThrottle::Succeeded(const std::string& login, const std::string& address) {
  users_.ClearLoginFailures(login, ThrottledClient(address));
}

std::string ThrottledClient(const std::string& address) {
  in6_addr ip{};
  if (inet_pton(AF_INET6, address.c_str(), &ip) != 1) return address;
  char text[INET6_ADDRSTRLEN];
  if (IN6_IS_ADDR_V4MAPPED(&ip)) {
    return inet_ntop(AF_INET, ip.s6_addr + 12, text, sizeof text) ? text : address;
  }
  std::memset(ip.s6_addr + 8, 0, 8);  // the interface half
  return inet_ntop(AF_INET6, &ip, text, sizeof text) ? std::string(text) + "/64" : address;
}

}  // namespace shnor
