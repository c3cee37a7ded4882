// The day step: the phases of the table (phase_table.cpp) in three stages.
#include "model/step.hpp"

#include <chrono>

#include "model/phase_table.hpp"
#include "model/phases.hpp"

namespace kyosei {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `run` as the phase kDayPhases[i], adding its time and events to `profile` when there is one.
template <class Run>
void run_phase(std::size_t i, State& st, PhaseProfile* profile, const Run& run) {
  if (profile == nullptr) return run();
  const Phase& phase = kDayPhases[i];
  const std::int64_t before = phase.events ? phase.events(st) : 0;
  const auto start = std::chrono::steady_clock::now();
  run();
  PhaseProfile::Phase& entry = profile->phases[i];
  entry.seconds += seconds_since(start);
  if (phase.events) entry.events += phase.events(st) - before;
}

// Stage 1: the phases before the ties on this thread while the other threads draw the waits of
// today's tie flips (draw_flip_waits); returns the waits.
std::vector<double> phases_beside_flip_waits(const Context& ctx, State& st, PhaseProfile* profile) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<double> waits = draw_flip_waits(ctx, st, [&] {
    for (std::size_t i = 0; i < kTiesPhase; ++i) run_phase(i, st, profile, [&] { kDayPhases[i].run(ctx, st); });
  });
  if (profile) profile->beside_flip_waits_seconds += seconds_since(start);
  return waits;
}

void start_profile(PhaseProfile& profile) {
  if (!profile.phases.empty()) return;
  for (const Phase& phase : kDayPhases)
    profile.phases.push_back({std::string(phase.name), 0, 0, phase.events != nullptr});
}

}  // namespace

void step_day(const Context& ctx, State& st, PhaseProfile* profile) {
  if (profile) start_profile(*profile);
  const std::vector<double> flip_waits = phases_beside_flip_waits(ctx, st, profile);
  // Stage 2: the tie flips, with those waits.
  run_phase(kTiesPhase, st, profile, [&] { phase_ties(ctx, st, flip_waits); });
  // Stage 3: what follows the ties (the day's record).
  for (std::size_t i = kTiesPhase + 1; i < kDayPhases.size(); ++i)
    run_phase(i, st, profile, [&] { kDayPhases[i].run(ctx, st); });
  if (profile) ++profile->days;
  ++st.today;
}

}  // namespace kyosei
