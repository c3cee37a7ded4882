#pragma once
// Solitary deaths (solitary_deaths.cpp): a death at home of someone living alone, and its discovery.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Called as r dies, before anything of r is taken away: if r lived alone and died at home,
// records the death with its day and channel of discovery.
void record_solitary_death(const Context& ctx, State& st, std::int32_t r);

}  // namespace kyosei
