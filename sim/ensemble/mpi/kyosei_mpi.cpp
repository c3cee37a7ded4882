// kyosei-mpi: sweeps, regions and sensitivity studies under mpirun (mpi_executor.hpp).
//
//   mpirun -n 64 kyosei-mpi sweep scenarios/sweep_outreach.yaml -o results/outreach
//   mpirun -n 64 kyosei-mpi region scenarios/regions/japan_synthetic.yaml -o results/japan
//   mpirun -n 64 kyosei-mpi sensitivity scenarios/sensitivity/morris_levers.yaml -o results/morris
//
// Same plans, manifest, resumption and summary tables as `kyosei sweep` and `kyosei region`; the
// summary is the same byte for byte whatever the number of ranks. Exit codes as kyosei's: 0
// success, 1 internal error, 2 bad input (or an MPI that grants less than MPI_THREAD_FUNNELED),
// 3 output refused or failed. A rank killed (scancel, the job's time limit) kills the job through
// mpirun; the manifest keeps every run recorded before, and the same command resumes. Only rank 0
// prints.
#include <CLI/CLI.hpp>
#include <mpi.h>

#include <iostream>
#include <new>
#include <sstream>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/region.hpp"
#include "kyosei/ensemble/sensitivity.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "kyosei/version.hpp"
#include "mpi_executor.hpp"

