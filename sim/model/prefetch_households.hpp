#pragma once
// What a life-course event reads first, asked for a few events ahead (docs/performance.md,
// "Migration, households and demography"). An event of the migration, household or demography
// calendar looks at its resident (present? which household?) and walks the household's member
// list (ages, partner, oldest member): a chain of loads from far apart, each waiting on the one
// before. Asked for in stages over the events to come, the loads of several events overlap
// instead; the answers are hints only, so nothing computed depends on them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kyosei/engine/calendar.hpp"
#include "model/context.hpp"

namespace kyosei {

// Before event i of `bucket` is handled: asks for the resident of event i + 12, the household
// header and tie block header of event i + 8's, the first member of event i + 5's, the second
// and the first tie slots of event i + 2's.
// Each stage reads only what an earlier stage asked for, by then at hand. Always inlined: GCC
// takes a function that only prefetches for one without effects, and drops its calls.
[[gnu::always_inline]] inline void prefetch_household_events_ahead(const State& st, const std::vector<Event>& bucket,
                                                                   std::size_t i) {
  constexpr std::size_t kResident = 12, kHousehold = 8, kFirstMember = 5, kSecondMember = 2;
  const Residents& R = st.residents;
  const Households& H = st.households;
  const std::size_t n = bucket.size();
  if (i + kResident < n) {
    const auto r = static_cast<std::size_t>(bucket[i + kResident].id);
    __builtin_prefetch(&R.death_day[r]);
    __builtin_prefetch(&R.household[r]);
    __builtin_prefetch(&R.core[r]);
  }
  if (i + kHousehold < n) {
    const auto r = static_cast<std::size_t>(bucket[i + kHousehold].id);
    const auto h = static_cast<std::size_t>(R.household[r]);
    __builtin_prefetch(&H.first_member[h]);
    __builtin_prefetch(&H.members[h]);
    if (r < st.ties.blocks.size()) __builtin_prefetch(&st.ties.blocks[r]);  // its ties (a move, a departure)
  }
  if (i + kFirstMember < n) {
    const auto h = static_cast<std::size_t>(R.household[static_cast<std::size_t>(bucket[i + kFirstMember].id)]);
    const std::int32_t first = H.first_member[h];
    if (first >= 0) {
      __builtin_prefetch(&R.core[static_cast<std::size_t>(first)]);
      __builtin_prefetch(&R.next_member[static_cast<std::size_t>(first)]);
    }
  }
  if (i + kSecondMember < n) {
    const auto r = static_cast<std::size_t>(bucket[i + kSecondMember].id);
    if (r < st.ties.blocks.size() && st.ties.blocks[r].first < st.ties.arena.size())
      __builtin_prefetch(&st.ties.arena[st.ties.blocks[r].first]);
    const auto h = static_cast<std::size_t>(R.household[r]);
    const std::int32_t first = H.first_member[h];
    const std::int32_t second = first >= 0 ? R.next_member[static_cast<std::size_t>(first)] : -1;
    if (second >= 0) {
      __builtin_prefetch(&R.core[static_cast<std::size_t>(second)]);
      __builtin_prefetch(&R.next_member[static_cast<std::size_t>(second)]);
    }
  }
}

}  // namespace kyosei
