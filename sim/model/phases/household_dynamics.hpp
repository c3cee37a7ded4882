#pragma once
// Leaving the parental home and partnership (household_dynamics.cpp).
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Draws r's leaving home and partnership, where r is a child at home or lives alone.
void schedule_life_course(const Context& ctx, State& st, std::int32_t r);
void schedule_life_course_at_start(const Context& ctx, State& st);

}  // namespace kyosei
