#pragma once
// `kyosei region REGION.yaml -o DIR`: many municipalities as independent systems, largest first
// on threads, reported per municipality (summary.csv) and in total (total.csv) (region.hpp).
#include <CLI/CLI.hpp>

#include "sweep_command.hpp"

namespace kyosei::cli {

void add_region_command(CLI::App& app, EnsembleSettings& settings, RunSettings& run);
int command_region(const EnsembleSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
