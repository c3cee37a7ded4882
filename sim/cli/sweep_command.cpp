// `kyosei sweep`: a sweep file to a run plan, run on this machine's threads into an output
// directory that an interrupted sweep resumes from (sweep.hpp).
#include "sweep_command.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "kyosei/engine/errors.hpp"

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
    throw UsageError("--shard " + text + " (expected K/N with 0 <= K < N, e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
  return {shard, shards};
}

}  // namespace

void add_plan_command(CLI::App& app, const std::string& name, const std::string& description,
                      const std::string& file_help, EnsembleSettings& s, RunSettings& run) {
  CLI::App& cmd = *app.add_subcommand(name, description);
  s.command = &cmd;
  cmd.add_option("file", s.file, file_help)->required();
  cmd.add_option("-o,--output-dir", s.output, "Output directory: runs/<run id>.h5, manifest.csv, summary.csv, summary.h5")->required();
  cmd.add_flag("--force", run.force, "Start over: remove the manifest, summaries and run files that DIR holds");
  cmd.add_option("--threads", s.jobs, "Runs at once on this machine (0: one per core; 1: serial)")->check(CLI::NonNegativeNumber);
  cmd.add_option("--run-threads", s.run_threads, "OpenMP threads inside each run (default 1)")->check(CLI::PositiveNumber);
  cmd.add_option("--shard", s.shard, "Run only shard K of N of the plan (a job array task); a last run without --shard writes the summary")
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
  install_interrupt_handlers();
  EnsembleOptions options;
  options.directory = s.output;
  options.force = run.force;
  if (!s.shard.empty()) std::tie(options.shard, options.shards) = parse_shard(s.shard);
  options.execute.run_threads = s.run_threads;
  options.execute.stop = [] { return interrupt_signal() != 0; };
  const bool tty = isatty(STDERR_FILENO) != 0;
  options.progress = [tty, &plan](std::size_t done, std::size_t total, const RunRecord& r) {
    const std::string& id = plan.runs[r.run].id;
    if (tty) {
      std::fprintf(stderr, "\r\033[K[%s] %zu of %zu runs (%s: %.2f s)", plan.name.c_str(), done, total, id.c_str(), r.wall_s);
    } else if (total <= 20 || done % ((total + 19) / 20) == 0 || done == total) {
      std::fprintf(stderr, "[%s] %zu of %zu runs (%s: %.2f s)\n", plan.name.c_str(), done, total, id.c_str(), r.wall_s);
    }
  };
  const auto executor = thread_executor(s.jobs);
  const EnsembleReport report = run_ensemble(plan, options, *executor);
  if (tty) std::fprintf(stderr, "\r\033[K");
  std::cerr << describe_report(plan, report, options, *executor);
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << "kyosei: interrupted by " << (signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "a signal") << ": "
              << report.done << " of " << report.runs << " runs have finished and are recorded in "
              << manifest_path(options.directory, options.shard, options.shards)
              << "; the same command runs the rest\n";
    return 128 + signal;
  }
  if (report.complete && complete) complete(report);
  return 0;
}

void add_sweep_command(CLI::App& app, EnsembleSettings& s, RunSettings& run) {
  add_plan_command(app, "sweep",
                   "Run a sweep file (parameter variations x replicates) into a directory, resuming what an earlier call "
                   "left unfinished",
                   "Sweep file (YAML; see scenarios/sweep_outreach.yaml)", s, run);
}

int command_sweep(const EnsembleSettings& s, const RunSettings& run) {
  return run_plan_command(load_sweep(s.file), s, run);
}

}  // namespace kyosei::cli
