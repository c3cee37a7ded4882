#pragma once
// What a State holds in memory, member by member, counted from the State's member lists
// (state.hpp): for `kyosei state-layout SCENARIO` and the memory benchmark.
#include <cstddef>
#include <string_view>
#include <vector>

#include "kyosei/model/state.hpp"

namespace kyosei {

struct StateMemberBytes {
  std::string_view group, name;
  std::size_t bytes;  // the member itself and the memory it owns (capacity, not size)
};

// Every member of `state`, in the order of KYOSEI_STATE_GROUPS. A deque's bytes are counted from
// its items, text from its capacity, anything else from its capacity.
std::vector<StateMemberBytes> state_member_bytes(const State& state);

struct StateGroupBytes {
  std::string_view group;
  std::size_t bytes;
};

// The same, summed by group, in the same order.
std::vector<StateGroupBytes> state_group_bytes(const State& state);

}  // namespace kyosei
