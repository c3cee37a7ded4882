// The command-line tool's outputs before and after the work (output_check.hpp): every command that
// writes refuses an unwritable place before it simulates anything, with exit code 3 and a plain
// message; a result that cannot be written at the end is saved elsewhere with its summary still
// printed; one vocabulary of errors; a signal while a population is built ends the run at once;
// progress and the options' names.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kyosei/io/hdf5_reader.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;
using test::slurp;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CliOutputs : public ::testing::Test {
protected:
  test::CommandResult run(const std::string& args) const { return test::run_kyosei(args, dir_); }
  std::string path(const std::string& name) const { return dir_ / name; }

  // Refused before the work: exit 3, a located message, no population built, no internal error.
  void expect_refused_before_the_work(const std::string& args, const std::string& why) const {
    const test::CommandResult r = run(args);
    EXPECT_EQ(r.code, 3) << args << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "error: ")) << r.err;
    EXPECT_TRUE(contains(r.err, why)) << args << "\n" << r.err;
    EXPECT_FALSE(contains(r.err, "building the population")) << "simulated before refusing: " << args;
    EXPECT_FALSE(contains(r.err, "internal error")) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }

  // Large enough that simulating would first announce "building the population".
  static constexpr const char* kLarge = " --set population.residents=300000 --set run.horizon_days=3650";
  static constexpr const char* kSmall =
      " --set population.residents=3000 --set run.horizon_days=200 --set run.burn_in_days=30";
  test::ScratchDir dir_;
};

TEST_F(CliOutputs, EveryWritingCommandChecksItsOutputsBeforeSimulating) {
  std::ofstream(path("plain")) << "a file where a directory should be";
  const std::string silo = " scenarios/silo.yaml", integrated = " scenarios/integrated.yaml";
  const std::string missing = "the directory " + path("nodir") + " does not exist";
  expect_refused_before_the_work("run" + silo + kLarge + " -o " + path("nodir/sub/out.h5"), missing);
  expect_refused_before_the_work("run" + silo + kLarge + " -o " + path("out.h5") +
                                     " --checkpoint-every 10 --checkpoint " + path("nodir/run.checkpoint.h5"),
                                 missing);
  expect_refused_before_the_work("compare" + silo + integrated + kLarge + " -o " + path("plain/cmp"),
                                 "cannot create the directory " + path("plain"));
  for (const std::string command :
       {"sweep scenarios/sweep_outreach.yaml", "region scenarios/regions/prefecture_example.yaml",
        "sensitivity scenarios/sensitivity/morris_levers.yaml"})
    expect_refused_before_the_work(command + " -o " + path("plain/out"),
                                   "cannot create the directory " + path("plain"));
  expect_refused_before_the_work(
      "factorial" + silo + " scenarios/full_juso.yaml --levers intake" + kLarge + " -o " + path("plain/fact"),
      "cannot create the directory " + path("plain"));
  expect_refused_before_the_work("validate-model" + silo + kLarge + " --replicates 1 --csv " + path("nodir/v.csv"),
                                 missing);
  EXPECT_FALSE(fs::exists(path("out.h5")));
}

TEST_F(CliOutputs, ADirectoryIsRefusedAsAResultFileAlsoWithForce) {
  fs::create_directories(path("adir"));
  expect_refused_before_the_work("run scenarios/silo.yaml" + std::string(kLarge) + " -o " + path("adir") + " --force",
                                 "it is a directory (give a file name, e.g. " + path("adir/result.h5"));
}

