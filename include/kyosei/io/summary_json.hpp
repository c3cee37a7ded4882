#pragma once
// Adapter: a run's Summary as a JSON object, for the CLI's stdout and sweep tables.
#include <string>

#include "kyosei/model/results.hpp"

namespace kyosei {

// A JSON object (pretty-printed, UTF-8) with the scenario name and every Summary number:
// "overall", "by_field" (keyed by kFieldNames), "no_compound", "by_compound" (keyed by
// kCompoundTagNames), each with the KYOSEI_DETECTION_FIELDS, then the KYOSEI_SUMMARY_SCALARS.
// Numbers that are not finite (a NaN median, an empty group) are written as null.
std::string summary_to_json(const Summary& summary, const std::string& scenario_name);

}  // namespace kyosei
