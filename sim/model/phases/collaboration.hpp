#pragma once
// Multi-agency collaboration (collaboration.cpp): support plans for compound households.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Whether an accepted need's household goes to a coordinator (the need is handed on meanwhile).
bool needs_plan(const Context& ctx, const State& st, std::int32_t e);
void queue_for_plan(const Context& ctx, State& st, std::int32_t household, std::int32_t agency);

}  // namespace kyosei
