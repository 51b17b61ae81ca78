#include "app/MemoryPolicy.h"

#include <malloc.h>

namespace shnor::app {

void KeepFreedMemoryForReuse() {
  constexpr int kBytes = 64 * 1024 * 1024;
  // Allocations below this come from the heap, not from a mapping of their own...
  mallopt(M_MMAP_THRESHOLD, kBytes);
  // ...and free memory at the top of a heap is kept up to this much.
  mallopt(M_TRIM_THRESHOLD, kBytes);
}

}  // namespace shnor::app
