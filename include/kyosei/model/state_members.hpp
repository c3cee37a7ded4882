#pragma once
// Every member of the State, walked from the member lists of state.hpp: for the byte counts of
// state_layout.hpp and the table of docs/state.md. (The checkpoint walks the same lists in
// sim/model/state_visit.hpp, where each member's saving is.)
#include <string_view>
#include <type_traits>

#include "kyosei/model/state.hpp"

namespace kyosei {

struct StateMember {
  std::string_view group;     // "residents", ...: the checkpoint's group of its datasets
  std::string_view name;      // the member's name in its struct
  std::string_view type;      // the C++ type, as written in the list
  std::string_view saved_as;  // "array", "value", the function of state_visit.hpp, or "not saved"
  std::string_view meaning;
};

#define KYOSEI_WALK_STATE_ARRAY(T, name, meaning) \
  f(StateMember{group_name, #name, "std::vector<" #T ">", "array", meaning}, group_object.name);
#define KYOSEI_WALK_STATE_VALUE(T, name, initial, meaning) \
  f(StateMember{group_name, #name, #T, "value", meaning}, group_object.name);
#define KYOSEI_WALK_STATE_OTHER(T, name, how, meaning) \
  f(StateMember{group_name, #name, #T, #how, meaning}, group_object.name);
#define KYOSEI_WALK_STATE_DERIVED(T, name, meaning) \
  f(StateMember{group_name, #name, #T, "not saved", meaning}, group_object.name);
#define KYOSEI_WALK_STATE_GROUP(group, object, LIST)                                                           \
  {                                                                                                            \
    constexpr std::string_view group_name = #group;                                                            \
    auto& group_object = object;                                                                               \
    LIST(KYOSEI_WALK_STATE_ARRAY, KYOSEI_WALK_STATE_VALUE, KYOSEI_WALK_STATE_OTHER, KYOSEI_WALK_STATE_DERIVED) \
  }

// Calls f(const StateMember&, member) for every member of `state` (State or const State), in the
// order of KYOSEI_STATE_GROUPS.
template <class StateT, class F>
void for_each_state_member(StateT& state, F&& f) {
  static_assert(std::is_same_v<std::remove_const_t<StateT>, State>);
  KYOSEI_STATE_GROUPS(KYOSEI_WALK_STATE_GROUP)
}

#undef KYOSEI_WALK_STATE_ARRAY
#undef KYOSEI_WALK_STATE_VALUE
#undef KYOSEI_WALK_STATE_OTHER
#undef KYOSEI_WALK_STATE_DERIVED
#undef KYOSEI_WALK_STATE_GROUP

}  // namespace kyosei
