#include "engine/cases/ListPage.h"

#include <string>

#include "engine/base/Errors.h"

namespace shnor {

PageRequest MakePageRequest(std::optional<std::int64_t> offset, std::optional<std::int64_t> limit) {
  PageRequest page;
  if (offset) {
    if (*offset < 0) {
      throw InputError("Параметр «offset»: ожидается число от 0, а не " + std::to_string(*offset));
    }
    page.offset = static_cast<std::size_t>(*offset);
  }
  if (limit) {
    if (*limit < 1 || *limit > static_cast<std::int64_t>(PageRequest::kMaxLimit)) {
      throw InputError("Параметр «limit»: ожидается число от 1 до " +
                       std::to_string(PageRequest::kMaxLimit) + ", а не " + std::to_string(*limit));
    }
    page.limit = static_cast<std::size_t>(*limit);
  }
  return page;
}

}  // namespace shnor
