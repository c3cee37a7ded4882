#pragma once
// One simulated municipality: an immutable Scenario and the mutable State it drives day by day.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kyosei/model/epoch.hpp"
#include "kyosei/model/phase_profile.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/engine/thread_governor.hpp"

namespace kyosei {

struct State;

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint32_t replicate = 0;
  int threads = 0;  // 0: OpenMP's default
  // Each day on one thread instead where the measured days say that is faster, as on a machine
  // whose cores other processes keep busy (thread_governor.hpp); the environment variable
  // KYOSEI_ADAPT_THREADS=0 turns it off too. Results are the same either way.
  bool adapt_threads = true;
  // Asked while the population is built (between the steps of construction, and every 65,536
  // households or residents within the long ones): true abandons the build, and the constructor
  // throws RunStopped (errors.hpp). A signal handler's flag is the usual answer; the results do
  // not depend on it. The day loop is the caller's (step()), and so is its check there.
  std::function<bool()> stop = {};
  // Recorded days, ascending and distinct, within 0 .. run.horizon_days - 1, at whose end the
  // population is saved in the results (Results::snapshots; kyosei run --snapshot-days). A run
  // restored from a checkpoint keeps the days it was saved with.
  std::vector<std::int32_t> snapshot_days = {};
};

// Throws UsageError, its message led by `name` (the option or argument that gave the days), unless
// `days` are ascending, distinct and recorded days of a horizon of `horizon_days`.
void check_snapshot_days(const std::vector<std::int32_t>& days, std::int64_t horizon_days, const std::string& name);

// The OpenMP threads a run with `options` uses: options.threads, or OpenMP's default for 0 (what
// the provenance records).
int threads_to_use(const RunOptions& options);

class Simulation {
public:
  Simulation(const Scenario& scenario, const RunOptions& options);
  // Continues a run from a State saved part-way (checkpoint.hpp) instead of building the
  // population: with the scenario and options it was saved with (threads may differ), the run
  // ends with the results of the uninterrupted one. Throws UsageError when the State's length of
  // run is not the scenario's.
  Simulation(const Scenario& scenario, const RunOptions& options, std::unique_ptr<State> restored);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Days simulated so far, burn-in included, and the total.
  std::int64_t days_done() const;
  std::int64_t days_total() const;
  bool finished() const { return days_done() >= days_total(); }

  // Advances one day. Throws UsageError when the run is finished.
  void step();

  // Records each phase's time and events from the next day on (kyosei run --profile); the
  // results do not change. profile() is null until then.
  void enable_profile();
  const PhaseProfile* profile() const { return profile_.get(); }

  // Runs to the end. `progress(done, total)` is called once a simulated month and may return
  // false to stop early (the results are then marked incomplete by the caller).
  void run(const std::function<bool(std::int64_t, std::int64_t)>& progress = {});

  // The recorded days so far: episode table, series, agencies, summary, snapshots.
  Results results() const;
  // The population now, at the end of the last day simulated (as built before the first): every
  // resident and household, and the tie edge list (docs/outputs.md, "Population snapshots").
  PopulationSnapshot snapshot() const;

  const Scenario& scenario() const { return scenario_; }
  // The parameters in force today (the silo baseline during the burn-in, then the timeline's).
  const Scenario& in_force() const;
  const RunOptions& options() const { return options_; }
  const State& state() const { return *state_; }
  // Days run on fewer threads than asked for, since this object was made.
  std::int64_t days_on_fewer_threads() const { return governor_.days_on_fewer_threads(); }

private:
  void advance();

  Scenario scenario_;
  RunOptions options_;
  std::vector<Epoch> epochs_;
  std::unique_ptr<State> state_;
  ThreadGovernor governor_;
  std::unique_ptr<PhaseProfile> profile_;
};

}  // namespace kyosei
