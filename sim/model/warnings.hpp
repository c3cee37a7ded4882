#pragma once
// Warnings (warnings.cpp): counted in the State, and so in the results.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kyosei/model/state.hpp"

namespace kyosei {

// Counts one occurrence of `warning` in the State (and so in the results).
void count_warning(State& st, Warning warning);
// The warnings counted so far, by name in kWarnings order, those never counted left out.
std::vector<std::pair<std::string, std::int64_t>> counted_warnings(const State& st);

}  // namespace kyosei
