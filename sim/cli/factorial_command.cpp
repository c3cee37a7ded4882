// `kyosei factorial LOW HIGH`: the 2^k factorial experiment over the levers that differ between
// two scenarios, printed as a table of effects (or JSON).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "factorial_command.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/factorial.hpp"
#include "kyosei/model/params.hpp"
#include "progress.hpp"

namespace kyosei::cli {
namespace {

bool differs(const Lever& lever, const Scenario& low, const Scenario& high) {
  const FactorialDesign probe{low, high, {lever}, 1, 0, 0};
  const Scenario moved = factorial_cell(probe, 1);
  for (const ParamSpec& spec : parameter_table())
    if (spec.get(moved) != spec.get(low)) return true;
  return false;
}

std::vector<Lever> chosen_levers(const std::vector<std::string>& names, const Scenario& low, const Scenario& high) {
  std::vector<Lever> out;
  for (const Lever& lever : juso_levers()) {
    const bool named = std::find(names.begin(), names.end(), lever.name) != names.end();
    if (names.empty() ? differs(lever, low, high) : named) out.push_back(lever);
  }
  for (const std::string& name : names) {
    const auto known = juso_levers();
    if (std::none_of(known.begin(), known.end(), [&](const Lever& l) { return l.name == name; }))
      throw UsageError("unknown lever '" + name + "' (expected intake, handoff, outreach, participation, community or collaboration)");
  }
  if (out.empty()) throw UsageError("the two scenarios differ in no lever: nothing to attribute");
  return out;
}

std::string cell(double mean, double se, const std::string& unit) {
  char buffer[64];
  if (!std::isfinite(mean)) return "-";
  const double scale = unit == "share" ? 100.0 : 1.0;
  const char* suffix = unit == "share" ? " pt" : "";
  if (std::isfinite(se)) std::snprintf(buffer, sizeof buffer, "%+.2f ± %.2f%s", mean * scale, se * scale, suffix);
  else std::snprintf(buffer, sizeof buffer, "%+.2f%s", mean * scale, suffix);
  return buffer;
}

std::string as_table(const FactorialResult& r) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"effect"};
  for (const auto& o : r.outcomes) header.push_back(o.name + (o.unit == "day" ? " (days)" : ""));
  rows.push_back(header);
  for (const FactorialEffect& e : r.effects) {
    std::vector<std::string> row = {e.name};
    for (std::size_t o = 0; o < r.outcomes.size(); ++o) row.push_back(cell(e.mean[o], e.stderr_[o], r.outcomes[o].unit));
    rows.push_back(row);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out << (c == 0 ? row[c] + std::string(width[c] - row[c].size(), ' ') : "  " + std::string(width[c] - row[c].size(), ' ') + row[c]);
    out << '\n';
  }
  return out.str();
}

std::string as_json(const FactorialResult& r) {
  std::ostringstream out;
  auto number = [&](double v) { if (std::isfinite(v)) out << v; else out << "null"; };
  out << "{\"runs\": " << r.runs << ", \"effects\": [";
  for (std::size_t i = 0; i < r.effects.size(); ++i) {
    out << (i ? ",\n" : "\n") << "  {\"effect\": \"" << r.effects[i].name << "\"";
    for (std::size_t o = 0; o < r.outcomes.size(); ++o) {
      out << ", \"" << r.outcomes[o].name << "\": ";
      number(r.effects[i].mean[o]);
      out << ", \"" << r.outcomes[o].name << "_se\": ";
      number(r.effects[i].stderr_[o]);
    }
    out << "}";
  }
  out << "\n]}\n";
  return out.str();
}

}  // namespace

void add_factorial_command(CLI::App& app, FactorialSettings& f, RunSettings& s) {
  CLI::App* cmd = app.add_subcommand("factorial",
      "Attribute the change from LOW to HIGH to each lever and pair of levers (2^k runs per replicate, common random numbers)");
  f.command = cmd;
  cmd->add_option("low", f.low, "Scenario with the levers off (e.g. scenarios/silo.yaml)")->required();
  cmd->add_option("high", f.high, "Scenario with the levers on (e.g. scenarios/full_juso.yaml)")->required();
  cmd->add_option("--levers", f.levers, "Levers to vary (default: those that differ): intake, handoff, outreach, participation, community, collaboration")->delimiter(',');
  cmd->add_option("--replicates", f.replicates, "Replicates per cell")->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", s.seed, "Seed");
  cmd->add_option("--threads", s.threads, "OpenMP threads (0: all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--set", s.overrides, "Override a parameter in both scenarios")->type_name("KEY=VALUE");
  cmd->add_flag("--json", s.json, "Print the effects as JSON");
}

int command_factorial(const FactorialSettings& f, const RunSettings& s) {
  FactorialDesign design;
  design.low = load_with_overrides(f.low, s.overrides);
  design.high = load_with_overrides(f.high, s.overrides);
  design.levers = chosen_levers(f.levers, design.low, design.high);
  design.replicates = f.replicates;
  design.seed = s.seed ? s.seed : static_cast<std::uint64_t>(design.low.run.seed);
  design.threads = s.threads;
  long long days = 0;
  for (std::uint32_t cell = 0; cell < (1u << design.levers.size()); ++cell) {
    const Scenario scenario = factorial_cell(design, cell);
    days += (scenario.run.burn_in_days + scenario.run.horizon_days) * design.replicates;
  }
  install_interrupt_handlers();
  Progress progress("factorial", "days", days);
  FactorialHooks hooks;
  hooks.after_day = [&] {
    progress.advance();
    return interrupt_signal() == 0;
  };
  // A factorial keeps nothing but its effects, which need every run: while a population is being
  // built, a signal ends it at once; during a run, at the end of the day.
  hooks.building = [&](const Scenario& scenario) { announce_population(&progress, scenario, false); };
  hooks.built = [&](const Scenario& scenario) {
    exit_at_once_on_signal(false);
    announce_population(&progress, scenario, true);
  };
  hooks.run_done = [](std::size_t, std::size_t) { exit_at_once_on_signal(true); };
  exit_at_once_on_signal(true);
  const FactorialResult result = run_factorial(design, hooks);
  exit_at_once_on_signal(false);
  progress.finish();
  if (!result.complete()) {
    const int signal = interrupt_signal();
    std::cerr << "kyosei: interrupted by " << signal_name(signal)
              << " during run " << result.runs + 1 << " of " << result.planned << "; the effects need every run, so "
              << "none are printed, and a factorial writes no files: nothing was saved\n";
    return 128 + signal;
  }
  if (s.json) {
    std::cout << as_json(result);
    return 0;
  }
  std::cout << design.low.name << " -> " << design.high.name << ": " << design.levers.size() << " levers, "
            << design.replicates << " replicates, " << result.runs << " runs, seed " << design.seed << "\n"
            << "Main effect: mean with the lever on minus mean with it off, over the other levers' "
               "combinations; A x B: half the change of A's effect when B is on. ± one standard error "
               "over replicates.\n\n"
            << as_table(result);
  return 0;
}

}  // namespace kyosei::cli
