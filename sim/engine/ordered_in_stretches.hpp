#pragma once
// A list read from the top, put in order a stretch at a time: when only the top of a long list is
// ever read, ordering the rest is wasted.
#include <algorithm>
#include <cstddef>
#include <span>

namespace kyosei {

// Puts items [from, from + count) of `items` (fewer at the end) where a sort of items [from, end)
// would put them, leaving the items after them in no order, and returns where the ordered items
// end. Stretch after stretch, the list comes out exactly as one sort orders it.
template <class T>
std::size_t order_stretch(std::span<T> items, std::size_t from, std::size_t count) {
  const auto first = items.begin() + static_cast<std::ptrdiff_t>(from);
  const auto end = first + static_cast<std::ptrdiff_t>(std::min(count, items.size() - from));
  std::nth_element(first, end, items.end());
  std::sort(first, end);
  return static_cast<std::size_t>(end - items.begin());
}

}  // namespace kyosei
