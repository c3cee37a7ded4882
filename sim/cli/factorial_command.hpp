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
};

void add_factorial_command(CLI::App& app, FactorialSettings& settings, RunSettings& run);
int command_factorial(const FactorialSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
