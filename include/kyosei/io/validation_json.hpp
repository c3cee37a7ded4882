#pragma once
// Adapter: a validation report (validation.hpp) as JSON, for `kyosei validate-model --json` and
// scripts/calibrate.py.
#include <string>

#include "kyosei/run/validation.hpp"

namespace kyosei {

// {"scenario", "seed", "replicates", "failures", "unexpected_failures", "targets": {name: {"quantity", "unit", "low",
// "high", "tolerance", "source", "measured", "known_gap", "median", "p10", "p90", "pass", "values": [...]}}},
// targets in table order; numbers that are not finite are null.
std::string validation_to_json(const ValidationReport& report, const std::string& scenario_name);

}  // namespace kyosei
