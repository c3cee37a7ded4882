// Running one scenario from the command line: options, overrides, seed, progress, checkpoints,
// provenance.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "cli.hpp"
#include "kyosei/io/checkpoint.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/run/simulation.hpp"
#include "progress.hpp"
#include "kyosei/io/output_check.hpp"

namespace kyosei::cli {

void add_threads_option(CLI::App& app, RunSettings& s) {
  app.add_option("--threads", s.threads, "OpenMP threads (0: all cores)")
      ->check(CLI::NonNegativeNumber)
      ->each([&s](const std::string&) { s.threads_given = true; });
}

void add_deprecated_alias(CLI::App& app, const std::string& old_name, const std::string& new_name, int& value) {
  app.add_option(old_name, value, "Deprecated: the old name of " + new_name)
      ->each([old_name, new_name](const std::string&) {
        std::fprintf(stderr, "kyosei: warning: %s is deprecated and will be removed; use %s\n", old_name.c_str(),
                     new_name.c_str());
      });
}

void add_run_options(CLI::App& app, RunSettings& s) {
  app.add_option("--seed", s.seed, "Random seed (default: the scenario's run.seed)")->each([&s](const std::string&) {
    s.seed_given = true;
  });
  app.add_option("--replicate", s.replicate, "Replicate number: a separate random stream for the same seed");
  add_threads_option(app, s);
  app.add_option("--set", s.overrides, "Override a parameter, e.g. --set intake.mode=integrated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  app.add_flag("--force", s.force, "Overwrite existing result files");
  app.add_flag("--json", s.json, "Print the summary as JSON on stdout instead of a table");
  app.add_flag("--all", s.all_metrics, "Show every summary number, not only the headline metrics");
}

Scenario load_with_overrides(const std::string& path, const std::vector<std::string>& overrides) {
  Scenario scenario = load_scenario(path);
  apply_overrides(scenario, overrides);
  return scenario;
}

std::string result_file_name(const std::string& scenario_name) {
  const bool plain = !scenario_name.empty() && scenario_name != "." && scenario_name != ".." &&
                     scenario_name.find_first_of("/\\") == std::string::npos && scenario_name.size() <= 200;
  if (!plain)
    throw UsageError("the scenario name '" + scenario_name +
                     "' cannot name a result file (expected a plain file name: no '/' or '\\', not '.' or "
                     "'..', at most 200 bytes); change its name: key or give the output file with -o");
  return scenario_name + ".h5";
}

void check_writable(const std::string& path, bool force) {
  if (!force && std::filesystem::exists(path)) throw OutputError(path + ": exists; use --force to overwrite");
}

bool write_result_or_save_elsewhere(const std::string& path, const Outcome& outcome, bool force) {
  const auto write = [&](const std::string& where, bool overwrite) {
    write_results_hdf5(where, outcome.results, outcome.provenance, overwrite);
  };
  try {
    write(path, force);
    return true;
  } catch (const OutputError& e) {
    std::fprintf(stderr, "kyosei: error: %s\n", e.what());
  }
  const std::string saved = save_elsewhere(path, [&](const std::string& where) { write(where, false); });
  std::fprintf(stderr, "kyosei: the results were saved in %s instead; nothing was written to %s\n", saved.c_str(),
               path.c_str());
  return false;
}

void move_result_file(const std::string& from, const std::string& to, bool force) {
  check_writable(to, force);
  std::error_code error;
  std::filesystem::rename(from, to, error);
  if (error) throw OutputError("cannot rename " + from + " to " + to + ": " + error.message());
}

void remove_files(const std::vector<std::string>& paths) {
  std::error_code ignored;
  for (const std::string& path : paths) std::filesystem::remove(path, ignored);
}

std::string population_note(const Scenario& scenario, bool built) {
  constexpr std::int64_t kAnnouncedPopulation = 200'000;  // about a second or more to build
  if (scenario.population.residents < kAnnouncedPopulation) return "";
  if (built) return "kyosei: the population of " + scenario.name + " is built; simulating";
  return "kyosei: building the population of " +
         format_value(static_cast<double>(scenario.population.residents), "person") + " residents of " + scenario.name;
}

void announce_population(Progress* progress, const Scenario& scenario, bool built) {
  const std::string note = population_note(scenario, built);
  if (progress != nullptr && !note.empty()) progress->note(note);
}

Outcome run_scenario(const Scenario& scenario, const RunSettings& settings, const CheckpointPlan& checkpoints,
                     Progress* progress) {
  RunOptions options;
  options.seed = settings.seed_given ? settings.seed : static_cast<std::uint64_t>(scenario.run.seed);
  options.replicate = settings.replicate;
  options.threads = settings.threads;
  options.snapshot_days = settings.snapshot_days;
  announce_population(progress, scenario, false);
  Simulation sim(scenario, options);
  exit_at_once_on_signal(false);  // from now on there are days to save
  announce_population(progress, scenario, true);
  if (settings.profile) sim.enable_profile();
  return continue_run(sim, checkpoints, progress);
}

Outcome continue_run(Simulation& sim, const CheckpointPlan& checkpoints, Progress* progress) {
  const auto say = [progress](const std::string& message) {
    if (progress != nullptr)
      progress->note(message);
    else
      std::fprintf(stderr, "%s\n", message.c_str());
  };
  // A checkpoint that cannot be written (disk full) does not end the run: the run may still
  // reach its horizon, and the previous checkpoint stays intact under its name.
  const auto save = [&] {
    const std::string day = std::to_string(sim.days_done());
    try {
      write_checkpoint(checkpoints.path, sim, checkpoints.output);
      say("kyosei: checkpoint at day " + day + " of " + std::to_string(sim.days_total()) + " saved in " +
          checkpoints.path);
    } catch (const OutputError& e) {
      say("kyosei: warning: no checkpoint at day " + day + ": " + e.what());
    }
  };
  // Day by day rather than Simulation::run, so that a signal stops the run at the end of the day.
  while (!sim.finished() && interrupt_signal() == 0) {
    sim.step();
    if (progress != nullptr) progress->advance();
    if (checkpoints.every_days > 0 && !sim.finished() && sim.days_done() % checkpoints.every_days == 0) save();
  }
  if (checkpoints.every_days > 0 && !sim.finished()) save();  // stopped by a signal: keep the latest day
  return outcome_of(sim, sim.finished() ? 0 : interrupt_signal());
}

Outcome outcome_of(const Simulation& sim, int signal) {
  Outcome out;
  out.results = sim.results();
  out.provenance = provenance_of(sim.scenario(), sim.options(), sim.finished());
  out.signal = signal;
  out.days_done = sim.days_done();
  out.days_total = sim.days_total();
  if (sim.profile()) out.profile = *sim.profile();
  return out;
}

std::string checkpoint_path(const std::string& output) {
  std::filesystem::path p(output);
  if (p.extension() == ".h5") p.replace_extension();
  return p.string() + ".checkpoint.h5";
}

}  // namespace kyosei::cli