// As nobody (root runs the test suite in CI) or with the directory made read-only (a user does).
TEST_F(CliOutputs, APlaceTheUserMayNotWriteIn) {
  std::string as_user;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "no setpriv to run as nobody";
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  } else {
    fs::permissions(dir_.path(), fs::perms::owner_read | fs::perms::owner_exec);
  }
  // The captured output goes to the scratch directory, which nobody may not write: run from a
  // shell that redirects into a place of the test's own.
  const fs::path logs = fs::temp_directory_path() / ("kyosei_logs_" + std::to_string(::getpid()));
  fs::create_directories(logs);
  fs::permissions(logs, fs::perms::all);
  const std::string cli = std::string("'") + KYOSEI_CLI_PATH + "' ";
  const std::string root = KYOSEI_SOURCE_DIR;
  struct Case {
    std::string args, why;
  };
  const std::vector<Case> cases = {
      {"run " + root + "/scenarios/silo.yaml" + kLarge + " -o " + path("out.h5"), "you may not write in it"},
      {"compare " + root + "/scenarios/silo.yaml " + root + "/scenarios/integrated.yaml" + kLarge + " -o " +
           path("cmp"),
       "cannot create the directory " + path("cmp") + ": you may not write in it"},
      {"sweep " + root + "/scenarios/sweep_outreach.yaml -o " + path("sweep"),
       "cannot create the directory " + path("sweep") + ": you may not write in it"}};
  for (const Case& c : cases) {
    const std::string log = (logs / "err").string();
    const int status = std::system((as_user + cli + c.args + " >/dev/null 2>" + log).c_str());
    const std::string err = slurp(log);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << c.args << "\n" << err;
    EXPECT_TRUE(contains(err, c.why)) << c.args << "\n" << err;
    EXPECT_FALSE(contains(err, "building the population")) << err;
    EXPECT_FALSE(contains(err, "internal error")) << err;
  }
  fs::remove_all(logs);
  fs::permissions(dir_.path(), fs::perms::owner_all);
}

