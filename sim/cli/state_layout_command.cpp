// `kyosei state-layout` (state_layout_command.hpp).
#include "state_layout_command.hpp"

#include <iostream>

#include "cli.hpp"
#include "kyosei/docs/state_docs.hpp"

namespace kyosei::cli {

void add_state_layout_command(CLI::App& app, StateLayoutSettings& settings) {
  settings.command = app.add_subcommand(
      "state-layout", "Describe every State member (docs/state.md), or count the bytes of a scenario's State");
  settings.command->add_option("scenario", settings.scenario,
                               "Scenario file (YAML): count the bytes of the State it builds");
  settings.command->add_option("--set", settings.overrides, "Override a parameter of the scenario")
      ->type_name("KEY=VALUE")
      ->needs(settings.command->get_option("scenario"));
}

int command_state_layout(const StateLayoutSettings& settings) {
  if (settings.scenario.empty()) {
    std::cout << state_layout_markdown();
    return 0;
  }
  const Simulation sim(load_with_overrides(settings.scenario, settings.overrides), RunOptions{});
  std::cout << sim.scenario().name << ": the State as built, before the first day\n" << state_bytes_table(sim.state());
  return 0;
}

}  // namespace kyosei::cli
