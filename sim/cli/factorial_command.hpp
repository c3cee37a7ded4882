#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli.hpp"

namespace kyosei::cli {

struct FactorialSettings {
  CLI::App* command = nullptr;
  std::string low, high;
  std::vector<std::string> levers;
  int replicates = 2;
  std::string directory;  // -o: each run's result file and factorial.json; none written if empty
};

void add_factorial_command(CLI::App& app, FactorialSettings& settings, RunSettings& run);
int command_factorial(const FactorialSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
