#pragma once
// Calibration targets (docs/calibration.md) and the model's statistic for each: one table of
// targets, each with its value or interval, unit, source, tolerance and how the model's counterpart
// is measured, and a validation that runs a scenario's replicates (common random numbers: one seed,
// replicates 0..n-1) and sets every statistic's median and 10-90% interval against its target.
// Plain numbers only: the CLI, the bindings and the tests format them.
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "kyosei/model/scenario.hpp"

namespace kyosei {

// What one run leaves for the statistics: counts at the first recorded day, at yearly snapshots
// over the recorded period, and totals over it (defined in sim/run/validation.cpp).
struct RunObservations;

struct CalibrationTarget {
  std::string_view name;      // short key, e.g. "withdrawn_15_39"
  std::string_view quantity;  // what the source reports
  double low, high;           // the target: one value (low == high) or an interval
  // A statistic whose replicate median lies within [low - tolerance, high + tolerance] passes:
  // the source's own precision plus what the model's structure cannot match (stated in
  // docs/calibration.md); never tighter than the replicate noise of the default municipality.
  double tolerance;
  std::string_view unit;  // "share", "household", "person", "per 100k per month"
  std::string_view source;
  std::string_view measured;  // how the model's counterpart is computed, and when
  double (*statistic)(const RunObservations&);
  // Why the model cannot meet the target yet (a mechanism it lacks), or empty. A known gap is
  // still checked and reported as failing; the tests expect it to fail until the model changes.
  std::string_view known_gap = {};
};

// The table, in report order. Adding a target is one row here and, if it needs a count the
// observations do not yet keep, one field in RunObservations.
std::span<const CalibrationTarget> calibration_targets();

// The statistic of every target for one run (table order); NaN where the run is too short.
std::vector<double> calibration_statistics(const Scenario& scenario, std::uint64_t seed, std::uint32_t replicate,
                                           int threads = 0);

struct TargetCheck {
  const CalibrationTarget* target;
  std::vector<double> values;  // one per replicate
  double median, p10, p90;     // over replicates (linear interpolation between order statistics)
  bool pass;                   // median within the tolerance of the target
};

struct ValidationReport {
  std::uint64_t seed = 0;
  int replicates = 0;
  std::vector<TargetCheck> checks;  // table order
  int failures() const;
  int unexpected_failures() const;  // failures of targets without a known gap
};

// Runs replicates 0..replicates-1 of `scenario` with `seed` and checks every target.
// `progress(done, total)` is called after each replicate.
ValidationReport validate_model(const Scenario& scenario, std::uint64_t seed, int replicates, int threads = 0,
                                const std::function<void(int, int)>& progress = {});

}  // namespace kyosei
