#pragma once
// Giving the heap's free pages back to the system during a run. A run frees memory every day (each
// day's calendar buckets once processed, buckets and episode columns outgrown), and glibc's
// allocator keeps the free pages inside its heaps: without this, a large run ends with more
// resident than its State needs, which sets its peak. A trim a simulated month (about 3 ms at a
// million residents) keeps what a year of freed buckets would add to the peak off it (docs/
// performance.md, "The full regime" and "Peak memory (branch h19mem)").
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kyosei {

inline constexpr int kDaysBetweenTrims = 30;

inline void return_free_pages() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace kyosei
