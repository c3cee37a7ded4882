#pragma once
// Adapter: a run's Results to an HDF5 file (docs/outputs.md), and back.
#include <cstdint>
#include <string>

#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/run/simulation.hpp"

namespace kyosei {

struct Provenance {
  std::string software = "kyosei";
  std::string version;     // KYOSEI_VERSION
  std::string git_commit;  // empty when unknown
  std::string date;        // ISO 8601, UTC
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
  int threads = 0;
  std::string scenario_name;
  std::string scenario_text;  // the YAML text of the scenario as it ran (overrides written in)
  std::string overrides;      // the --set overrides, "key.path=value" a line ("" if none)
  bool complete = true;       // false: the run was stopped before its horizon
};

// The current time in UTC, ISO 8601 ("2026-11-26T21:07:40Z").
std::string utc_timestamp();

// Provenance of a run of `scenario` with `options`: this build's version and commit, now.
Provenance provenance_of(const Scenario& scenario, const RunOptions& options, bool complete);

// Writes to a temporary name beside `path` and renames it when complete. Throws OutputError if
// `path` exists and `overwrite` is false, or on any I/O failure (leaving no file behind).
void write_results_hdf5(const std::string& path, const Results& results, const Provenance& provenance, bool overwrite);

}  // namespace kyosei
