#pragma once
// Moves into residential care (care_entry.cpp).
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Draws r's next candidate move into care, when r has a care need.
void schedule_care_entry(const Context& ctx, State& st, std::int32_t r);
// The same for every resident with a care need at the start.
void schedule_care_entries_at_start(const Context& ctx, State& st);

}  // namespace kyosei
