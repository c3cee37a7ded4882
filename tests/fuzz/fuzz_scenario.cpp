// libFuzzer target: hostile bytes into the scenario loader (issue "Reliability and safety", 1).
// The loader may only ever answer with a Scenario or a ScenarioError: anything else (another
// exception, a crash, a leak, a hang, undefined behaviour) is a finding. The input is read twice:
// as a scenario file, and line by line as --set overrides applied to the defaults.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/io/scenario_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    kyosei::parse_scenario(text, "fuzz.yaml");
  } catch (const kyosei::ScenarioError&) {}
  std::vector<std::string> assignments;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    assignments.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  kyosei::Scenario scenario = kyosei::Scenario::defaults();
  try {
    kyosei::apply_overrides(scenario, assignments);
  } catch (const kyosei::ScenarioError&) {}
  return 0;
}
