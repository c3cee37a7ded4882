#pragma once
// The outreach team's target list (outreach_targets.cpp).
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Makes the list again when a month has passed since it was made, or the team has visited to its end.
void remake_target_list_when_due(const Context& ctx, State& st);
// The next household down the list, in visiting order; -1 at its end.
std::int32_t next_target(const Context& ctx, State& st);

}  // namespace kyosei
