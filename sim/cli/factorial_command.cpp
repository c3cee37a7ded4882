// `kyosei factorial LOW HIGH`: the 2^k factorial experiment over the levers that differ between
// two scenarios, printed as a table of effects (or JSON).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <utility>

#include "exit_codes.hpp"
#include "factorial_command.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "kyosei/io/output_check.hpp"
#include "kyosei/run/factorial.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "progress.hpp"

namespace kyosei::cli {
namespace {

namespace fs = std::filesystem;

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
      throw UsageError("unknown lever '" + name +
                       "' (expected intake, handoff, outreach, participation, community or collaboration)");
  }
  if (out.empty()) throw UsageError("the two scenarios differ in no lever: nothing to attribute");
  return out;
}

// An effect as the other tables show a change (format_change), ± its standard error.
std::string cell(double mean, double se, const std::string& unit) {
  if (!std::isfinite(mean)) return "-";
  if (!std::isfinite(se)) return format_change(mean, unit);
  return format_change(mean, unit) + " ± " + format_change(se, unit).substr(1);  // the error without its sign
}

std::string as_table(const FactorialResult& r) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"effect"};
  for (const auto& o : r.outcomes) header.push_back(o.name + (o.unit == "day" ? " (days)" : ""));
  rows.push_back(header);
  for (const FactorialEffect& e : r.effects) {
    std::vector<std::string> row = {e.name};
    for (std::size_t o = 0; o < r.outcomes.size(); ++o)
      row.push_back(cell(e.mean[o], e.stderr_[o], r.outcomes[o].unit));
    rows.push_back(row);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out << (c == 0 ? row[c] + std::string(width[c] - row[c].size(), ' ')
                     : "  " + std::string(width[c] - row[c].size(), ' ') + row[c]);
    out << '\n';
  }
  return out.str();
}

std::string as_json(const FactorialResult& r) {
  std::ostringstream out;
  auto number = [&](double v) {
    if (std::isfinite(v))
      out << v;
    else
      out << "null";
  };
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

// The runs of a factorial, replicate-major as run_factorial runs them: run k is cell k % 2^levers
// of replicate k / 2^levers.
struct Runs {
  const FactorialDesign& design;
  std::size_t cells() const { return std::size_t{1} << design.levers.size(); }
  std::size_t size() const { return cells() * static_cast<std::size_t>(design.replicates); }
  std::size_t index(std::uint32_t cell, int replicate) const {
    return static_cast<std::size_t>(replicate) * cells() + cell;
  }
  std::uint32_t cell_of(std::size_t k) const { return static_cast<std::uint32_t>(k % cells()); }
  int replicate_of(std::size_t k) const { return static_cast<int>(k / cells()); }
  std::string name(std::size_t k) const { return factorial_cell(design, cell_of(k)).name; }
  std::string label(std::size_t k) const { return name(k) + " replicate " + std::to_string(replicate_of(k)); }
};

// DIR/<low name>+<cell>[.r<replicate>].h5 for each run, in run order (replicate_file).
std::vector<std::string> run_files(const Runs& runs, const std::string& directory) {
  std::vector<std::string> files;
  for (std::size_t k = 0; k < runs.size(); ++k)
    files.push_back(replicate_file(directory, runs.name(k), static_cast<std::uint32_t>(runs.replicate_of(k)), 0,
                                   runs.design.replicates));
  return files;
}

// What the runs of an interrupted factorial had done: finished (their files pending) and the one
// stopped part-way, saved as incomplete files; a factorial without -o saves nothing.
int report_interrupted(const FactorialResult& result, const Runs& runs, const std::vector<std::string>& outputs,
                       const std::vector<std::string>& pending,
                       const std::optional<std::pair<std::size_t, Outcome>>& stopped, bool force) {
  const int signal = interrupt_signal();
  if (outputs.empty()) {
    std::cerr << "kyosei: interrupted by " << signal_name(signal) << " during run " << result.runs + 1 << " of "
              << result.planned << "; the effects need every run, so none are printed, and a factorial without -o "
              << "writes no files: nothing was saved\n";
    return 128 + signal;
  }
  std::vector<StartedRun> started;
  for (std::size_t k = 0; k < result.runs; ++k) started.push_back({nullptr, outputs[k], runs.label(k), pending[k]});
  if (stopped) started.push_back({&stopped->second, outputs[stopped->first], runs.label(stopped->first), ""});
  const int code = save_interrupted(started, runs.size() - started.size(), force);
  std::cerr << "kyosei: the effects need every run, so none are printed and no factorial.json was written; the same "
               "command runs the factorial again from the start\n";
  return code;
}

}  // namespace

