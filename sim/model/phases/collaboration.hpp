#pragma once
// Multi-agency collaboration (collaboration.cpp): support plans for compound households.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Households::awaiting_plan: no plan pending, referred to a coordinator (an intake event will
// bring it), or in a coordinator's queue.
inline constexpr std::uint8_t kNoPlanPending = 0, kPlanReferred = 1, kPlanQueued = 2;

// Whether an accepted need's household goes to a coordinator (the need is handed on meanwhile).
bool needs_plan(const Context& ctx, const State& st, std::int32_t e);
// Refers the household to a coordinator: the hub's referral, or a distributed coordinator in
// `agency` that must first reach the agencies outside its field; its own case joins at once.
void queue_for_plan(const Context& ctx, State& st, std::int32_t household, std::int32_t agency);
// The referral arrives (an intake event): the household joins the coordinator's queue.
void coordinator_receives(const Context& ctx, State& st, std::int32_t household, std::int32_t agency);

}  // namespace kyosei
