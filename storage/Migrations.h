#pragma once
// Numbered schema migrations: migration N takes the schema from version N-1 to N.
#include <string>
#include <vector>

namespace shnor::storage {

struct Migration {
  int version;
  std::string sql;
};

const std::vector<Migration>& Migrations();

}  // namespace shnor::storage
