#pragma once
// The command-line tool's pieces: options shared by the commands, running one scenario, and the
// side-by-side summary table.
#include <cstdint>
#include <string>
#include <vector>

#include "kyosei/hdf5_output.hpp"
#include "kyosei/results.hpp"
#include "kyosei/scenario.hpp"

namespace kyosei::cli {

struct RunSettings {
  std::uint64_t seed = 0;
  bool seed_given = false;  // else the scenario's run.seed
  std::uint32_t replicate = 0;
  int threads = 0;
  std::vector<std::string> overrides;  // --set key.path=value
  bool force = false;
  bool json = false;
};

// Loads a scenario file and applies the --set overrides (throws ScenarioError).
Scenario load_with_overrides(const std::string& path, const std::vector<std::string>& overrides);

struct Outcome {
  Results results;
  Provenance provenance;
};

// Runs one scenario to its horizon, with progress on stderr when stderr is a terminal.
Outcome run_scenario(const Scenario& scenario, const RunSettings& settings);

// Refuses early (before a long run) to overwrite an existing result without --force.
void check_writable(const std::string& path, bool force);

// A table with one column per scenario, one row per summary number; with two scenarios, a
// difference column (second minus first).
std::string summary_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries);

}  // namespace kyosei::cli
