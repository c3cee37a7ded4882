#pragma once
// Leaving the parental home, partnership, separation and moving in with a child (household_dynamics.cpp).
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Draws r's leaving home and partnership (r a child at home or living alone), moving in with a
// child (r living alone) or separation (r a woman living with a partner).
void schedule_life_course(const Context& ctx, State& st, std::int32_t r);
// After a member left `household` (died, moved, went into care): a resident now living alone
// has the life course and the births of one drawn.
void after_member_left(const Context& ctx, State& st, std::int32_t household);
void schedule_life_course_at_start(const Context& ctx, State& st);
// A household for an adult child aged `age` moving back in with its parents: one member, or two
// who are partners, of one generation, all 65+, the oldest 20-45 years older; found among households drawn at random
// (the model keeps no kinship), -1 if none.
std::int32_t find_parents_household(const State& st, double age, Draws& d);

}  // namespace kyosei
