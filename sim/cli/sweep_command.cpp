// `kyosei sweep`: a sweep file to a run plan, run on this machine's threads into an output
// directory that an interrupted sweep resumes from (sweep.hpp).
#include "sweep_command.hpp"

#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>

#include "kyosei/engine/errors.hpp"
#include "progress.hpp"
#include "kyosei/io/output_check.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei::cli {
namespace {

// "K/N" to shard K of N.
std::pair<int, int> parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  int shard = -1, shards = 0;
  try {
    if (slash != std::string::npos) {
      std::size_t used = 0;
      shard = std::stoi(text.substr(0, slash), &used);
      if (used != slash) shard = -1;
      shards = std::stoi(text.substr(slash + 1), &used);
      if (used != text.size() - slash - 1) shards = 0;
    }
  } catch (const std::exception&) {
    shard = -1;
  }
  if (shard < 0 || shards < 1 || shard >= shards)
    throw UsageError("--shard " + text +
                     " (expected K/N with 0 <= K < N, e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
  return {shard, shards};
}

// The estimated size of the plan's result files, for the check before the work.
double result_bytes(const RunPlan& plan) {
  double bytes = 0;
  for (const PlannedRun& r : plan.runs) bytes += estimate_resources(plan.variants[r.variant].scenario).file_bytes;
  return bytes;
}

}  // namespace

void add_plan_command(CLI::App& app, const std::string& name, const std::string& description,
                      const std::string& file_help, EnsembleSettings& s, RunSettings& run) {
  CLI::App& cmd = *app.add_subcommand(name, description);
  s.command = &cmd;
  cmd.add_option("file", s.file, file_help)->required();
  cmd.add_option("-o,--output-dir", s.output,
                 "Output directory: runs/<run id>.h5, manifest.csv, summary.csv, summary.h5")
      ->required();
  cmd.add_flag("--force", run.force, "Start over: remove the manifest, summaries and run files that DIR holds");
  cmd.add_option("--jobs", s.jobs, "Runs at once on this machine (0: one per core; 1: serial)")
      ->check(CLI::NonNegativeNumber)
      ->each([&s](const std::string&) { s.jobs_given = true; });
  cmd.add_option("--threads", s.run_threads, "OpenMP threads inside each run (default 1)")->check(CLI::PositiveNumber);
  add_deprecated_alias(cmd, "--run-threads", "--threads", s.run_threads);
  cmd.add_option("--shard", s.shard,
                 "Run only shard K of N of the plan (a job array task); a last run without --shard writes the summary")
      ->type_name("K/N");
  cmd.add_flag("--dry-run", s.dry_run, "Print the plan (every run with its parameters and seed) and run nothing");
}

int run_plan_command(const RunPlan& plan, const EnsembleSettings& s, const RunSettings& run,
                     const std::function<void(const EnsembleReport&)>& complete) {
  for (const std::string& note : plan.notes) std::cerr << "note: " << note << '\n';
  if (s.dry_run) {
    std::cout << describe_plan(plan);
    return 0;
  }
  if (s.run_threads > 1 && !s.jobs_given)
    std::cerr << "kyosei: note: --threads " << s.run_threads << " gives each run " << s.run_threads
              << " threads, and as many runs run at once as there are cores; --threads used to mean runs at once, "
                 "which is now --jobs\n";
  install_interrupt_handlers();
  EnsembleOptions options;
  options.directory = s.output;
  options.force = run.force;
  if (!s.shard.empty()) std::tie(options.shard, options.shards) = parse_shard(s.shard);
  check_output_directory(s.output, result_bytes(plan) / options.shards);
  options.execute.run_threads = s.run_threads;
  options.execute.stop = [] { return interrupt_signal() != 0; };
  // Created at the first finished run, which tells how many an earlier call had finished.
  std::optional<Progress> progress;
  std::mutex progress_mutex;
  options.progress = [&](std::size_t done, std::size_t total, const RunRecord&) {
    const std::lock_guard lock(progress_mutex);
    if (!progress) progress.emplace(plan.name, "runs", static_cast<long long>(total), static_cast<long long>(done) - 1);
    progress->advance();
  };
  // A large population takes seconds to build: said on stderr (a state that tests wait for). A
  // signal stops the build there, and a run under way at the end of its day (execute_run).
  options.execute.building = [&](std::size_t run, bool built) {
    const std::string note = population_note(plan.variants[plan.runs[run].variant].scenario, built);
    if (note.empty()) return;
    const std::lock_guard lock(progress_mutex);
    const std::string line = note + " (run " + plan.runs[run].id + ")";
    if (progress)
      progress->note(line);
    else
      std::cerr << line << '\n';
  };
  const auto executor = thread_executor(s.jobs);
  const EnsembleReport report = run_ensemble(plan, options, *executor);
  if (progress) progress->finish();
  std::cerr << describe_report(plan, report, options, *executor);
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << "kyosei: interrupted by " << signal_name(signal) << ": " << report.done << " of " << report.runs
              << " runs have finished and are recorded in "
              << manifest_path(options.directory, options.shard, options.shards)
              << "; the same command runs the rest\n";
    return 128 + signal;
  }
  if (report.complete && complete) complete(report);
  return 0;
}

void add_sweep_command(CLI::App& app, EnsembleSettings& s, RunSettings& run) {
  add_plan_command(
      app, "sweep",
      "Run a sweep file (parameter variations x replicates) into a directory, resuming what an earlier call "
      "left unfinished",
      "Sweep file (YAML; see scenarios/sweep_outreach.yaml)", s, run);
}

int command_sweep(const EnsembleSettings& s, const RunSettings& run) {
  return run_plan_command(load_sweep(s.file), s, run);
}

}  // namespace kyosei::cli
