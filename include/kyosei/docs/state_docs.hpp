#pragma once
#include <string>

#include "kyosei/model/state.hpp"

namespace kyosei {

// docs/state.md: every member of the State with its type, how a checkpoint saves it and its
// meaning, generated from the State's member lists (include/kyosei/model/state.hpp).
std::string state_layout_markdown();

// The bytes of every member of `state` and of each group, in total and per resident, as a text
// table (`kyosei state-layout SCENARIO`).
std::string state_bytes_table(const State& state);

}  // namespace kyosei
