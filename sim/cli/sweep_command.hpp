#pragma once
// `kyosei sweep SWEEP.yaml -o DIR`: a sweep file expanded to a run plan and run on threads of this
// machine, resumable (sweep.hpp). `kyosei region` (region_command.hpp) shares the options and the
// driver. Under MPI, kyosei-mpi runs the same plans (sim/ensemble/mpi).
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "cli.hpp"
#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::cli {

struct EnsembleSettings {
  CLI::App* command = nullptr;
  std::string file;    // the sweep or region file
  std::string output;  // DIR
  int jobs = 0;        // --jobs: runs at once (0: one per core)
  bool jobs_given = false;
  int run_threads = 1;   // --threads: OpenMP threads inside each run
  std::string shard;     // --shard K/N
  bool dry_run = false;  // --dry-run: print the plan, run nothing
};

// Adds a command that runs the plan of one file into a directory (sweep, region, sensitivity):
// the file argument and the ensemble options (--force binds run.force, as for run and compare).
void add_plan_command(CLI::App& app, const std::string& name, const std::string& description,
                      const std::string& file_help, EnsembleSettings& settings, RunSettings& run);

// Runs a plan into settings.output with the threaded executor: progress on stderr, the report,
// and 128 + N after signal N (the finished runs stay recorded; the same command resumes).
// `complete` is called with the report once every run of the plan has finished.
int run_plan_command(const RunPlan& plan, const EnsembleSettings& settings, const RunSettings& run,
                     const std::function<void(const EnsembleReport&)>& complete = {});

void add_sweep_command(CLI::App& app, EnsembleSettings& settings, RunSettings& run);
int command_sweep(const EnsembleSettings& settings, const RunSettings& run);

}  // namespace kyosei::cli
