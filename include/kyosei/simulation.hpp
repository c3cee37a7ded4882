#pragma once
// One simulated municipality: an immutable Scenario and the mutable State it drives day by day.
#include <cstdint>
#include <functional>
#include <memory>

#include "kyosei/results.hpp"
#include "kyosei/scenario.hpp"

namespace kyosei {

struct State;

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint32_t replicate = 0;
  int threads = 0;  // 0: OpenMP's default
};

class Simulation {
public:
  Simulation(const Scenario& scenario, const RunOptions& options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Days simulated so far, burn-in included, and the total.
  std::int64_t days_done() const;
  std::int64_t days_total() const;
  bool finished() const { return days_done() >= days_total(); }

  // Advances one day. Throws UsageError when the run is finished.
  void step();

  // Runs to the end. `progress(done, total)` is called once a simulated month and may return
  // false to stop early (the results are then marked incomplete by the caller).
  void run(const std::function<bool(std::int64_t, std::int64_t)>& progress = {});

  // The recorded days so far: episode table, series, agencies, summary.
  Results results() const;

  const Scenario& scenario() const { return scenario_; }
  const RunOptions& options() const { return options_; }
  const State& state() const { return *state_; }

private:
  Scenario scenario_;
  RunOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace kyosei
