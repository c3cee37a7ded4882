#pragma once
// Intake and routing (intake.cpp): which agency owns a need, how a contact reaches a window, and
// how an accepted need is routed to the agency that serves it.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

IntakeMode intake_mode(const Context& ctx, const State& st);
HandOff handoff_style(const Context& ctx, const State& st);
// The agency that owns a field for a household, or -1 (a gap need under silo intake).
std::int32_t owner_agency(const Context& ctx, const State& st, std::int32_t e);
// A contact about episode e reaches window `window` through `channel`.
void contact(const Context& ctx, State& st, std::int32_t e, Channel channel, std::int32_t window);
// A contact chooses its window from the person's (or institution's) knowledge.
std::int32_t choose_window(const Context& ctx, State& st, std::int32_t e, Channel channel);
// An agency takes responsibility for episode e at `window`; with `assess_household` it then looks
// at the household's other needs (integrated: takes them on; silo: refers those it notices).
void accept(const Context& ctx, State& st, std::int32_t e, std::int32_t window, Channel channel,
            bool assess_household = true);
// The agency that will serve an accepted need (its owner, or who takes needs nobody owns).
std::int32_t serving_agency(const Context& ctx, const State& st, std::int32_t e);
// Sends an accepted need from the agency holding it to the one that will serve it.
void route_accepted(const Context& ctx, State& st, std::int32_t e);
// Episodes::planned while the need waits for its household's support plan.
inline constexpr Day kAwaitingPlan = -2;

}  // namespace kyosei
