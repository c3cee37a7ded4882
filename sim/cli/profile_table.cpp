// The profile of a run (kyosei run --profile): each phase's time, its share of the phases' time,
// its time per day and the events its calendar handed it per day.
#include <algorithm>
#include <cstdio>
#include <string>

#include "cli.hpp"

namespace kyosei::cli {

std::string profile_table(const PhaseProfile& profile) {
  double total = 0;
  for (const PhaseProfile::Phase& p : profile.phases) total += p.seconds;
  const double days = static_cast<double>(std::max<std::int64_t>(profile.days, 1));
  std::string out = "phase            seconds    share    ms/day   events/day\n";
  char line[200];
  for (const PhaseProfile::Phase& p : profile.phases) {
    char events[32] = "-";
    if (p.has_calendar) std::snprintf(events, sizeof events, "%.1f", static_cast<double>(p.events) / days);
    std::snprintf(line, sizeof line, "%-14s %9.3f %7.1f%% %9.3f %12s\n", p.name.c_str(), p.seconds,
                  total > 0 ? 100 * p.seconds / total : 0.0, 1e3 * p.seconds / days, events);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-14s %9.3f %8s %9.3f\n", "all phases", total, "", 1e3 * total / days);
  out += line;
  std::snprintf(line, sizeof line,
                "%lld days; the phases before the ties, with the tie flips' waits drawn beside them: %.3f s\n",
                static_cast<long long>(profile.days), profile.beside_flip_waits_seconds);
  out += line;
  return out;
}

}  // namespace kyosei::cli
