// ValidationReport -> JSON (validation_json.hpp).
#include "kyosei/io/validation_json.hpp"

#include <utility>

#include "json_writer.hpp"

namespace kyosei {

std::string validation_to_json(const ValidationReport& report, const std::string& scenario_name) {
  JsonWriter w;
  w.value("scenario", scenario_name);
  w.value("seed", static_cast<std::int64_t>(report.seed));
  w.value("replicates", static_cast<std::int64_t>(report.replicates));
  w.value("failures", static_cast<std::int64_t>(report.failures()));
  w.value("unexpected_failures", static_cast<std::int64_t>(report.unexpected_failures()));
  w.open("targets");
  for (const TargetCheck& c : report.checks) {
    const CalibrationTarget& t = *c.target;
    w.open(t.name);
    w.value("quantity", t.quantity);
    w.value("unit", t.unit);
    w.value("low", t.low);
    w.value("high", t.high);
    w.value("tolerance", t.tolerance);
    w.value("source", t.source);
    w.value("measured", t.measured);
    w.value("known_gap", t.known_gap);
    w.value("median", c.median);
    w.value("p10", c.p10);
    w.value("p90", c.p90);
    w.flag("pass", c.pass);
    w.values("values", c.values);
    w.close();
  }
  w.close();
  return std::move(w).finish();
}

}  // namespace kyosei
