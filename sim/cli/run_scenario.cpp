// Running one scenario from the command line: overrides, seed, progress, provenance.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "cli.hpp"
#include "kyosei/errors.hpp"
#include "kyosei/scenario_yaml.hpp"
#include "kyosei/simulation.hpp"
#include "kyosei/version.hpp"

namespace kyosei::cli {
namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

Scenario load_with_overrides(const std::string& path, const std::vector<std::string>& overrides) {
  Scenario scenario = load_scenario(path);
  apply_overrides(scenario, overrides);
  return scenario;
}

void check_writable(const std::string& path, bool force) {
  if (!force && std::filesystem::exists(path))
    throw OutputError(path + ": exists; use --force to overwrite");
}

Outcome run_scenario(const Scenario& scenario, const RunSettings& settings) {
  RunOptions options;
  options.seed = settings.seed_given ? settings.seed : static_cast<std::uint64_t>(scenario.run.seed);
  options.replicate = settings.replicate;
  options.threads = settings.threads;
  Simulation sim(scenario, options);
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  sim.run([&](std::int64_t done, std::int64_t total) {
    if (show_progress)
      std::fprintf(stderr, "\r[%s] day %lld of %lld (%.0f%%)", scenario.name.c_str(), static_cast<long long>(done),
                   static_cast<long long>(total), 100.0 * static_cast<double>(done) / static_cast<double>(total));
    return true;
  });
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  Outcome out{sim.results(), {}};
  Provenance& p = out.provenance;
  p.version = kVersion;
  p.git_commit = kGitCommit;
  p.date = utc_now();
  p.seed = options.seed;
  p.replicate = options.replicate;
  p.threads = options.threads;
  p.scenario_name = scenario.name;
  p.scenario_text = scenario.source_text;
  p.complete = sim.finished();
  return out;
}

}  // namespace kyosei::cli
