#pragma once
// Participation support (participation.cpp): programme places offered to isolated or withdrawn residents.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// A resident who is isolated or withdrawn, met by an agency, is offered a programme place.
void offer_participation(const Context& ctx, State& st, std::int32_t r);
void leave_programme(const Context& ctx, State& st, std::int32_t r, bool completed);

}  // namespace kyosei
