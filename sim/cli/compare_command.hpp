#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli.hpp"

namespace kyosei::cli {

struct CompareSettings {
  CLI::App* command = nullptr;
  std::vector<std::string> scenarios;  // files
  std::string directory;               // -o: result files and tables; none written if empty
  std::string baseline;                // a scenario name; "" for the first (costs only if given)
  int replicates = 1;
  int jobs = 1;  // runs at once on threads
};

void add_compare_command(CLI::App& app, CompareSettings& settings, RunSettings& run);
int command_compare(const CompareSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
