#pragma once
// A 2^k factorial experiment over the jūsō levers: every combination of levers off (the low
// scenario's values) and on (the high scenario's), each run with the same replicate seeds
// (common random numbers), and the change in each outcome attributed to each lever (main effect)
// and to each pair of levers (two-way interaction), with standard errors over replicates.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/run/simulation.hpp"

namespace kyosei {

// A lever: a name and the parameters it moves (a key, or a section ending in '.').
struct Lever {
  std::string name;
  std::vector<std::string> keys;
};

// intake, handoff, outreach, participation, community, collaboration.
std::vector<Lever> juso_levers();

struct FactorialDesign {
  Scenario low;   // every lever off, e.g. scenarios/silo.yaml
  Scenario high;  // every lever on, e.g. scenarios/full_juso.yaml
  std::vector<Lever> levers;
  int replicates = 2;
  std::uint64_t seed = 1;
  int threads = 0;
};

// An outcome of a run that the experiment attributes.
struct FactorialOutcome {
  std::string name;
  std::string unit;
  std::function<double(const Summary&)> value;
};
std::vector<FactorialOutcome> factorial_outcomes();

struct FactorialEffect {
  std::string name;             // "grand mean", "outreach", "outreach x community", ...
  std::vector<double> mean;     // per outcome
  std::vector<double> stderr_;  // per outcome, over replicates (NaN with one replicate)
};

struct FactorialResult {
  std::vector<FactorialOutcome> outcomes;
  std::vector<FactorialEffect> effects;  // grand mean, main effects, two-way interactions; none if stopped
  std::size_t runs = 0;                  // finished runs
  std::size_t planned = 0;               // 2^k x replicates
  bool complete() const { return runs == planned; }
};

// What a caller sees and decides while a factorial runs (all optional). A run is one cell of one
// replicate; its Simulation holds the cell's scenario, seed and replicate.
struct FactorialHooks {
  using RunHook = std::function<void(std::uint32_t cell, int replicate, const Simulation& run)>;
  // Asked while each population is built (RunOptions::stop) and after each simulated day: true
  // stops the experiment there.
  std::function<bool()> stop;
  std::function<void()> after_day;                // after each simulated day
  std::function<void(const Scenario&)> building;  // before each run's population is built
  std::function<void(const Scenario&)> built;     // after it is
  RunHook run_done;                               // after each run that reached its horizon
  RunHook stopped;                                // the run under way when stop said so, if built
};

// The scenario of one cell: `low` with the levers whose bit is set in `cell` moved to `high`.
Scenario factorial_cell(const FactorialDesign& design, std::uint32_t cell);

// Runs 2^k x replicates simulations, one after another. Stopped by hooks.stop, it returns the
// runs finished and no effects (they need every cell).
FactorialResult run_factorial(const FactorialDesign& design, const FactorialHooks& hooks = {});

}  // namespace kyosei
