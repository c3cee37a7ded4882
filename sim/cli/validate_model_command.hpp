#pragma once
#include <CLI/CLI.hpp>

#include <string>

#include "cli.hpp"

namespace kyosei::cli {

struct ValidateModelSettings {
  CLI::App* command = nullptr;
  std::string scenario = "scenarios/silo.yaml";
  int replicates = 4;
  std::string csv;
  bool strict = false;
};

void add_validate_model_command(CLI::App& app, ValidateModelSettings& settings, RunSettings& run);
int command_validate_model(const ValidateModelSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
