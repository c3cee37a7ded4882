#pragma once
// Resource guards: a scenario whose run would not fit the machine's memory, or would overflow the
// engine's 32-bit ids and days, is refused before anything is allocated, with an error that
// states the estimate. Simulation's constructor checks every scenario; programs may ask first.
//
// The memory estimate is deliberately conservative and coarse: a guard against runs that cannot
// fit, not a prediction (docs/performance.md, "The memory estimate against measured peaks", sets
// it against the peaks of real runs). KYOSEI_MEMORY_LIMIT overrides the budget when it is too
// cautious.
//
//   bytes = 64 MiB                                   program, libraries, HDF5 and YAML buffers
//         + 192 B x peak residents                   resident and household arrays, calendars
//         + 56 B x residents x mean potential ties    tie graph (two arcs a tie), tie arrays and
//                                                     the candidate buffers of its construction
//         + 160 B x episodes                          episode arrays, the recorded table, events
//         + days x (16 calendars x 24 B + 32 B x (series + agency series x agencies))
//
// with peak residents = residents x (1 + birth_rate / 2 x years): at most half the residents are
// women who can give birth, and births are not compounded (a child has none of its own for 20
// years); episodes = mean residents x years x 0.05 a year, scaled up in proportion when the onset
// hazards exceed their defaults.
#include <cstdint>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/scenario.hpp"

namespace kyosei {

// A run would need more memory than is available, or more entities than the engine can number.
class ResourceError : public Error {
public:
  using Error::Error;
};

// What a run would need. Counts are doubles so that absurd inputs cannot overflow the estimate.
struct ResourceEstimate {
  double days = 0;            // burn-in and horizon
  double residents = 0;       // peak: residents at the start plus births
  double ties = 0;            // expected undirected potential ties (residents at the start)
  double episodes = 0;        // need episodes over the run, burn-in included
  double agencies = 0;        // one elderly centre a district, one agency a silo, outreach
  double resident_bytes = 0;  // the terms of `bytes`
  double tie_bytes = 0;
  double episode_bytes = 0;
  double day_bytes = 0;
  double bytes = 0;       // conservative peak memory of a run, results and writing included
  double file_bytes = 0;  // its result file before compression: an upper bound for the disk
                          // check before a run (output_check.hpp)
};

ResourceEstimate estimate_resources(const Scenario& scenario);

// The memory a run may use. bytes == 0: unknown (the memory check is skipped).
struct MemoryBudget {
  std::uint64_t bytes = 0;
  std::string source;  // where the figure comes from, for messages
};

// KYOSEI_MEMORY_LIMIT from the environment when set (bytes, or with a K, M, G or T suffix;
// "0" or "off" turns the memory check off), else the least of MemAvailable in /proc/meminfo and
// the room left under the cgroup's memory limit, else sysconf's available pages.
MemoryBudget available_memory();

// Parses a size such as "512M", "2G", "1.5T" or "123456" (bytes). Throws UsageError.
std::uint64_t parse_memory_size(const std::string& text);

// "1.4 GiB", "512.0 MiB", "880 B".
std::string format_bytes(double bytes);

// Throws ResourceError when a count would overflow the engine's ids (residents, ties, episodes:
// int32; agencies: int16; days: int32) or the estimate exceeds the budget; UsageError when a
// count is negative. The overflow checks come first and do not depend on the budget.
void check_resources(const Scenario& scenario, const MemoryBudget& budget);
void check_resources(const Scenario& scenario);  // with available_memory()

}  // namespace kyosei
