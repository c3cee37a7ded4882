#pragma once
// Adapter: YAML text to a validated Scenario (yaml-cpp stays inside its source file).
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/model/scenario.hpp"

namespace kyosei {

// Reads and validates a scenario file. Throws ScenarioError ("file:line:col: key: problem").
Scenario load_scenario(const std::string& path);

// The same from text; `name` stands for the file in messages.
Scenario parse_scenario(std::string_view yaml_text, const std::string& name);

// Applies "key.path=value" overrides (the CLI's --set) and validates again. Errors name
// "--set" as the file, with line 0.
void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments);

}  // namespace kyosei