TEST_F(CliOutputs, AReadOnlyMount) {
  fs::create_directories(path("source"));
  fs::create_directories(path("ro"));
  if (::mount(path("source").c_str(), path("ro").c_str(), nullptr, MS_BIND, nullptr) != 0)
    GTEST_SKIP() << "cannot bind-mount here (needs root): " << std::strerror(errno);
  if (::mount(nullptr, path("ro").c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
    ::umount2(path("ro").c_str(), MNT_DETACH);
    GTEST_SKIP() << "cannot remount read-only here";
  }
  const std::string large = kLarge;
  const test::CommandResult run_into = run("run scenarios/silo.yaml" + large + " -o " + path("ro/out.h5"));
  const test::CommandResult compare_into =
      run("compare scenarios/silo.yaml scenarios/integrated.yaml" + large + " -o " + path("ro/cmp"));
  const test::CommandResult sweep_into = run("sweep scenarios/sweep_outreach.yaml -o " + path("ro/sweep"));
  ::umount2(path("ro").c_str(), MNT_DETACH);
  for (const test::CommandResult* r : {&run_into, &compare_into, &sweep_into}) {
    EXPECT_EQ(r->code, 3) << r->err;
    EXPECT_TRUE(contains(r->err, "it is on a read-only file system (choose another path)")) << r->err;
    EXPECT_FALSE(contains(r->err, "internal error")) << r->err;
    EXPECT_FALSE(contains(r->err, "building the population")) << r->err;
  }
}

// A file size limit lets the check pass and the write fail at the end, as a full disk does: the
// summary is printed all the same, and the message says where the results were looked to go.
TEST_F(CliOutputs, AResultThatCannotBeWrittenAtTheEndStillPrintsItsSummary) {
  const std::string command = std::string("trap '' XFSZ; ulimit -f 16; '") + KYOSEI_CLI_PATH +
                              "' run scenarios/silo.yaml" + kSmall + " -o " + path("out.h5");
  const test::CommandResult r = test::run_command("bash -c \"" + command + "\"", dir_);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(contains(r.out, "all needs: episodes")) << r.out;
  EXPECT_TRUE(contains(r.err, "error: cannot write " + path("out.h5"))) << r.err;
  EXPECT_TRUE(contains(r.err, "could not save the results elsewhere either")) << r.err;
  EXPECT_TRUE(contains(r.err, path("out.unsaved-"))) << r.err;
  EXPECT_FALSE(fs::exists(path("out.h5")));
}

TEST_F(CliOutputs, AnUnknownCommandGetsADidYouMean) {
  const test::CommandResult r = run("compaer a.yaml b.yaml");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: unknown command 'compaer' (did you mean 'compare'?); `kyosei --help` lists the commands\n");
  const test::CommandResult far = run("frobnicate");
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(far.err, "error: unknown command 'frobnicate'; `kyosei --help` lists the commands\n");
}

TEST_F(CliOutputs, TheDefaultTableLeadsWithTheHeadlineMetricsAndAllShowsEveryOne) {
  const test::CommandResult brief = run("run scenarios/silo.yaml" + std::string(kSmall) + " -o " + path("a.h5"));
  ASSERT_EQ(brief.code, 0) << brief.err;
  EXPECT_TRUE(contains(brief.out, "3,000 residents, horizon 200 days after a burn-in of 30 days")) << brief.out;
  EXPECT_TRUE(contains(brief.out, "(the headline metrics; --all shows all ")) << brief.out;
  EXPECT_FALSE(contains(brief.out, "care: episodes")) << brief.out;
  // Every headline metric names a summary number (a renamed one would silently drop its row).
  for (const char* headline : {"all needs: detection_365", "all needs: crisis_365", "gap: detection_365",
                               "8050: detection_365", "mean_isolation_residents", "cost_yen_per_year"})
    EXPECT_TRUE(contains(brief.out, headline)) << headline << " in\n" << brief.out;
  // Title line, header, twelve metrics, the note.
  EXPECT_EQ(std::count(brief.out.begin(), brief.out.end(), '\n'), 16) << brief.out;
  EXPECT_FALSE(contains(brief.out, "-0.0")) << brief.out;
  EXPECT_FALSE(contains(brief.out, "e+")) << brief.out;
  const test::CommandResult all = run("run scenarios/silo.yaml" + std::string(kSmall) + " --all -o " + path("b.h5"));
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_GT(std::count(all.out.begin(), all.out.end(), '\n'), 100) << all.out;
  EXPECT_FALSE(contains(all.out, "headline"));
}

TEST_F(CliOutputs, TheFileSaysWhatRanTheOverridesWrittenInAndTheThreadsThatRan) {
  ASSERT_EQ(run("run scenarios/silo.yaml" + std::string(kSmall) + " -o " + path("a.h5")).code, 0);
  const Provenance p = read_result_header(path("a.h5")).provenance;
  EXPECT_FALSE(contains(p.scenario_text, "# --set")) << p.scenario_text;
  const Scenario ran = parse_scenario(p.scenario_text, "a.yaml");
  EXPECT_EQ(ran.population.residents, 3000);
  EXPECT_EQ(ran.run.horizon_days, 200);
  EXPECT_EQ(ran.name, "silo");
  EXPECT_EQ(p.overrides, "population.residents=3000\nrun.horizon_days=200\nrun.burn_in_days=30\n");
  EXPECT_GE(p.threads, 1) << "the threads that ran, not 0 for the default";
}

TEST_F(CliOutputs, ThreadsAreInsideARunAndJobsAreRunsAtOnceInEveryCommand) {
  std::ofstream(path("s.yaml"))
      << "name: tiny\nbase: " << test::source_path("scenarios/silo.yaml")
      << "\nset:\n  population.residents: 2000\n  run.horizon_days: 60\n  run.burn_in_days: 0\n"
      << "vary:\n  grid:\n    outreach.workers: [1]\nreplicates: 2\n";
  const test::CommandResult r = run("sweep " + path("s.yaml") + " -o " + path("out") + " --jobs 2 --run-threads 1");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "warning: --run-threads is deprecated and will be removed; use --threads")) << r.err;
  const test::CommandResult threads = run("sweep " + path("s.yaml") + " -o " + path("out2") + " --threads 2");
  EXPECT_EQ(threads.code, 0) << threads.err;
  EXPECT_TRUE(contains(threads.err, "--threads used to mean runs at once, which is now --jobs")) << threads.err;
}

