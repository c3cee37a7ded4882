#pragma once
// Life events and conditions (onset.cpp): the onsets, recoveries and births each resident has
// scheduled, the conditions they set, and the needs they open.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// The conditions present at the start (initialisation).
void seed_conditions(const Context& ctx, State& st);
// A newcomer's conditions, drawn at the prevalences the start population has by age and sex, with
// the needs they open (as at the start, open_prevalent_needs) and a care need's moves into care.
// Before the newcomer's life events are drawn, whose onsets skip a condition present.
void arrive_with_conditions(const Context& ctx, State& st, std::int32_t r);
void schedule_onset(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
void schedule_recovery(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
// The extra hazard of leaving withdrawal that a participation programme adds while it lasts.
void schedule_programme_recovery(const Context& ctx, State& st, std::int32_t r);
void schedule_births(const Context& ctx, State& st, std::int32_t r);
void schedule_life_events(const Context& ctx, State& st, std::int32_t r);
// Every resident's life events (initialisation), in resident order.
void schedule_every_life_event(const Context& ctx, State& st);
std::uint16_t condition_bit(NeedKind kind);
// Ends a condition (recovery or resolved service) and schedules its next onset.
void clear_condition(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
void open_prevalent_needs(const Context& ctx, State& st, std::int32_t r);
// r lived on the pension of a member who died: r's income ends, and a poverty need begins today
// unless r already has one. Returns the new episode, or -1.
std::int32_t lose_pension_income(const Context& ctx, State& st, std::int32_t r);

}  // namespace kyosei
