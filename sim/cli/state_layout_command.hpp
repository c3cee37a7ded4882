#pragma once
// `kyosei state-layout [SCENARIO]`: without a scenario, docs/state.md (every State member with
// its type, saving and meaning); with one, the bytes of each member of the State that scenario
// builds, in total and per resident.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace kyosei::cli {

struct StateLayoutSettings {
  CLI::App* command = nullptr;
  std::string scenario;
  std::vector<std::string> overrides;  // --set key.path=value
};

void add_state_layout_command(CLI::App& app, StateLayoutSettings& settings);
int command_state_layout(const StateLayoutSettings& settings);

}  // namespace kyosei::cli