TEST_F(CliOutputs, ValidateReportsEveryProblemOfAFile) {
  std::ofstream(path("bad.yaml"))
      << "population:\n  residentz: 5000\nintake:\n  mode: sideways\nties:\n  decay_rate: -1\n";
  const test::CommandResult r = run("validate " + path("bad.yaml"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "error: " + path("bad.yaml") + ":2:3: population.residentz: unknown key")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: " + path("bad.yaml") + ":4:9: intake.mode: unknown value 'sideways'")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: " + path("bad.yaml") + ":6:15: ties.decay_rate:")) << r.err;
  EXPECT_TRUE(contains(r.err, path("bad.yaml") + ": 3 problems\n")) << r.err;
}

TEST_F(CliOutputs, InspectShowsNumbersAsAPersonReadsThem) {
  ASSERT_EQ(run("run scenarios/silo.yaml" + std::string(kSmall) + " -o " + path("a.h5")).code, 0);
  const test::CommandResult r = run("inspect " + path("a.h5"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "  cost_yen_per_year = ")) << r.out;
  EXPECT_TRUE(contains(r.out, "%\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "e+")) << r.out;
  EXPECT_FALSE(contains(r.out, "e-")) << r.out;
}

// ---- signals -------------------------------------------------------------------------------

class CliSignals : public CliOutputs {
protected:
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // Waits until stderr holds `line` `count` times (a state, not a time), sends `signal`, returns the
  // exit code.
  int signal_when(const std::string& line, int signal, int count = 1) {
    const int code = test::signal_when_logged(pid_, path("stderr"), line, signal, count);
    pid_ = -1;
    return code;
  }
  pid_t pid_ = -1;
};

TEST_F(CliSignals, ASignalWhileThePopulationIsBuiltEndsTheRunAtOnce) {
  pid_ = test::spawn_kyosei({"run", test::source_path("scenarios/silo.yaml"), "--set", "population.residents=3000000",
                             "--set", "run.horizon_days=365", "-o", path("out.h5")},
                            path("stdout"), path("stderr"));
  ASSERT_GT(pid_, 0);
  EXPECT_EQ(signal_when("building the population of 3,000,000 residents", SIGINT), 130);
  const std::string err = slurp(path("stderr"));
  EXPECT_TRUE(contains(err,
                       "interrupted while the population was being built: nothing had been simulated, "
                       "nothing was written"))
      << err;
  EXPECT_FALSE(contains(err, "is built; simulating")) << err;
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().extension(), "") << entry.path();  // only stdout and stderr
}

// Two cells of one replicate, a run of a few seconds each: stopped in the second.
std::vector<std::string> factorial_args(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"factorial",
                                   test::source_path("scenarios/silo.yaml"),
                                   test::source_path("scenarios/full_juso.yaml"),
                                   "--levers",
                                   "intake",
                                   "--replicates",
                                   "1",
                                   "--set",
                                   "population.residents=200000",
                                   "--set",
                                   "run.horizon_days=365",
                                   "--set",
                                   "run.burn_in_days=0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST_F(CliSignals, AnInterruptedFactorialWithoutAnOutputSaysThatNothingWasSaved) {
  pid_ = test::spawn_kyosei(factorial_args({}), path("stdout"), path("stderr"));
  ASSERT_GT(pid_, 0);
  EXPECT_EQ(signal_when("is built; simulating", SIGTERM), 143);
  const std::string err = slurp(path("stderr"));
  EXPECT_TRUE(contains(err,
                       "kyosei: interrupted by SIGTERM during run 1 of 2; the effects need every run, so none are "
                       "printed, and a factorial without -o writes no files: nothing was saved"))
      << err;
  EXPECT_TRUE(slurp(path("stdout")).empty());
}

// As compare does: the finished cells whole and the stopped one's days so far, under incomplete
// names; nothing under the requested names, no effects.
TEST_F(CliSignals, AnInterruptedFactorialKeepsItsFinishedRunsUnderIncompleteNames) {
  pid_ = test::spawn_kyosei(factorial_args({"-o", path("fact")}), path("stdout"), path("stderr"));
  ASSERT_GT(pid_, 0);
  EXPECT_EQ(signal_when("is built; simulating", SIGINT, 2), 130);  // during the second run
  const std::string err = slurp(path("stderr"));
  const ResultHeader finished = read_result_header(path("fact/silo+0.incomplete.h5"));  // whole: readable as it is
  EXPECT_TRUE(finished.provenance.complete);
  EXPECT_EQ(finished.recorded_days, 365);
  const ResultHeader stopped = read_result_header(path("fact/silo+1.incomplete.h5"), true);
  EXPECT_FALSE(stopped.provenance.complete);
  EXPECT_LT(stopped.recorded_days, 365);
  for (const char* name : {"silo+0.h5", "silo+1.h5", "factorial.json"})
    EXPECT_FALSE(fs::exists(path("fact/") + name)) << name;
  for (const auto& entry : fs::directory_iterator(path("fact")))
    EXPECT_TRUE(entry.path().string().ends_with(".incomplete.h5")) << entry.path();  // no pending or temporary file
  EXPECT_TRUE(contains(err, "saved the finished run in " + path("fact/silo+0.incomplete.h5"))) << err;
  EXPECT_TRUE(contains(err, "saved the results so far in " + path("fact/silo+1.incomplete.h5"))) << err;
  EXPECT_TRUE(contains(err, "the same command runs the factorial again from the start")) << err;
  EXPECT_TRUE(slurp(path("stdout")).empty());
}

TEST_F(CliOutputs, AFactorialWritesEachRunAndItsEffectsAndRefusesToOverwriteThem) {
  const std::string args = "factorial scenarios/silo.yaml scenarios/full_juso.yaml --levers intake --replicates 2" +
                           std::string(kSmall) + " -o " + path("fact");
  const test::CommandResult r = run(args);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* name : {"silo+0.r0.h5", "silo+1.r0.h5", "silo+0.r1.h5", "silo+1.r1.h5"}) {
    const ResultHeader h = read_result_header(path("fact/") + name);
    EXPECT_TRUE(h.provenance.complete) << name;
    EXPECT_EQ(h.provenance.replicate, name[8] == '1' ? 1u : 0u) << name;
  }
  EXPECT_TRUE(contains(slurp(path("fact/factorial.json")), "\"effect\": \"intake\""))
      << slurp(path("fact/factorial.json"));
  EXPECT_TRUE(contains(r.out, "3,000 residents")) << r.out;
  EXPECT_TRUE(contains(r.err, "wrote 4 run files and " + path("fact/factorial.json"))) << r.err;
  const test::CommandResult again = run(args);
  EXPECT_EQ(again.code, 3) << again.err;
  EXPECT_TRUE(contains(again.err, path("fact/silo+0.r0.h5"))) << again.err;
  EXPECT_TRUE(contains(again.err, "--force")) << again.err;
  EXPECT_EQ(run(args + " --force").code, 0);
}

