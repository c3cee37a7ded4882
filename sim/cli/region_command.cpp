// `kyosei region`: a region file to a run plan of municipalities, run like a sweep.
#include "region_command.hpp"

#include "kyosei/ensemble/region.hpp"

namespace kyosei::cli {

void add_region_command(CLI::App& app, EnsembleSettings& s, RunSettings& run) {
  add_plan_command(app, "region",
                   "Simulate the municipalities of a region file as independent systems; per municipality and in total",
                   "Region file (YAML; see scenarios/regions/)", s, run);
}

int command_region(const EnsembleSettings& s, const RunSettings& run) {
  return run_plan_command(load_region(s.file), s, run);
}

}  // namespace kyosei::cli
