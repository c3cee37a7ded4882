#pragma once
// Migration in and out of the municipality (migration.cpp).
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// The hazard of moving out at `age` (per year): migration.out_rate of its band times out_factor.
double out_rate(const Context& ctx, double age);
// Draws r's next candidate move out.
void schedule_move_out(const Context& ctx, State& st, std::int32_t r);
void schedule_moves_out_at_start(const Context& ctx, State& st);
// A resident from outside joins household h (a newcomer, a partner): traits drawn from `d`, no
// ties, conditions at the start prevalences of its age and sex (arrive_with_conditions); its life
// events, life course and moves out scheduled; counted as a move in. With `partner` (a member of h)
// the two are partners before the newcomer's events are drawn.
std::int32_t add_newcomer(const Context& ctx, State& st, std::int32_t household, Day birth_day, bool female, Draws& d,
                          std::int32_t partner = -1);

}  // namespace kyosei
