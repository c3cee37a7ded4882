#pragma once
// Where a run's time goes, phase by phase (kyosei run --profile): each phase of the day with the
// wall time it took and the events its calendar handed it, summed over the days profiled.
#include <cstdint>
#include <string>
#include <vector>

namespace kyosei {

struct PhaseProfile {
  struct Phase {
    std::string name;
    double seconds = 0;
    std::int64_t events = 0;    // stale events included
    bool has_calendar = false;  // false: the phase takes no events from a calendar
  };
  std::vector<Phase> phases;  // in the day's order (sim/model/phase_table.cpp)
  // The first stage as a whole: the phases before the ties on the calling thread while the other
  // threads draw the waits of today's tie flips. Longer than its phases together when the waits
  // take longer than the phases.
  double beside_flip_waits_seconds = 0;
  std::int64_t days = 0;
};

}  // namespace kyosei
