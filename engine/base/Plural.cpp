#include "engine/base/Plural.h"

namespace shnor {

const std::string& PluralForm(long long n, const std::string& one, const std::string& few,
                              const std::string& many) {
  const long long abs = n < 0 ? -n : n;
  const long long last_two = abs % 100, last = abs % 10;
  if (last_two >= 11 && last_two <= 14) return many;
  if (last == 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

std::string CountOf(long long n, const std::string& one, const std::string& few,
                    const std::string& many) {
  return std::to_string(n) + " " + PluralForm(n, one, few, many);
}

}  // namespace shnor
