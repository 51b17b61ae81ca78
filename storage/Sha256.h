#pragma once
#include <string>
#include <string_view>

namespace shnor::storage {

// Lowercase hex SHA-256 of `data` (libsodium).
std::string Sha256Hex(std::string_view data);

}  // namespace shnor::storage
