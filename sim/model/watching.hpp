#pragma once
// Watching agreements (見守り協定, docs/ODD.md §7 "Watching over"): deliverers, utilities and
// landlords who see a household regularly and report signs of trouble. Which households are on a
// round is a fixed draw of the household against watching.coverage.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Contacts a day of the household with a deliverer under an agreement; 0 when not covered.
double watching_contacts(const Context& ctx, std::int32_t household);

}  // namespace kyosei
