#pragma once
// A window onto a long list — the school list, the audit log, the letters: a national project's
// lists run to tens of thousands of rows, which nobody reads at once and which took seconds to
// send, so the adapters ask for one page and show how many rows the whole list holds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

namespace shnor {

struct PageRequest {
  static constexpr std::size_t kDefaultLimit = 50;
  static constexpr std::size_t kMaxLimit = 500;

  std::size_t offset = 0;  // rows skipped from the start; past the end gives an empty page
  std::size_t limit = kDefaultLimit;
};

// nullopt takes the default. Throws InputError naming «offset» or «limit» for a negative offset or
// a limit outside 1…kMaxLimit.
PageRequest MakePageRequest(std::optional<std::int64_t> offset, std::optional<std::int64_t> limit);

template <class Row>
struct Page {
  std::size_t total = 0;  // rows of the whole list
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<Row> rows;  // at most `limit`, from `offset`
};

template <class Row>
Page<Row> PageOf(std::vector<Row> rows, const PageRequest& request) {
  Page<Row> page{rows.size(), request.offset, request.limit, {}};
  if (request.offset >= rows.size()) return page;
  auto first = rows.begin() + static_cast<std::ptrdiff_t>(request.offset);
  auto count = std::min(request.limit, rows.size() - request.offset);
  page.rows.assign(std::make_move_iterator(first),
                   std::make_move_iterator(first + static_cast<std::ptrdiff_t>(count)));
  return page;
}

}  // namespace shnor
