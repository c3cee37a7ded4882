#pragma once
// Leaving the community's households (departure.cpp): by death, a move out of the municipality or a
// move into residential care. One function for all three, so a resident who leaves always closes
// its needs, its programme and place, and its ties (docs/ODD.md §7 "Household dynamics").
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Takes r out of the community: open needs close (died, or left), r leaves its programme, its
// place and its ties (remove_ties_of), then its household and the totals. A move out is counted
// in the day's counters; a death and a move into care are counted by the caller (a resident in
// care from the first day is no move of that day).
void depart(const Context& ctx, State& st, std::int32_t r, Departure why);
// A resident in residential care died: off the count of residents in care.
void die_in_care(State& st, std::int32_t r);

}  // namespace kyosei
