// Interrupted runs lose nothing and leave nothing that looks finished: `kyosei run` and
// `kyosei compare` (also with replicates run in parallel) are started on a long scenario, sent SIGINT or SIGTERM, and must stop at the
// end of a day with exit code 128 + the signal, write nothing under the requested names, and save
// the results so far as <name>.incomplete.h5 marked complete=0, which readers refuse. Also: result
// names taken from scenario names never leave the output directory.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_reader.hpp"
#include "kyosei/model/output_fields.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;
using test::slurp;

constexpr int kHorizon = 36500;  // the longest horizon: minutes of simulation at this size
const std::vector<std::string> kLong = {"--set", "population.residents=300000", "--set", "run.horizon_days=36500",
                                        "--set", "run.burn_in_days=0"};

class Interruption : public ::testing::Test {
protected:
  void TearDown() override {
    if (pid_ > 0) {  // a failed test must not leave a long run behind
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  std::string path(const std::string& name) const { return dir_ / name; }

  // A scenario file of the defaults but for its name, size and horizon (no burn-in).
  void scenario_file(const std::string& file, const std::string& name, int residents, int horizon) const {
    std::ofstream(path(file)) << "name: \"" << name << "\"\npopulation:\n  residents: " << residents
                              << "\nrun:\n  horizon_days: " << horizon << "\n  burn_in_days: 0\n";
  }

  // Starts the CLI in the background with stdout and stderr to files in the test directory.
  void start(const std::vector<std::string>& args) {
    pid_ = test::spawn_kyosei(args, path("stdout"), path("stderr"));
    ASSERT_GT(pid_, 0) << "cannot start " << KYOSEI_CLI_PATH;
  }

  // Waits until stderr says `count` times that a population is built (the runs are simulating:
  // a state, not a time), sends `signal` and waits for the exit code.
  int interrupt_when_simulating(int signal, int count = 1) {
    const int code = test::signal_when_logged(pid_, path("stderr"), "is built; simulating", signal, count);
    pid_ = -1;
    return code;
  }

  // No temporary ("<name>.tmp-<pid>") and no comparison's pending file ("<name>.pending-<pid>") is
  // ever left behind.
  void expect_no_temporaries(const fs::path& directory) const {
    for (const auto& entry : fs::directory_iterator(directory)) {
      EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
      EXPECT_EQ(entry.path().filename().string().find(".pending-"), std::string::npos) << entry.path();
    }
  }

  // The saved partial result: marked incomplete, refused by the reader unless allowed, every
  // series cut at the same day (the run stopped between days, not inside one).
  void expect_incomplete_result(const std::string& file) const {
    ASSERT_TRUE(fs::exists(file)) << file << "\n" << slurp(path("stderr"));
    try {
      read_result_header(file);
      ADD_FAILURE() << file << " was read although incomplete";
    } catch (const OutputError& e) {
      EXPECT_NE(std::string(e.what()).find("incomplete result (complete=0)"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("--allow-incomplete"), std::string::npos) << e.what();
    }
    const ResultHeader h = read_result_header(file, true);
    EXPECT_FALSE(h.provenance.complete);
    EXPECT_LT(h.recorded_days, kHorizon);
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    std::vector<std::string> names = {"day"};
#define KYOSEI_NAME(name, ...) names.push_back(#name);
    KYOSEI_SERIES(KYOSEI_NAME)
    KYOSEI_AGENCY_SERIES(KYOSEI_NAME)
#undef KYOSEI_NAME
    for (const std::string& name : names) {
      const hid_t dataset = H5Dopen2(f, ("series/" + name).c_str(), H5P_DEFAULT);
      EXPECT_GE(dataset, 0) << "/series/" << name;
      if (dataset < 0) continue;
      const hid_t space = H5Dget_space(dataset);
      hsize_t dims[2] = {0, 0};
      H5Sget_simple_extent_dims(space, dims, nullptr);
      EXPECT_EQ(static_cast<std::int64_t>(dims[0]), h.recorded_days) << "/series/" << name;
      H5Sclose(space);
      H5Dclose(dataset);
    }
    H5Fclose(f);
  }

  test::ScratchDir dir_;
  pid_t pid_ = -1;
};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(Interruption, SigintStopsARunAndSavesItMarkedIncompleteUnderAnotherName) {
  start(std::vector<std::string>{"run", test::source_path("scenarios/silo.yaml"), "-o", path("out.h5")} + kLong);
  EXPECT_EQ(interrupt_when_simulating(SIGINT), 130);
  EXPECT_FALSE(fs::exists(path("out.h5")));
  expect_incomplete_result(path("out.incomplete.h5"));
  const std::string err = slurp(path("stderr"));
  EXPECT_NE(err.find("interrupted by SIGINT at the end of day"), std::string::npos) << err;
  EXPECT_NE(err.find("nothing was written to " + path("out.h5")), std::string::npos) << err;
  EXPECT_TRUE(slurp(path("stdout")).empty()) << "a summary of a stopped run looks like a result";
  expect_no_temporaries(dir_.path());
}

TEST_F(Interruption, SigtermLikewiseWithExitCode143) {
  start(std::vector<std::string>{"run", test::source_path("scenarios/integrated.yaml"), "-o", path("out.h5")} + kLong);
  EXPECT_EQ(interrupt_when_simulating(SIGTERM), 143);
  EXPECT_FALSE(fs::exists(path("out.h5")));
  expect_incomplete_result(path("out.incomplete.h5"));
  EXPECT_NE(slurp(path("stderr")).find("interrupted by SIGTERM"), std::string::npos);
  expect_no_temporaries(dir_.path());
}

TEST_F(Interruption, AnInterruptedCompareLeavesNoFileUnderTheRequestedNames) {
  start(std::vector<std::string>{"compare", test::source_path("scenarios/silo.yaml"),
                                 test::source_path("scenarios/integrated.yaml"), "-o", path("cmp")} +
        kLong);
  EXPECT_EQ(interrupt_when_simulating(SIGINT), 130);
  EXPECT_FALSE(fs::exists(path("cmp/silo.h5")));
  EXPECT_FALSE(fs::exists(path("cmp/integrated.h5")));
  expect_incomplete_result(path("cmp/silo.incomplete.h5"));        // stopped inside the first run
  EXPECT_FALSE(fs::exists(path("cmp/integrated.incomplete.h5")));  // never started
  EXPECT_NE(slurp(path("stderr")).find("1 run was not started"), std::string::npos);
  expect_no_temporaries(path("cmp"));
}

TEST_F(Interruption, AnInterruptedReplicatedCompareSavesEveryRunUnderWay) {
  start(std::vector<std::string>{"compare", test::source_path("scenarios/silo.yaml"),
                                 test::source_path("scenarios/integrated.yaml"), "--replicates", "2", "--jobs", "2",
                                 "-o", path("cmp")} +
        kLong);
  EXPECT_EQ(interrupt_when_simulating(SIGINT, 2), 130);
  // Replicate 0 of both scenarios ran at once and stopped; replicate 1 never started.
  expect_incomplete_result(path("cmp/silo.r0.incomplete.h5"));
  expect_incomplete_result(path("cmp/integrated.r0.incomplete.h5"));
  for (const char* name : {"silo.r0.h5", "integrated.r0.h5", "silo.r1.incomplete.h5", "integrated.r1.incomplete.h5",
                           "uncertainty_metrics.csv"})
    EXPECT_FALSE(fs::exists(path("cmp/") + name)) << name;
  const std::string err = slurp(path("stderr"));
  EXPECT_NE(err.find("of silo replicate 0"), std::string::npos) << err;
  EXPECT_NE(err.find("of integrated replicate 0"), std::string::npos) << err;
  EXPECT_NE(err.find("2 runs were not started"), std::string::npos) << err;
  expect_no_temporaries(path("cmp"));
}

// A comparison writes each run's file as the run finishes (it keeps only a digest in memory), under
// a pending name: interrupted, a finished run goes to <name>.incomplete.h5 like the others, whole.
TEST_F(Interruption, AnInterruptedCompareSavesItsFinishedRunsWholeUnderIncompleteNames) {
  scenario_file("quick.yaml", "quick", 2000, 30);
  scenario_file("long.yaml", "long", 300000, kHorizon);
  start({"compare", path("quick.yaml"), path("long.yaml"), "--jobs", "1", "-o", path("cmp")});
  EXPECT_EQ(interrupt_when_simulating(SIGINT), 130);
  EXPECT_FALSE(fs::exists(path("cmp/quick.h5")));
  EXPECT_FALSE(fs::exists(path("cmp/long.h5")));
  const ResultHeader quick = read_result_header(path("cmp/quick.incomplete.h5"));  // finished: readable as it is
  EXPECT_TRUE(quick.provenance.complete);
  EXPECT_EQ(quick.recorded_days, 30);
  expect_incomplete_result(path("cmp/long.incomplete.h5"));
  const std::string err = slurp(path("stderr"));
  EXPECT_NE(err.find("saved the finished run in " + path("cmp/quick.incomplete.h5")), std::string::npos) << err;
  EXPECT_NE(err.find("of long"), std::string::npos) << err;
  expect_no_temporaries(path("cmp"));
}

TEST_F(Interruption, AnExistingIncompleteFileIsKeptWithoutForceAlsoForAFinishedRunOfACompare) {
  scenario_file("quick.yaml", "quick", 2000, 30);
  scenario_file("long.yaml", "long", 300000, kHorizon);
  fs::create_directories(path("cmp"));
  std::ofstream(path("cmp/quick.incomplete.h5")) << "an earlier partial result";
  start({"compare", path("quick.yaml"), path("long.yaml"), "--jobs", "1", "-o", path("cmp")});
  EXPECT_EQ(interrupt_when_simulating(SIGINT), 130);
  EXPECT_EQ(slurp(path("cmp/quick.incomplete.h5")), "an earlier partial result");
  EXPECT_FALSE(fs::exists(path("cmp/quick.h5")));
  const std::string err = slurp(path("stderr"));
  EXPECT_NE(err.find("could not save the finished run"), std::string::npos) << err;
  expect_incomplete_result(path("cmp/long.incomplete.h5"));
  expect_no_temporaries(path("cmp"));
}

TEST_F(Interruption, AnExistingIncompleteFileIsKeptWithoutForce) {
  std::ofstream(path("out.incomplete.h5")) << "an earlier partial result";
  start(std::vector<std::string>{"run", test::source_path("scenarios/silo.yaml"), "-o", path("out.h5")} + kLong);
  EXPECT_EQ(interrupt_when_simulating(SIGINT), 130);
  EXPECT_EQ(slurp(path("out.incomplete.h5")), "an earlier partial result");
  EXPECT_FALSE(fs::exists(path("out.h5")));
  const std::string err = slurp(path("stderr"));
  EXPECT_NE(err.find("could not save the results so far"), std::string::npos) << err;
  EXPECT_NE(err.find("use --force"), std::string::npos) << err;
  expect_no_temporaries(dir_.path());
}

// ---- result names from scenario names ----------------------------------------------------

class ResultNames : public Interruption {
protected:
  // The CLI run from the test's directory, so that relative names stay inside it.
  test::CommandResult cli(const std::string& args) const { return test::run_kyosei(args, dir_, dir_.path()); }
  void scenario_named(const std::string& file, const std::string& name) const { scenario_file(file, name, 2000, 30); }
};

TEST_F(ResultNames, ANameThatIsNotAPlainFileNameNeverBecomesAPath) {
  fs::create_directories(path("inner/out"));
  for (const std::string name : {"../escape", "../../escape", "/tmp/kyosei_escape", "sub/escape", "..", "."}) {
    scenario_named("inner/evil.yaml", name);
    scenario_named("inner/good.yaml", "good");
    const test::CommandResult compare = cli("compare inner/good.yaml inner/evil.yaml -o inner/out");
    EXPECT_EQ(compare.code, 2) << name;
    EXPECT_NE(compare.err.find("cannot name a result file"), std::string::npos) << compare.err;
    const test::CommandResult run = cli("run inner/evil.yaml");
    EXPECT_EQ(run.code, 2) << name;
    EXPECT_NE(run.err.find("give the output file with -o"), std::string::npos) << run.err;
  }
  EXPECT_FALSE(fs::exists("/tmp/kyosei_escape.h5"));
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path()))
    EXPECT_NE(entry.path().extension(), ".h5") << entry.path();
  // An explicit -o is the user's choice and is honoured.
  scenario_named("inner/evil.yaml", "../escape");
  const test::CommandResult explicit_name = cli("run inner/evil.yaml -o inner/out/explicit.h5");
  EXPECT_EQ(explicit_name.code, 0) << explicit_name.err;
  EXPECT_TRUE(fs::exists(path("inner/out/explicit.h5")));
}

}  // namespace
}  // namespace kyosei
