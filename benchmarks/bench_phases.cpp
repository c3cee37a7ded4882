// Per-phase benchmark (docs/performance.md): builds a municipality once, runs a burn-in, then
// times one day phase at a time over simulated days. Every phase of a day runs (only the one
// benchmarked is timed), so each phase sees the State a whole run would give it. Reports the events
// its calendar handed out per day, the work measure of the bytes-per-event analysis. Also times the
// construction: each step that builds the population and its ties, the four together, and the
// whole initialisation, on a fresh State each time (fresh memory, as a run meets it).
//   build/benchmarks/kyosei_bench_phases [--benchmark_filter=...]
// Environment: KYOSEI_BENCH_RESIDENTS (default 100000), KYOSEI_BENCH_SCENARIO (default silo).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "model/construction.hpp"
#include "model/context.hpp"
#include "model/phase_table.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/ties.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "model/step.hpp"

namespace kyosei {
namespace {

constexpr Day kBurnInDays = 365;
constexpr Day kTimedDays = 365;  // one iteration is one simulated day

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

struct Built {
  Scenario scenario;
  State state;
};

// The scenario benchmarked, at the size asked for, with its own run length.
Scenario municipality() {
  Scenario s =
      load_scenario(std::string(KYOSEI_SOURCE_DIR) + "/scenarios/" + env_or("KYOSEI_BENCH_SCENARIO", "silo") + ".yaml");
  s.population.residents = std::stoll(env_or("KYOSEI_BENCH_RESIDENTS", "100000"));
  return s;
}

// The municipality after the burn-in, built once and copied for each phase.
const Built& built() {
  static const std::unique_ptr<Built> b = [] {
    auto out = std::make_unique<Built>();
    out->scenario = municipality();
    out->scenario.run.burn_in_days = 0;
    out->scenario.run.horizon_days = kBurnInDays + kTimedDays * 16;  // room for every benchmark
    const Context ctx{out->scenario, RngKey{1, 0}, 1};
    initialise(ctx, {Epoch{0, out->scenario}}, out->state);
    while (out->state.today < kBurnInDays) step_day(ctx, out->state);
    return out;
  }();
  return *b;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_phase(benchmark::State& bench, const Phase& timed) {
  const Built& b = built();
  State st = b.state;
  const Context ctx{b.scenario, RngKey{1, 0}, static_cast<int>(bench.range(0))};
  const std::int64_t events_before = timed.events ? timed.events(st) : 0;
  for (auto _ : bench) {
    for (const Phase& p : kDayPhases) {
      if (p.run != timed.run) {
        p.run(ctx, st);
        continue;
      }
      // Manual timing: pausing the benchmark's own timer costs more than the small phases.
      const auto start = std::chrono::steady_clock::now();
      p.run(ctx, st);
      bench.SetIterationTime(seconds_since(start));
    }
    ++st.today;
  }
  const double days = static_cast<double>(bench.iterations());
  const double residents = static_cast<double>(st.totals.alive);
  if (timed.events) {
    const auto events = static_cast<double>(timed.events(st) - events_before);
    bench.counters["events_per_day"] = events / days;
    bench.counters["events_per_resident_day"] = events / days / residents;
  }
  bench.counters["resident_days_per_s"] = benchmark::Counter(days * residents, benchmark::Counter::kIsRate);
}

using BuildStep = void (*)(const Context&, State&);
struct BuildEntry {
  const char* name;
  BuildStep run;
};

// The steps of initialise (initialise.cpp) that build the population and its ties, in its order.
const BuildEntry kBuildSteps[] = {
    {"population", build_population},
    {"conditions", seed_conditions},
    {"ties", build_ties},
    {"tie_start", start_ties},
};

// One construction step timed (every earlier one run untimed before it), or with `timed` null the
// four together.
void BM_build_step(benchmark::State& bench, const BuildEntry* timed) {
  const Scenario scenario = municipality();
  const Context ctx{scenario, RngKey{1, 0}, static_cast<int>(bench.range(0))};
  for (auto _ : bench) {
    State st;
    start_clock(ctx, st);
    double seconds = 0;
    for (const BuildEntry& step : kBuildSteps) {
      const auto start = std::chrono::steady_clock::now();
      step.run(ctx, st);
      if (timed == nullptr || timed == &step) seconds += seconds_since(start);
    }
    bench.SetIterationTime(seconds);
  }
  bench.counters["residents"] = static_cast<double>(scenario.population.residents);
}

// The whole initialisation, as a Simulation's constructor runs it: besides the population and its
// ties, the agencies, places and registrations, every first life event and the needs open at the
// start.
void BM_build_all(benchmark::State& bench) {
  const Scenario scenario = municipality();
  const Context ctx{scenario, RngKey{1, 0}, static_cast<int>(bench.range(0))};
  for (auto _ : bench) {
    State st;
    const auto start = std::chrono::steady_clock::now();
    initialise(ctx, {Epoch{0, scenario}}, st);
    bench.SetIterationTime(seconds_since(start));
  }
  bench.counters["residents"] = static_cast<double>(scenario.population.residents);
}

constexpr int kBuildIterations = 3;  // a construction of a million residents takes seconds

const int kRegistered = [] {
  for (const Phase& p : kDayPhases)
    benchmark::RegisterBenchmark(("phase/" + std::string(p.name)).c_str(), BM_phase, p)
        ->Arg(1)
        ->Arg(2)
        ->ArgName("threads")
        ->Iterations(kTimedDays)
        ->Unit(benchmark::kMicrosecond)
        ->UseManualTime();
  const auto per_build = [](benchmark::internal::Benchmark* b) {
    b->Arg(1)->Arg(2)->ArgName("threads")->Iterations(kBuildIterations)->Unit(benchmark::kMillisecond)->UseManualTime();
  };
  for (const BuildEntry& step : kBuildSteps)
    per_build(benchmark::RegisterBenchmark((std::string("build/") + step.name).c_str(), BM_build_step, &step));
  per_build(benchmark::RegisterBenchmark("build/population_and_ties", BM_build_step, nullptr));
  per_build(benchmark::RegisterBenchmark("build/initialise", BM_build_all));
  return 0;
}();

}  // namespace
}  // namespace kyosei

BENCHMARK_MAIN();
