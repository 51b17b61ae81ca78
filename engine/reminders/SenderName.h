#pragma once
// The name under which one delivery run holds the outbox's letters: the machine, the process and
// a random part, so that two runs (in two processes, or one after another in the same process)
// never share a lease, and a person reading `shnor outbox` sees which process is sending.
#include <string>

namespace shnor {

std::string NewSenderName();  // "host/pid 1234/3fa9c2d1"

}  // namespace shnor
