#pragma once

namespace shnor::app {

// Makes the allocator keep freed memory for the next document instead of handing it back to
// the kernel at once. A document's buffers (libxlsxwriter's, zlib's, the PDF's) are freed and
// asked for again hundreds of times in a batch; returning them each time costs page faults and,
// with the batch on two threads, a TLB shootdown on the other core for every unmapping. Called
// once at the start of the process; it keeps at most some tens of MB of free memory.
void KeepFreedMemoryForReuse();

}  // namespace shnor::app
