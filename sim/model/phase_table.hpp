#pragma once
// The day's phases, listed once (docs/ODD.md, "The day"): each phase's name, function and
// calendar, in the order the day step runs them. The day step (step.cpp), the per-phase benchmark
// (benchmarks/bench_phases.cpp) and the profile of a run (kyosei run --profile) all read this
// table, so none of them can drift from the others.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/context.hpp"

namespace kyosei {

struct Phase {
  std::string_view name;
  // Runs the phase for today. The ties' entry draws its flips' waits itself; the day step draws
  // them beside the phases before it instead (the same numbers: they are keyed by the flips alone).
  void (*run)(const Context& ctx, State& st);
  // The events the phase's calendar has handed it so far (stale ones included); nullptr: the
  // phase has no calendar.
  std::int64_t (*events)(const State& st);
};

// The day's phases, in order: 1-9 (households, care entry and migration after demography,
// collaboration between intake and service), tie formation, the ties, the record.
extern const std::array<Phase, 16> kDayPhases;
// The position of the ties in kDayPhases: the phases before it run beside the draw of the waits
// of today's tie flips.
inline constexpr std::size_t kTiesPhase = 14;

}  // namespace kyosei