// A sweep (and so a region or a sensitivity study: the same command underneath) stops while a
// population is built, not after it: nothing was simulated, the manifest records no run.
TEST_F(CliSignals, ASweepStopsWhileAPopulationIsBuilt) {
  std::ofstream(path("big.yaml")) << "name: big\nbase: " << test::source_path("scenarios/silo.yaml")
                                  << "\nset:\n  population.residents: 3000000\n  run.horizon_days: 365\n"
                                  << "replicates: 1\n";
  pid_ =
      test::spawn_kyosei({"sweep", path("big.yaml"), "-o", path("out"), "--jobs", "1"}, path("stdout"), path("stderr"));
  ASSERT_GT(pid_, 0);
  EXPECT_EQ(signal_when("building the population of 3,000,000 residents of silo (run v0000_r00)", SIGTERM), 143);
  const std::string err = slurp(path("stderr"));
  EXPECT_FALSE(contains(err, "is built; simulating")) << err;
  EXPECT_TRUE(contains(err, "interrupted by SIGTERM: 0 of 1 runs have finished")) << err;
  EXPECT_TRUE(contains(err, "the same command runs the rest")) << err;
  EXPECT_FALSE(fs::exists(path("out/summary.csv")));
  for (const auto& entry : fs::recursive_directory_iterator(path("out")))
    EXPECT_NE(entry.path().extension(), ".h5") << entry.path();
}

}  // namespace
}  // namespace kyosei