namespace {

struct Settings {
  std::string file, output;
  bool force = false;
  int run_threads = 1;
};

// Runs `body`, turning errors into kyosei's exit codes; the message, if any, into `message`.
template <class Body>
int guarded(Body&& body, std::string& message) {
  try {
    return body();
  } catch (const kyosei::ScenarioError& e) {
    message = e.what();
    return 2;
  } catch (const kyosei::UsageError& e) {
    message = e.what();
    return 2;
  } catch (const kyosei::ResourceError& e) {
    message = e.what();
    return 2;
  } catch (const kyosei::OutputError& e) {
    message = e.what();
    return 3;
  } catch (const std::bad_alloc&) {
    message = "out of memory";
    return 1;
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
    return 1;
  }
}

std::uint64_t plan_hash(const kyosei::RunPlan& plan) {
  std::uint64_t h = plan.runs.size();
  for (const auto& run : plan.runs) h = kyosei::splitmix64(h ^ run.fingerprint);
  return h;
}

int main_mpi(int argc, char** argv, int rank, int size) {
  CLI::App app{
      "kyosei-mpi: sweeps, regions and sensitivity studies under mpirun (a manager rank hands runs to the others)"};
  app.set_version_flag("--version", std::string("kyosei-mpi ") + kyosei::kVersion);
  app.require_subcommand(1);
  Settings s;
  CLI::App* sweep = app.add_subcommand("sweep", "Run a sweep file into a directory (as kyosei sweep)");
  sweep->add_option("sweep", s.file, "Sweep file (YAML)")->required();
  CLI::App* region = app.add_subcommand("region", "Run a region file into a directory (as kyosei region)");
  region->add_option("region", s.file, "Region file (YAML)")->required();
  CLI::App* sensitivity =
      app.add_subcommand("sensitivity", "Run a sensitivity file into a directory (as kyosei sensitivity)");
  sensitivity->add_option("file", s.file, "Sensitivity file (YAML)")->required();
  for (CLI::App* cmd : {sweep, region, sensitivity}) {
    cmd->add_option("-o,--output-dir", s.output, "Output directory (on a file system every rank sees)")->required();
    cmd->add_flag("--force", s.force, "Start over: remove the manifest, summaries and run files that DIR holds");
    cmd->add_option("--threads", s.run_threads, "OpenMP threads inside each run (default 1)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--run-threads", s.run_threads, "Deprecated: the old name of --threads")
        ->each([](const std::string&) {
          std::cerr << "kyosei-mpi: warning: --run-threads is deprecated; use --threads\n";
        });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    const int code = app.exit(e, out, err);
    if (rank == 0) std::cout << out.str(), std::cerr << err.str();
    return code == 0 ? 0 : 2;
  }

  // Every rank expands the plan; all go on only if all could.
  kyosei::SensitivityStudy study;  // a sensitivity file's; its plan is copied to `plan`
  kyosei::RunPlan plan;
  std::string message;
  int code = guarded(
      [&] {
        if (*sensitivity) {
          study = kyosei::load_sensitivity(s.file);
          plan = study.plan;
        } else {
          plan = *sweep ? kyosei::load_sweep(s.file) : kyosei::load_region(s.file);
        }
        return 0;
      },
      message);
  int worst = 0;
  MPI_Allreduce(&code, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (worst != 0) {
    if (rank == 0) std::cerr << "error: " << (code != 0 ? message : "another rank could not read " + s.file) << '\n';
    return worst;
  }
  std::uint64_t hash = plan_hash(plan), manager_hash = hash;
  MPI_Bcast(&manager_hash, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  int differs = manager_hash != hash, any_differs = 0;
  MPI_Allreduce(&differs, &any_differs, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (any_differs) {
    if (rank == 0)
      std::cerr << "error: the ranks expanded " << s.file
                << " to different plans (different files or kyosei versions on the nodes?)\n";
    return 2;
  }

  if (rank != 0) {
    kyosei::mpi::serve(MPI_COMM_WORLD, plan, kyosei::run_directory(s.output), s.run_threads);
    return 0;
  }
  for (const std::string& note : plan.notes) std::cerr << "note: " << note << '\n';
  kyosei::mpi::ManagerExecutor executor(MPI_COMM_WORLD);
  kyosei::EnsembleOptions options;
  options.directory = s.output;
  options.force = s.force;
  options.execute.run_threads = s.run_threads;
  const std::size_t every = std::max<std::size_t>(1, (plan.runs.size() + 19) / 20);
  options.progress = [&](std::size_t done, std::size_t total, const kyosei::RunRecord& r) {
    if (total <= 20 || done % every == 0 || done == total)
      std::cerr << "[" << plan.name << "] " << done << " of " << total << " runs (" << plan.runs[r.run].id
                << " on rank " << r.worker << ": " << r.wall_s << " s)\n";
  };
  code = guarded(
      [&] {
        const kyosei::EnsembleReport report = kyosei::run_ensemble(plan, options, executor);
        std::cerr << kyosei::describe_report(plan, report, options, executor);
        if (*sensitivity && report.complete) std::cout << kyosei::write_sensitivity(study, report.records, s.output);
        return 0;
      },
      message);
  executor.release_workers();
  if (code != 0) std::cerr << "error: " << message << '\n';
  (void)size;
  return code;
}

const char* thread_level_name(int level) {
  if (level == MPI_THREAD_SINGLE) return "MPI_THREAD_SINGLE";
  if (level == MPI_THREAD_FUNNELED) return "MPI_THREAD_FUNNELED";
  if (level == MPI_THREAD_SERIALIZED) return "MPI_THREAD_SERIALIZED";
  return "MPI_THREAD_MULTIPLE";
}

}  // namespace

int main(int argc, char** argv) {
  // Only the main thread of a rank calls MPI, but a rank has other threads: rank 0 runs runs on a
  // thread of its own and every run may use OpenMP threads (--run-threads). MPI_THREAD_FUNNELED
  // is what allows that; an MPI built without thread support grants less, and is refused.
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (provided < MPI_THREAD_FUNNELED) {
    if (rank == 0)
      std::cerr << "error: this MPI grants only " << thread_level_name(provided) << " and kyosei-mpi needs "
                << "MPI_THREAD_FUNNELED (rank 0 runs runs on a second thread, runs use OpenMP threads); build "
                << "kyosei-mpi with an MPI built with thread support (docs/cluster.md)\n";
    MPI_Finalize();
    return 2;
  }
  const int code = main_mpi(argc, argv, rank, size);
  MPI_Finalize();
  return code;
}
