#pragma once
// Large arrays met at random on 2 MB pages. A tie flip reads a tie record and both ends' core
// records, a watcher's check reads its core record: with 4 KB pages, an array far beyond the
// TLB's reach costs a page walk on nearly every such access (measured in docs/performance.md,
// "Large pages for the arrays met at random").
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kyosei {

// Arrays smaller than this stay on 4 KB pages: they are within the TLB's reach or nearly, and
// the last 2 MB page of each, touched in part, would add to the peak memory.
inline constexpr std::size_t kLargePagesFrom = std::size_t{32} << 20;

// Reserves room for `capacity` elements and asks the kernel to back the array with transparent
// huge pages where it is first touched; call it before filling the array. Advice only: where
// the kernel declines (transparent huge pages off), the array keeps 4 KB pages.
template <class T>
void reserve_on_large_pages(std::vector<T>& v, std::size_t capacity) {
  v.reserve(capacity);
#ifdef MADV_HUGEPAGE
  const std::size_t bytes = v.capacity() * sizeof(T);
  if (bytes < kLargePagesFrom) return;
  constexpr std::uintptr_t kPage = std::uintptr_t{2} << 20;
  const auto first = reinterpret_cast<std::uintptr_t>(v.data());
  const std::uintptr_t begin = (first + kPage - 1) & ~(kPage - 1), end = (first + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

}  // namespace kyosei