void add_factorial_command(CLI::App& app, FactorialSettings& f, RunSettings& s) {
  CLI::App* cmd = app.add_subcommand("factorial",
                                     "Attribute the change from LOW to HIGH to each lever and pair of levers (2^k runs "
                                     "per replicate, common random numbers)");
  f.command = cmd;
  cmd->add_option("low", f.low, "Scenario with the levers off (e.g. scenarios/silo.yaml)")->required();
  cmd->add_option("high", f.high, "Scenario with the levers on (e.g. scenarios/full_juso.yaml)")->required();
  cmd->add_option("--levers", f.levers,
                  "Levers to vary (default: those that differ): intake, handoff, outreach, participation, community, "
                  "collaboration")
      ->delimiter(',');
  cmd->add_option("--replicates", f.replicates, "Replicates per cell")->check(CLI::Range(1, 1000));
  cmd->add_option("-o,--output-dir", f.directory,
                  "Directory for each run's result file (<low name>+<cell>.r<k>.h5; the cell's bit j set: lever j "
                  "of --levers on) and the effects (factorial.json); none written if omitted");
  cmd->add_option("--seed", s.seed, "Seed");
  cmd->add_option("--threads", s.threads, "OpenMP threads (0: all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--set", s.overrides, "Override a parameter in both scenarios")->type_name("KEY=VALUE");
  cmd->add_flag("--force", s.force, "Overwrite existing result files");
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
  const Runs runs{design};
  long long days = 0;
  double bytes = 0;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const Scenario scenario = factorial_cell(design, runs.cell_of(k));
    days += scenario.run.burn_in_days + scenario.run.horizon_days;
    bytes += estimate_resources(scenario).file_bytes;
  }
  // Checked before the work: one plain file name each, none overwritten without --force.
  std::vector<std::string> outputs, pending;
  const std::string effects = f.directory.empty() ? "" : (fs::path(f.directory) / "factorial.json").string();
  if (!f.directory.empty()) {
    outputs = run_files(runs, f.directory);
    check_output_directory(f.directory, bytes);
    for (const std::string& out : outputs) check_output_path(out, 0, s.force);
    check_output_path(effects, 0, s.force);
    for (const std::string& out : outputs) pending.push_back(pending_path(out));
  }

  install_interrupt_handlers();
  Progress progress("factorial", "days", days);
  FactorialHooks hooks;
  // A signal stops the factorial within a day, or while a population is being built.
  hooks.stop = [] { return interrupt_signal() != 0; };
  hooks.after_day = [&] { progress.advance(); };
  hooks.building = [&](const Scenario& scenario) { announce_population(&progress, scenario, false); };
  hooks.built = [&](const Scenario& scenario) { announce_population(&progress, scenario, true); };
  // Each finished run is written as it finishes, under its pending name: it is kept, whole,
  // whatever happens to the runs after it.
  hooks.run_done = [&](std::uint32_t cell, int replicate, const Simulation& sim) {
    if (pending.empty()) return;
    const Outcome outcome = outcome_of(sim, 0);
    keep_finished_run(pending[runs.index(cell, replicate)], outcome.results, outcome.provenance);
  };
  std::optional<std::pair<std::size_t, Outcome>> stopped;
  hooks.stopped = [&](std::uint32_t cell, int replicate, const Simulation& sim) {
    if (!pending.empty()) stopped.emplace(runs.index(cell, replicate), outcome_of(sim, interrupt_signal()));
  };
  FactorialResult result;
  try {
    result = run_factorial(design, hooks);
  } catch (...) {
    remove_files(pending);
    throw;
  }
  progress.finish();
  if (!result.complete()) return report_interrupted(result, runs, outputs, pending, stopped, s.force);

  // All the runs take their names, or none (a mount gone): then they stay whole under their
  // pending names, and the effects are printed all the same.
  bool named = true;
  try {
    for (const std::string& out : outputs) check_writable(out, s.force);
    for (std::size_t k = 0; k < outputs.size(); ++k) move_result_file(pending[k], outputs[k], s.force);
    if (!effects.empty()) write_text_file(effects, as_json(result));
  } catch (const OutputError& e) {
    named = false;
    std::cerr << "kyosei: error: " << e.what() << '\n';
    for (std::size_t k = 0; k < outputs.size(); ++k)
      if (fs::exists(pending[k])) std::cerr << "kyosei: " << runs.label(k) << " is kept in " << pending[k] << '\n';
  }
  if (s.json) {
    std::cout << as_json(result);
  } else {
    std::cout << design.low.name << " -> " << design.high.name << ": " << design.levers.size() << " levers, "
              << design.replicates << " replicates, " << result.runs << " runs, seed " << design.seed << ", "
              << population_and_horizon(design.low) << "\n"
              << "Main effect: mean with the lever on minus mean with it off, over the other levers' "
                 "combinations; A x B: half the change of A's effect when B is on. ± one standard error "
                 "over replicates.\n\n"
              << as_table(result);
  }
  if (!named) return kOutputFailed;
  if (!effects.empty() && !s.json) std::cerr << "wrote " << outputs.size() << " run files and " << effects << '\n';
  return kSuccess;
}

}  // namespace kyosei::cli
