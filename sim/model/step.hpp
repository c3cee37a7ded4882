#pragma once
#include <vector>

#include "model/context.hpp"
#include "kyosei/model/epoch.hpp"
#include "kyosei/model/phase_profile.hpp"

namespace kyosei {

// Advances the State by one day: the phases of kDayPhases (phase_table.hpp) in their order. With a
// `profile`, adds each phase's time and events to it.
void step_day(const Context& ctx, State& st, PhaseProfile* profile = nullptr);

// Builds the population, its conditions, ties and agencies, and schedules every first event.
// `ctx` holds the parameters of the first epoch; `epochs` all of them (agencies and places are
// laid out for the largest lever any epoch uses).
void initialise(const Context& ctx, const std::vector<Epoch>& epochs, State& st);

// The parameters in force change today: resize agencies and levers, redraw detections.
void apply_policy(const Context& ctx, State& st);

}  // namespace kyosei
