#pragma once
// The day's phases, in the order of docs/ODD.md's process overview: one file each in phases/.
#include <functional>
#include <vector>

#include "model/context.hpp"

namespace kyosei {

void phase_demography(const Context& ctx, State& st);
void phase_households(const Context& ctx, State& st);
void phase_care_entry(const Context& ctx, State& st);
void phase_migration(const Context& ctx, State& st);
void phase_onset(const Context& ctx, State& st);
void phase_progression(const Context& ctx, State& st);
void phase_detection(const Context& ctx, State& st);
void phase_intake(const Context& ctx, State& st);
void phase_collaboration(const Context& ctx, State& st);
void phase_service(const Context& ctx, State& st);
void phase_outreach(const Context& ctx, State& st);
void phase_participation(const Context& ctx, State& st);
void phase_community(const Context& ctx, State& st);
// Phase 10 in two steps. The waits to today's flips' next flips at rate 1 (exponential(1)) are
// keyed by the flips' events alone, so they are drawn apart from the flips: by the other threads
// while `earlier` (the day's phases 1-9) runs on this one when there are many, otherwise after
// it. The flips then divide each wait by the tie's current rate. `earlier` runs inside a parallel
// region: a parallel region of its own would get one thread.
std::vector<double> draw_flip_waits(const Context& ctx, const State& st, const std::function<void()>& earlier);
void phase_ties(const Context& ctx, State& st, const std::vector<double>& waits);
void phase_record(const Context& ctx, State& st);

}  // namespace kyosei
