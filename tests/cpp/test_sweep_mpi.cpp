// kyosei-mpi under mpirun (sim/ensemble/mpi): the same summary on 1, 2 and 3 ranks as on threads,
// resumption, regions, and bad input. Skipped where kyosei was built without MPI.
#include <gtest/gtest.h>

#include <set>

#include "kyosei/ensemble/region.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;
namespace fs = std::filesystem;

#ifdef KYOSEI_MPI_CLI_PATH
// Open MPI refuses root without these, and more ranks than cores without --oversubscribe; the
// single-copy mechanism is turned off for containers that forbid process_vm_readv.
test::CommandResult mpirun(int ranks, const std::string& args, const ScratchDir& dir,
                           const std::string& launcher_options = "") {
  return test::run_command(
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none '" +
          std::string(KYOSEI_MPIEXEC) + "' -n " + std::to_string(ranks) + " --oversubscribe " + launcher_options +
          " '" + KYOSEI_MPI_CLI_PATH + "' " + args,
      dir);
}

std::string reference_summary(const RunPlan& plan, const ScratchDir& dir, const std::string& name,
                              const std::string& file = "summary.csv") {
  EnsembleOptions options;
  options.directory = dir / name;
  const auto executor = thread_executor(2);
  run_ensemble(plan, options, *executor);
  return test::slurp(dir.path() / name / file);
}

TEST(SweepMpi, SameSummaryOnOneTwoAndThreeRanks) {
  const ScratchDir dir;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(3));
  const std::string reference = reference_summary(load_sweep(dir / "s.yaml"), dir, "threads");
  for (const int ranks : {1, 2, 3}) {
    const std::string out = "ranks" + std::to_string(ranks);
    const auto r = mpirun(ranks, "sweep " + (dir / "s.yaml") + " -o " + (dir / out), dir);
    ASSERT_EQ(r.code, 0) << ranks << " ranks: " << r.err << r.out;
    EXPECT_EQ(test::slurp(dir.path() / out / "summary.csv"), reference) << ranks << " ranks";
    EXPECT_NE(r.err.find("12 finished now (MPI: a manager and " + std::to_string(ranks - 1) + " worker"),
              std::string::npos)
        << r.err;
    // The workers wrote runs too (the manifest's worker column names the rank).
    std::set<std::string> workers;
    std::istringstream manifest(test::slurp(dir.path() / out / "manifest.csv"));
    std::string line;
    std::getline(manifest, line);
    while (std::getline(manifest, line)) {
      std::size_t at = 0;
      for (int field = 0; field < 6; ++field) at = line.find(',', at) + 1;
      workers.insert(line.substr(at, line.find(',', at) - at));
    }
    EXPECT_EQ(workers.size() > 1, ranks > 1) << ranks << " ranks";
  }
}

TEST(SweepMpi, ResumesWhatIsMissing) {
  const ScratchDir dir;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(2));
  const std::string reference = reference_summary(load_sweep(dir / "s.yaml"), dir, "threads");
  auto r = mpirun(2, "sweep " + (dir / "s.yaml") + " -o " + (dir / "out"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* id : {"v0000_r01", "v0002_r00", "v0003_r01"})
    fs::remove(dir.path() / "out/runs" / (std::string(id) + ".h5"));
  fs::remove(dir.path() / "out/summary.csv");
  r = mpirun(3, "sweep " + (dir / "s.yaml") + " -o " + (dir / "out"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("5 had finished before, 3 finished now"), std::string::npos) << r.err;
  EXPECT_EQ(test::slurp(dir.path() / "out/summary.csv"), reference);
}

TEST(SweepMpi, RegionTotalsAsOnThreads) {
  const ScratchDir dir;
  test::write_file(dir.path() / "r.yaml",
                   "scenario: " + test::source_path("scenarios/full_juso.yaml") +
                       "\nset:\n  run.horizon_days: 300\n  run.burn_in_days: 30\nstart_year: 2021\n"
                       "municipalities:\n  - {name: A, population: 5000, adoption_year: 2021}\n"
                       "  - {name: B, population: 1200}\n  - {name: C, population: 2500, adoption_year: 2022}\n");
  const RunPlan plan = load_region(dir / "r.yaml");
  const std::string summary = reference_summary(plan, dir, "threads");
  const std::string total = test::slurp(dir.path() / "threads/total.csv");
  const auto r = mpirun(3, "region " + (dir / "r.yaml") + " -o " + (dir / "mpi"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(test::slurp(dir.path() / "mpi/summary.csv"), summary);
  EXPECT_EQ(test::slurp(dir.path() / "mpi/total.csv"), total);
}

TEST(SweepMpi, SensitivityTableAsOnThreads) {
  const ScratchDir dir;
  test::write_file(dir.path() / "m.yaml",
                   "base: " + test::source_path("scenarios/full_juso.yaml") + "\n" + test::kSmallSet +
                       "morris: {trajectories: 2}\nparameters:\n  outreach.workers: {min: 0, max: 2}\n"
                       "  intake.handoff: [cold, warm]\noutputs: [overall.rmst_days]\n");
  const auto threads = test::run_kyosei("sensitivity " + (dir / "m.yaml") + " -o " + (dir / "threads"), dir);
  ASSERT_EQ(threads.code, 0) << threads.err;
  const auto r = mpirun(3, "sensitivity " + (dir / "m.yaml") + " -o " + (dir / "mpi"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, threads.out);  // the ranking, printed by rank 0
  EXPECT_EQ(test::slurp(dir.path() / "mpi/sensitivity.csv"), test::slurp(dir.path() / "threads/sensitivity.csv"));
}

TEST(SweepMpi, BadInputExitsWithTwoAndExistingResultsWithThree) {
  const ScratchDir dir;
  test::write_file(dir.path() / "bad.yaml", "base: " + test::source_path("scenarios/silo.yaml") + "\nreplicate: 2\n");
  auto r = mpirun(2, "sweep " + (dir / "bad.yaml") + " -o " + (dir / "out"), dir);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("bad.yaml:2:1: replicate: unknown key 'replicate' (did you mean 'replicates'?)"),
            std::string::npos)
      << r.err;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(1));
  test::write_file(dir.path() / "taken/file.txt", "x");
  r = mpirun(2, "sweep " + (dir / "s.yaml") + " -o " + (dir / "taken"), dir);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "taken/runs"));
}
// An MPI without thread support (MPI_THREAD_SINGLE granted; here a preloaded MPI_Init_thread that
// says so) is refused before anything runs: rank 0 runs runs on a second thread.
TEST(SweepMpi, RefusesAnMpiWithoutThreadSupport) {
  const ScratchDir dir;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(1));
  const auto r = mpirun(2, "sweep " + (dir / "s.yaml") + " -o " + (dir / "out"), dir,
                        std::string("-x LD_PRELOAD=") + KYOSEI_THREAD_SINGLE_SHIM);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("error: this MPI grants only MPI_THREAD_SINGLE and kyosei-mpi needs MPI_THREAD_FUNNELED"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}
#else
TEST(SweepMpi, SkippedWithoutMpi) { GTEST_SKIP() << "kyosei was built without MPI (KYOSEI_MPI=OFF or no MPI found)"; }
#endif

}  // namespace
}  // namespace kyosei
