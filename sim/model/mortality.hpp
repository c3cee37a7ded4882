#pragma once
// Mortality (mortality.cpp, docs/ODD.md §7 "Demography"): the life table's force of mortality
// times the relative risks of a resident's situation now (care need, services, isolation), as
// calendar events drawn by thinning.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// The day of r's next candidate death from today, drawn at the highest relative risk r's sex and
// age allow (draw 0 at a resident's first scheduling, 1 after a candidate that was not a death).
Day next_death_candidate(const Context& ctx, const State& st, std::int32_t r, std::uint32_t draw = 0);
// A candidate death of r falls due today: it is r's death with the ratio of r's relative risk now
// to the bound it was drawn at. Otherwise `next` is the next candidate's day (kNever for none).
bool death_candidate_is_death(const Context& ctx, const State& st, std::int32_t r, Day& next);
// r's relative risk of death now against the life table's average person of that age and sex.
double mortality_relative_risk(const Context& ctx, const State& st, std::int32_t r);
// The share of residents of `age` with a care need implied by the onset hazard (Conditions).
double care_prevalence(const Scenario::Conditions& c, double age);

}  // namespace kyosei
