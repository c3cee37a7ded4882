#pragma once
// Warnings (warnings.cpp): counted in the State, and so in the results.
#include <string_view>

#include "kyosei/model/state.hpp"

namespace kyosei {

// Counts one occurrence of the warning `name` in the State (and so in the results).
void count_warning(State& st, std::string_view name);

}  // namespace kyosei
