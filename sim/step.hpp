#pragma once
#include "engine.hpp"

namespace kyosei {

// Advances the State by one day.
void step_day(const Context& ctx, State& st);

// Builds the population, its conditions, ties and agencies, and schedules every first event.
void initialise(const Context& ctx, State& st);

}  // namespace kyosei
