// `kyosei region`: a region file to a run plan of municipalities, run like a sweep.
#include "region_command.hpp"

#include "kyosei/region.hpp"

namespace kyosei::cli {

void add_region_command(CLI::App& app, EnsembleSettings& s, RunSettings& run) {
  CLI::App* cmd = app.add_subcommand(
      "region", "Simulate the municipalities of a region file as independent systems; per municipality and in total");
  s.command = cmd;
  cmd->add_option("region", s.file, "Region file (YAML; see scenarios/regions/)")->required();
  add_ensemble_options(*cmd, s, run);
}

int command_region(const EnsembleSettings& s, const RunSettings& run) {
  return run_plan_command(load_region(s.file), s, run);
}

}  // namespace kyosei::cli
