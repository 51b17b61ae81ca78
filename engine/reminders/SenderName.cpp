#include "engine/reminders/SenderName.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <random>

namespace shnor {
namespace {

std::string HostName() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
  return name.data();
}

}  // namespace

std::string NewSenderName() {
  std::random_device random;
  std::array<char, 16> tag{};
  std::snprintf(tag.data(), tag.size(), "%08x", static_cast<unsigned>(random()));
  return HostName() + "/pid " + std::to_string(getpid()) + "/" + tag.data();
}

}  // namespace shnor
