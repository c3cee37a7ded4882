// Whole-run benchmark (issue: engine core, "Speed"): builds the municipality of a scenario, runs
// it to its horizon and prints the throughput in resident-days per second (every simulated day,
// burn-in included) and the peak resident set size per resident. With --csv it appends one row,
// naming the machine, so results can be committed under benchmarks/results/.
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "kyosei/engine/errors.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/model/state.hpp"
#include "kyosei/model/state_layout.hpp"
#include "kyosei/version.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown cpu";
}

// The kernel's transparent huge page mode (the bracketed word of its setting): the engine asks
// for huge pages for its largest arrays, which moves the figures at ten million residents.
std::string huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string setting;
  std::getline(in, setting);
  const auto open = setting.find('['), close = setting.find(']');
  return open != std::string::npos && close > open ? setting.substr(open + 1, close - open - 1) : "unknown";
}

double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kyosei whole-run benchmark"};
  std::string scenario_path = KYOSEI_SOURCE_DIR "/scenarios/silo.yaml", csv;
  std::int64_t residents = 0;
  int threads = 0;
  std::uint64_t seed = 1;
  app.add_option("--scenario", scenario_path, "Scenario file");
  app.add_option("--residents", residents, "Override population.residents");
  app.add_option("--threads", threads, "OpenMP threads (0: all)");
  app.add_option("--seed", seed, "Seed");
  app.add_option("--csv", csv, "Append a row to this CSV file");
  CLI11_PARSE(app, argc, argv);

  kyosei::Scenario scenario;
  try {
    scenario = kyosei::load_scenario(scenario_path);
  } catch (const kyosei::ScenarioError& e) {
    std::fprintf(stderr, "kyosei_bench_run: %s\n", e.what());
    return 2;
  }
  if (residents > 0) scenario.population.residents = residents;
  const auto start = std::chrono::steady_clock::now();
  kyosei::Simulation sim(scenario, kyosei::RunOptions{seed, 0, threads});
  const double build_s = seconds_since(start);
  // The residents built, before the burn-in: the population the figures are per. Counting after
  // the run those born before day 1 would take in every newcomer too (born before they arrive),
  // about 1.38 times as many at a million over twelve years of full_juso.
  const double n = static_cast<double>(sim.state().residents.size());
  sim.run();
  const double total_s = seconds_since(start);
  const kyosei::Results results = sim.results();
  const double resident_days = n * static_cast<double>(sim.days_total());
  const double rate = resident_days / total_s;
  const double bytes_per_resident = peak_rss_bytes() / n;
  const unsigned cores = std::thread::hardware_concurrency();
  // libgomp's wait policy moves the figures at 2 threads a lot (docs/performance.md), so it is
  // recorded with them.
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  const std::string wait_policy = policy != nullptr && *policy != '\0' ? policy : "default";

  std::printf("scenario %s, %.0f residents, %lld days (burn-in included), %d threads\n", scenario.name.c_str(), n,
              static_cast<long long>(sim.days_total()), threads);
  std::printf("build %.3f s, total %.3f s\n", build_s, total_s);
  std::printf("days on fewer threads than asked for (the thread governor): %lld of %lld\n",
              static_cast<long long>(sim.days_on_fewer_threads()), static_cast<long long>(sim.days_total()));
  std::printf("resident-days per second: %.3g\n", rate);
  std::printf("peak memory per resident: %.0f bytes\n", bytes_per_resident);
  // The State's part of it at the end of the run, by group (docs/state.md).
  std::printf("State bytes per resident at the end:");
  for (const kyosei::StateGroupBytes& g : kyosei::state_group_bytes(sim.state()))
    std::printf(" %.*s %.1f", static_cast<int>(g.group.size()), g.group.data(), static_cast<double>(g.bytes) / n);
  std::printf("\n");
  const std::string huge_pages = huge_page_mode();
  std::printf("machine: %s, %u cores, OMP_WAIT_POLICY %s, transparent huge pages %s\n", cpu_model().c_str(), cores,
              wait_policy.c_str(), huge_pages.c_str());
  // Events each calendar handed to its phase (stale ones included), per resident-day: the work
  // measure of the bandwidth analysis in docs/performance.md.
  const auto& c = sim.state().calendars;
  const std::pair<const char*, std::int64_t> calendars[] = {
      {"demography", c.demography.processed()},   {"onset", c.onset.processed()},
      {"progression", c.progression.processed()}, {"detection", c.detection.processed()},
      {"intake", c.intake.processed()},           {"service", c.service.processed()},
      {"outreach", c.outreach.processed()},       {"participation", c.participation.processed()},
      {"community", c.community.processed()},     {"ties", c.ties.processed()}};
  for (const auto& [name, processed] : calendars)
    std::printf("events %-13s %12lld  %.3g per resident-day\n", name, static_cast<long long>(processed),
                static_cast<double>(processed) / resident_days);
  if (!csv.empty()) {
    const bool fresh = !std::ifstream(csv).good();
    std::ofstream out(csv, std::ios::app);
    if (fresh)
      out << "version,commit,scenario,residents,days,threads,build_s,total_s,resident_days_per_s,peak_bytes_per_"
             "resident,cpu,cores,omp_wait_policy,transparent_hugepage\n";
    out << kyosei::kVersion << ',' << kyosei::kGitCommit << ',' << scenario.name << ',' << std::llround(n) << ','
        << sim.days_total() << ',' << threads << ',' << build_s << ',' << total_s << ',' << rate << ','
        << bytes_per_resident << ",\"" << cpu_model() << "\"," << cores << ',' << wait_policy << ',' << huge_pages
        << '\n';
  }
  return 0;
}
