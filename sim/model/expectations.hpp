#pragma once
// What residents and referrers expect of the windows (docs/ODD.md §7 "Expectations and
// awareness"): a gap need is brought to a window more often by someone who knows that the
// integrated window takes it; stories of ties helped or turned away raise or lower a resident's
// own help seeking; awareness of the integrated window spreads and fades day by day as two shares.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Factors on the detection hazards of a gap need (1 for a need a silo owns, and under silo
// intake): the resident's self-referral, a tie's report, a commissioner's or institution's.
struct GapFactors {
  double self = 1, tie = 1, referrer = 1;
};
GapFactors gap_factors(const Context& ctx, const State& st, std::int32_t r, Field field);
// Their largest values while the parameters in force hold (everyone aware): the detection bound's.
GapFactors gap_factor_bounds(const Context& ctx, Field field);

// Factor on the resident's self-referral from the net experiences of their ties.
double word_of_mouth_factor(const Context& ctx, const State& st, std::int32_t r);
// A resident was helped (+1) or turned away (-1): each active tie hears of it; a tie whose help
// seeking rises has its undetected needs' detections drawn again when the bound no longer holds.
void tell_ties(const Context& ctx, State& st, std::int32_t r, int experience);

// The day's step of the awareness shares, after the day's outreach visits.
void update_awareness(const Context& ctx, State& st);

}  // namespace kyosei
