#pragma once
// Shared helpers of the C++ tests: scenarios from the repository, small fast municipalities.
#include <string>

#include "kyosei/scenario.hpp"
#include "kyosei/scenario_yaml.hpp"

namespace kyosei::test {

inline std::string source_path(const std::string& relative) {
  return std::string(KYOSEI_SOURCE_DIR) + "/" + relative;
}

inline Scenario repository_scenario(const std::string& name) {
  return load_scenario(source_path("scenarios/" + name + ".yaml"));
}

// The repository scenario shrunk for speed: fewer residents and a shorter horizon.
inline Scenario small_scenario(const std::string& name, std::int64_t residents, std::int64_t horizon_days) {
  Scenario s = repository_scenario(name);
  s.population.residents = residents;
  s.run.horizon_days = horizon_days;
  return s;
}

}  // namespace kyosei::test
