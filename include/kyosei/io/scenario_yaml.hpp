#pragma once
// Adapter: YAML text to a validated Scenario (yaml-cpp stays inside its source file).
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/model/scenario.hpp"
#include "kyosei/engine/errors.hpp"

namespace kyosei {

// Reads and validates a scenario file. Throws ScenarioError ("file:line:col: key: problem").
Scenario load_scenario(const std::string& path);

// Every problem of a scenario file, in the order of the file (empty when it loads): each key's
// problem, then, when every key could be read, each cross-parameter problem. A file that cannot be
// read or is not YAML gives that one problem.
std::vector<ScenarioError> scenario_file_problems(const std::string& path);

// The same from text; `name` stands for the file in messages.
Scenario parse_scenario(std::string_view yaml_text, const std::string& name);

// Applies "key.path=value" overrides (the CLI's --set) and validates again. Errors name `source`
// as the file ("--set" for the CLI, "with_()" for Python), with line 0.
void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments,
                     const std::string& source = "--set");

// The scenario as it ran, as YAML: its text with the --set overrides written into it (comments
// dropped; a result's `scenario` attribute), or its text unchanged when it has no overrides. And
// the overrides themselves, "key.path=value" each, in the order given.
std::string effective_scenario_text(const Scenario& scenario);
std::vector<std::string> scenario_overrides(const Scenario& scenario);

}  // namespace kyosei
