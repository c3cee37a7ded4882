#pragma once
// Giving the heap's free pages back to the system during a run. A run frees memory every day (each
// day's calendar buckets once processed, buckets and episode columns outgrown), and glibc's
// allocator keeps the free pages inside its heaps: without this, a million-resident run ended its
// ten years with about 15 MB more resident than its State needed, which set its peak. A trim once
// a simulated year costs about 1.5 ms at that size (docs/performance.md).
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kyosei {

inline constexpr int kDaysBetweenTrims = 365;

inline void return_free_pages() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace kyosei
