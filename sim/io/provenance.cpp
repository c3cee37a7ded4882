// Provenance of a result file (hdf5_output.hpp): who made it, when, from what.
#include <chrono>
#include <ctime>

#include "kyosei/io/hdf5_output.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/version.hpp"

namespace kyosei {

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Provenance provenance_of(const Scenario& scenario, const RunOptions& options, bool complete) {
  Provenance p;
  p.version = kVersion;
  p.git_commit = kGitCommit;
  p.date = utc_timestamp();
  p.seed = options.seed;
  p.replicate = options.replicate;
  p.threads = threads_to_use(options);
  p.scenario_name = scenario.name;
  p.scenario_text = effective_scenario_text(scenario);
  for (const std::string& assignment : scenario_overrides(scenario)) p.overrides += assignment + "\n";
  p.complete = complete;
  return p;
}

}  // namespace kyosei
