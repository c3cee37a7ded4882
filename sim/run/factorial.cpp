// The 2^k factorial experiment over the levers (factorial.hpp). Effects are the usual contrasts
// of a two-level design: a main effect is the mean outcome with the lever on minus the mean with
// it off, over all combinations of the other levers; a two-way interaction is half the difference
// between one lever's effect with the other on and with it off. Each replicate gives one estimate
// (every cell of a replicate shares its seed), and the replicates give the standard error.
#include "kyosei/run/factorial.hpp"

#include <bit>
#include <cmath>
#include <optional>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"

namespace kyosei {
namespace {

bool moves(const Lever& lever, std::string_view path) {
  for (const std::string& key : lever.keys)
    if (key.ends_with('.') ? path.starts_with(key) : path == key) return true;
  return false;
}

// The estimate of effect `mask` (a set of levers) from the cell means of one replicate.
double contrast(const std::vector<double>& cells, std::uint32_t mask, std::size_t levers) {
  double sum = 0;
  for (std::uint32_t cell = 0; cell < cells.size(); ++cell) {
    const bool odd = std::popcount(mask & ~cell) % 2 == 1;  // levers of the effect that are off
    sum += odd ? -cells[cell] : cells[cell];
  }
  return sum / static_cast<double>(std::size_t{1} << (levers - 1));
}

std::string effect_name(const std::vector<Lever>& levers, std::uint32_t mask) {
  std::string name;
  for (std::size_t j = 0; j < levers.size(); ++j)
    if (mask & (1u << j)) name += (name.empty() ? "" : " x ") + levers[j].name;
  return name;
}

}  // namespace

std::vector<Lever> juso_levers() {
  return {{"intake", {"intake.mode"}},   {"handoff", {"intake.handoff"}},
          {"outreach", {"outreach."}},   {"participation", {"participation."}},
          {"community", {"community."}}, {"collaboration", {"collaboration."}}};
}

std::vector<FactorialOutcome> factorial_outcomes() {
  return {
      {"detection_365", "share", [](const Summary& s) { return s.overall.detection_365; }},
      {"detection_median_days", "day", [](const Summary& s) { return s.overall.detection_median_days; }},
      {"gap_detection_365", "share",
       [](const Summary& s) { return s.by_field[static_cast<int>(Field::gap)].detection_365; }},
      {"crisis_365", "share", [](const Summary& s) { return s.overall.crisis_365; }},
      {"isolation", "share", [](const Summary& s) { return s.mean_isolation_residents; }},
      {"cost_yen_per_year", "yen", [](const Summary& s) { return s.cost_yen_per_year; }},
  };
}

Scenario factorial_cell(const FactorialDesign& design, std::uint32_t cell) {
  Scenario s = design.low;
  for (std::size_t j = 0; j < design.levers.size(); ++j) {
    if (!(cell & (1u << j))) continue;
    for (const ParamSpec& spec : parameter_table())
      if (moves(design.levers[j], spec.path)) spec.set(s, spec.get(design.high));
  }
  s.name = design.low.name + "+" + std::to_string(cell);
  return s;
}

FactorialResult run_factorial(const FactorialDesign& design, const FactorialHooks& hooks) {
  const std::size_t k = design.levers.size();
  if (k == 0 || k > 10) throw UsageError("a factorial needs 1 to 10 levers (2^k runs per replicate)");
  if (design.replicates < 1) throw UsageError("a factorial needs at least one replicate");
  FactorialResult result;
  result.outcomes = factorial_outcomes();
  const std::size_t cells = std::size_t{1} << k, outcomes = result.outcomes.size();
  result.planned = cells * static_cast<std::size_t>(design.replicates);
  const auto stopped = [&hooks] { return hooks.stop && hooks.stop(); };
  // values[replicate][outcome][cell]
  std::vector<std::vector<std::vector<double>>> values(
      design.replicates, std::vector<std::vector<double>>(outcomes, std::vector<double>(cells)));
  for (int rep = 0; rep < design.replicates; ++rep)
    for (std::uint32_t cell = 0; cell < cells; ++cell) {
      const Scenario scenario = factorial_cell(design, cell);
      if (hooks.building) hooks.building(scenario);
      RunOptions options{design.seed, static_cast<std::uint32_t>(rep), design.threads};
      options.stop = stopped;
      std::optional<Simulation> built;
      try {
        built.emplace(scenario, options);
      } catch (const RunStopped&) {
        return result;
      }
      Simulation& sim = *built;
      if (hooks.built) hooks.built(scenario);
      while (!sim.finished()) {
        sim.step();
        if (hooks.after_day) hooks.after_day();
        if (!sim.finished() && stopped()) {
          if (hooks.stopped) hooks.stopped(cell, rep, sim);
          return result;
        }
      }
      const Summary summary = sim.results().summary;
      for (std::size_t o = 0; o < outcomes; ++o) values[rep][o][cell] = result.outcomes[o].value(summary);
      ++result.runs;
      if (hooks.run_done) hooks.run_done(cell, rep, sim);
    }

  std::vector<std::uint32_t> masks = {0};
  for (std::size_t a = 0; a < k; ++a) masks.push_back(1u << a);
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = a + 1; b < k; ++b) masks.push_back((1u << a) | (1u << b));
  for (const std::uint32_t mask : masks) {
    FactorialEffect effect{mask == 0 ? "grand mean" : effect_name(design.levers, mask), {}, {}};
    for (std::size_t o = 0; o < outcomes; ++o) {
      double sum = 0, sum2 = 0;
      for (int rep = 0; rep < design.replicates; ++rep) {
        const auto& cell_values = values[rep][o];
        double estimate = 0;
        if (mask == 0) {
          for (double v : cell_values) estimate += v / static_cast<double>(cells);
        } else {
          estimate = contrast(cell_values, mask, k);
        }
        sum += estimate;
        sum2 += estimate * estimate;
      }
      const double n = design.replicates;
      const double mean = sum / n;
      effect.mean.push_back(mean);
      effect.stderr_.push_back(n > 1 ? std::sqrt(std::max(0.0, (sum2 - n * mean * mean) / (n - 1)) / n) : NAN);
    }
    result.effects.push_back(std::move(effect));
  }
  return result;
}

}  // namespace kyosei
