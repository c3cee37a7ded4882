// `kyosei sweep` and `kyosei region` end to end (sweep_command.cpp, region_command.cpp): exit
// codes, messages, and a sweep killed at any point that finishes, when started again, with the
// summary of an uninterrupted sweep.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;
namespace fs = std::filesystem;

// A sweep whose runs take about a tenth of a second each, so that a signal lands mid-sweep.
std::string slow_sweep() {
  return "name: slow\nbase: " + test::source_path("scenarios/lever_outreach.yaml") +
         "\nset:\n  population.residents: 6000\n  run.horizon_days: 400\n  run.burn_in_days: 30\n"
         "vary:\n  grid:\n    outreach.workers: [1, 2, 3, 4]\nreplicates: 4\nseed: 3\n";
}

// Waits until the manifest records `runs` runs or the process ends (a sweep ends by itself, so no
// deadline: a loaded machine only makes the wait longer); true if it is still running.
bool wait_for_runs(const fs::path& manifest, std::size_t runs, pid_t pid) {
  while (!fs::exists(manifest) || test::count_lines(manifest) < runs + 1) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST(SweepCli, WritesTheDirectoryAndRefusesToOverwrite) {
  const ScratchDir dir;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(1));
  auto r = test::run_kyosei("sweep " + (dir / "s.yaml") + " -o " + (dir / "out") + " --jobs 2", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("4 runs; 0 had finished before, 4 finished now"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "out/summary.csv"));
  EXPECT_TRUE(fs::exists(dir.path() / "out/summary.h5"));
  // Started again: nothing to do.
  r = test::run_kyosei("sweep " + (dir / "s.yaml") + " -o " + (dir / "out"), dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("4 had finished before, 0 finished now"), std::string::npos) << r.err;
  // A directory that is not a sweep's: exit code 3, nothing written.
  test::write_file(dir.path() / "other/data.txt", "x");
  r = test::run_kyosei("sweep " + (dir / "s.yaml") + " -o " + (dir / "other"), dir);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "other/runs"));
}

TEST(SweepCli, BadSweepFileExitsWithTwoAndALocatedMessage) {
  const ScratchDir dir;
  test::write_file(dir.path() / "bad.yaml", "base: " + test::source_path("scenarios/silo.yaml") +
                                                "\nvary:\n  grid:\n    outreach.workrs: [1, 2]\n");
  const auto r = test::run_kyosei("sweep " + (dir / "bad.yaml") + " -o " + (dir / "out"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.yaml:4:5: outreach.workrs: unknown parameter"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'outreach.workers'?"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
  EXPECT_EQ(test::run_kyosei("sweep " + (dir / "s.yaml") + " -o " + (dir / "out") + " --shard 3/2", dir).code, 2);
}

TEST(SweepCli, DryRunPrintsThePlanAndWritesNothing) {
  const ScratchDir dir;
  test::write_file(dir.path() / "s.yaml", test::small_sweep(2));
  const auto r = test::run_kyosei("sweep " + (dir / "s.yaml") + " -o " + (dir / "out") + " --dry-run", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("4 variants x 2 replicates = 8 runs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("v0003_r01"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(SweepCli, KilledAtAnyPointAndStartedAgainGivesTheSameSummary) {
  const ScratchDir dir;
  test::write_file(dir.path() / "slow.yaml", slow_sweep());
  auto r = test::run_kyosei("sweep " + (dir / "slow.yaml") + " -o " + (dir / "whole") + " --jobs 2", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string reference = test::slurp(dir / "whole/summary.csv");

  // SIGKILL: no chance to clean up. The runs recorded stay; the rest run on the next call.
  const pid_t killed =
      test::spawn_kyosei({"sweep", dir / "slow.yaml", "-o", dir / "killed", "--jobs", "2"}, "/dev/null", "/dev/null");
  ASSERT_GT(killed, 0);
  const bool running = wait_for_runs(dir.path() / "killed/manifest.csv", 5, killed);
  if (running) kill(killed, SIGKILL);
  int status = 0;
  waitpid(killed, &status, 0);
  EXPECT_TRUE(running) << "the sweep ended before it could be killed";
  EXPECT_FALSE(fs::exists(dir.path() / "killed/summary.csv"));
  r = test::run_kyosei("sweep " + (dir / "slow.yaml") + " -o " + (dir / "killed") + " --jobs 1", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find(" 0 had finished before"), std::string::npos) << r.err;
  EXPECT_EQ(test::slurp(dir / "killed/summary.csv"), reference);

  // SIGTERM: the runs under way are abandoned, exit code 143, and the same command finishes.
  const pid_t stopped =
      test::spawn_kyosei({"sweep", dir / "slow.yaml", "-o", dir / "stopped", "--jobs", "2"}, "/dev/null", "/dev/null");
  ASSERT_GT(stopped, 0);
  if (wait_for_runs(dir.path() / "stopped/manifest.csv", 3, stopped)) {
    kill(stopped, SIGTERM);
    waitpid(stopped, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 143) << status;
    EXPECT_FALSE(fs::exists(dir.path() / "stopped/summary.csv"));
  } else {
    ADD_FAILURE() << "the sweep ended before SIGTERM";
  }
  r = test::run_kyosei("sweep " + (dir / "slow.yaml") + " -o " + (dir / "stopped"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(test::slurp(dir / "stopped/summary.csv"), reference);
  for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST(SweepCli, RegionWritesMunicipalitiesAndTotals) {
  const ScratchDir dir;
  test::write_file(dir.path() / "r.yaml",
                   "scenario: " + test::source_path("scenarios/full_juso.yaml") +
                       "\nset:\n  run.horizon_days: 400\n  run.burn_in_days: 30\nstart_year: 2021\nreplicates: 2\n"
                       "municipalities:\n  - {name: A, population: 4000, adoption_year: 2021}\n"
                       "  - {name: B, population: 1500}\n");
  auto r = test::run_kyosei("region " + (dir / "r.yaml") + " -o " + (dir / "out"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(test::count_lines(dir.path() / "out/summary.csv"), 5u);
  EXPECT_EQ(test::count_lines(dir.path() / "out/total.csv"), 3u);
  EXPECT_EQ(test::slurp(dir.path() / "out/total.csv").rfind("replicate,municipalities,residents,overall.episodes", 0),
            0u);
  EXPECT_NE(test::slurp(dir.path() / "out/total.csv").find("\n1,2,5500,"), std::string::npos);
  test::write_file(dir.path() / "bad.yaml",
                   "scenario: " + test::source_path("scenarios/full_juso.yaml") +
                       "\nmunicipalities:\n  - {name: A, population: 4000, adoption_year: 2021}\n");
  r = test::run_kyosei("region " + (dir / "bad.yaml") + " -o " + (dir / "bad"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("start_year: missing"), std::string::npos) << r.err;
}

TEST(SweepCli, HelpWorks) {
  const ScratchDir dir;
  for (const char* args : {"sweep --help", "region --help"}) {
    const auto r = test::run_kyosei(args, dir);
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_NE(r.out.find("--output-dir"), std::string::npos) << args;
  }
}

}  // namespace
}  // namespace kyosei
