#pragma once
// `kyosei sensitivity SENS.yaml -o DIR`: a sensitivity file (Morris or Latin hypercube) run like a
// sweep into DIR, resumable, then the parameters ranked by their influence on each output:
// DIR/sensitivity.csv and a table on stdout (sensitivity.hpp).
#include <CLI/CLI.hpp>

#include "sweep_command.hpp"

namespace kyosei::cli {

void add_sensitivity_command(CLI::App& app, EnsembleSettings& settings, RunSettings& run);
int command_sensitivity(const EnsembleSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
