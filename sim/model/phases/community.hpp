#pragma once
// Community places (community.cpp): how many there are in force, and leaving one.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Community places: how many there are in force, and ending a resident's attendance.
std::int32_t places_in_force(const Context& ctx, const State& st);
void leave_place(const Context& ctx, State& st, std::int32_t r);

}  // namespace kyosei
