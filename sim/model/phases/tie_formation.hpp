#pragma once
// Tie formation (tie_formation.cpp, docs/ODD.md §7 "Tie formation"): residents who arrive or lose a
// tie meet new neighbours and friends, as calendar events.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// A resident who has just arrived in a housing block (born, moved in from elsewhere, or moved
// within the municipality after end_ties_on_move): joins the block's roster and owes itself a
// Poisson number of neighbour and friendship ties with ties.arrival_share of its expected ties as
// mean (less those it holds and owes), met from school age on; the rest come from others' meetings.
void on_arrival(const Context& ctx, State& st, std::int32_t r);
// r lost `tie`, of this kind: with probability 1 - ties.arrival_share it owes one more, and meets
// someone new in time.
void replace_lost_tie(const Context& ctx, State& st, std::int32_t r, TieKind kind, std::uint32_t tie);
// A new potential tie between a and b, active, with its flips scheduled; counted by kind and
// origin. a and b must be alive, apart, in different households and not tied yet.
void form_tie(const Context& ctx, State& st, std::int32_t a, std::int32_t b, TieKind kind, TieOrigin origin);
// Whether r may form a tie with `other` now: alive, of formation age, in another household, not tied.
bool can_form_tie(const Context& ctx, const State& st, std::int32_t r, std::int32_t other);
// Someone r meets in a block of its district or, as a small-world shortcut, anywhere; -1 when the
// block drawn is empty.
std::int32_t meet_in_district(const Context& ctx, const State& st, std::int32_t r, Draws& d);
void phase_tie_formation(const Context& ctx, State& st);

}  // namespace kyosei
