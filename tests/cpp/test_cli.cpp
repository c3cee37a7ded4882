// The command-line tool end to end: exit codes, messages, files written or refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "kyosei/model/params.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/run/validation.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;
using test::slurp;

class Cli : public ::testing::Test {
protected:
  test::CommandResult run(const std::string& args) const { return test::run_kyosei(args, dir_); }
  std::string path(const std::string& name) const { return dir_ / name; }

  // A scenario small enough to run in a fraction of a second.
  static constexpr const char* kSmall =
      "--set population.residents=3000 --set run.horizon_days=200 --set run.burn_in_days=30";
  test::ScratchDir dir_;
};

TEST_F(Cli, ValidateAcceptsTheRepositoryScenarios) {
  for (const char* name : {"silo", "integrated"}) {
    const test::CommandResult r = run(std::string("validate scenarios/") + name + ".yaml");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("valid"), std::string::npos);
  }
}

TEST_F(Cli, BadScenarioExitsWithTwoAndWritesNothing) {
  const test::CommandResult r = run("run tests/data/bad/unknown_key.yaml -o " + path("out.h5"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("tests/data/bad/unknown_key.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out.h5")));
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

TEST_F(Cli, BadOverrideExitsWithTwo) {
  const test::CommandResult r = run("run scenarios/silo.yaml --set intake.mod=integrated -o " + path("out.h5"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--set: intake.mod: unknown key"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("intake.mode"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out.h5")));
}

TEST_F(Cli, RunWritesAFileAndNeverOverwritesWithoutForce) {
  const std::string out = path("silo.h5");
  test::CommandResult r = run(std::string("run scenarios/silo.yaml ") + kSmall + " -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_TRUE(fs::exists(out));
  EXPECT_NE(r.out.find("all needs: detection_365"), std::string::npos);
  EXPECT_EQ(r.out.find("all needs: median_days"), std::string::npos);  // deprecated: in the file only
  const std::string first = slurp(out);

  r = run(std::string("run scenarios/silo.yaml ") + kSmall + " --seed 99 -o " + out);
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("use --force"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(out), first);

  r = run(std::string("run scenarios/silo.yaml ") + kSmall + " --seed 99 --force -o " + out);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(slurp(out), first);
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(Cli, JsonSummaryOnStdout) {
  const test::CommandResult r =
      run(std::string("run scenarios/integrated.yaml ") + kSmall + " --json -o " + path("i.h5"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find("\"overall\""), std::string::npos);
  EXPECT_NE(r.out.find("\"scenario\": \"integrated\""), std::string::npos) << r.out;
}

TEST_F(Cli, CompareRunsBothWithOneSeedAndWritesEach) {
  const test::CommandResult r = run(std::string("compare scenarios/silo.yaml scenarios/integrated.yaml ") + kSmall +
                                    " --seed 5 -o " + path("cmp"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(path("cmp/silo.h5")));
  EXPECT_TRUE(fs::exists(path("cmp/integrated.h5")));
  // Each run's file waited under a pending name until both had finished: none is left.
  for (const auto& entry : fs::directory_iterator(path("cmp")))
    EXPECT_EQ(entry.path().filename().string().find(".pending-"), std::string::npos) << entry.path();
  EXPECT_NE(r.out.find("difference"), std::string::npos);
  EXPECT_NE(r.out.find("seed 5"), std::string::npos);
}

TEST_F(Cli, CompareWithReplicatesPrintsUncertaintyTheSameAtAnyThreadCount) {
  const std::string args =
      std::string("compare scenarios/silo.yaml scenarios/integrated.yaml ") + kSmall + " --seed 5 --replicates 3";
  const test::CommandResult serial = run(args + " --jobs 1 --threads 1 -o " + path("serial"));
  ASSERT_EQ(serial.code, 0) << serial.err;
  for (const char* heading :
       {"seed 5, replicates 0-2", "Median [10%, 90%] over 3 replicates", "overall.detection_median_days (days)",
        "Paired differences from silo", "integrated - silo", "restricted mean to 365 days",
        "log-rank chi2 vs silo (replicate strata)", "log-rank p"})
    EXPECT_NE(serial.out.find(heading), std::string::npos) << heading << "\n" << serial.out;
  for (const char* file : {"silo.r0.h5", "silo.r1.h5", "silo.r2.h5", "integrated.r0.h5", "integrated.r2.h5",
                           "uncertainty_metrics.csv", "uncertainty_detection.csv", "uncertainty_km.csv"})
    EXPECT_TRUE(fs::exists(path("serial/") + file)) << file;
  EXPECT_FALSE(fs::exists(path("serial/silo.h5")));
  const std::string metrics = slurp(path("serial/uncertainty_metrics.csv"));
  EXPECT_EQ(metrics.rfind("metric,unit,scenario,replicates,p10,median,p90,baseline,pairs,difference,", 0), 0u)
      << metrics;
  EXPECT_NE(metrics.find("\noverall.rmst_days,day,integrated,3,"), std::string::npos);

  // Runs on two threads of two OpenMP threads each: the same tables and files, byte for byte.
  const test::CommandResult parallel = run(args + " --jobs 2 --threads 2 -o " + path("parallel"));
  ASSERT_EQ(parallel.code, 0) << parallel.err;
  EXPECT_EQ(parallel.out, serial.out);
  for (const char* file : {"uncertainty_metrics.csv", "uncertainty_detection.csv", "uncertainty_km.csv"})
    EXPECT_EQ(slurp(path("parallel/") + file), slurp(path("serial/") + file)) << file;

  // The tables are refused like the result files without --force.
  const test::CommandResult again = run(args + " -o " + path("serial"));
  EXPECT_EQ(again.code, 3);
  EXPECT_NE(again.err.find("use --force"), std::string::npos) << again.err;
}

TEST_F(Cli, CompareRunsNoMoreRunsAtOnceThanMemoryHolds) {
  // A budget for one run of this size but not two: --jobs 2 falls back to one run at a time, says
  // so, and gives the same tables.
  Scenario small = test::small_scenario("silo", 3000, 200);
  small.run.burn_in_days = 30;
  const double one_run = estimate_resources(small).bytes;
  const std::string limit = "KYOSEI_MEMORY_LIMIT=" + std::to_string(static_cast<long long>(1.5 * one_run)) + " ";
  const std::string args = std::string("compare scenarios/silo.yaml ") + kSmall + " --replicates 2 --jobs 2";
  const test::CommandResult capped = test::run_command(limit + "'" + KYOSEI_CLI_PATH + "' " + args, dir_);
  ASSERT_EQ(capped.code, 0) << capped.err;
  EXPECT_NE(capped.err.find("1 runs at once instead of 2"), std::string::npos) << capped.err;
  const test::CommandResult free = run(args);
  ASSERT_EQ(free.code, 0) << free.err;
  EXPECT_EQ(free.err.find("runs at once instead of"), std::string::npos) << free.err;
  EXPECT_EQ(capped.out, free.out);
}

TEST_F(Cli, CompareWithReplicatesAsJson) {
  const test::CommandResult r = run(std::string("compare scenarios/silo.yaml scenarios/integrated.yaml ") + kSmall +
                                    " --seed 5 --replicates 2 --baseline integrated --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.front(), '{');
  for (const char* key : {"\"baseline\": \"integrated\"", "\"replicates\": 2", "\"bands\"", "\"differences\"",
                          "\"silo\": {", "\"log_rank_chi2\"", "\"rmst_difference\"", "\"resamples\": 2000"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key << "\n" << r.out;
}

TEST_F(Cli, ParamsListsEveryParameter) {
  const test::CommandResult r = run("params");
  ASSERT_EQ(r.code, 0);
  for (const ParamSpec& spec : parameter_table())
    EXPECT_NE(r.out.find(std::string(spec.path) + " = "), std::string::npos) << spec.path;
}

TEST_F(Cli, HelpEverywhere) {
  for (const char* args :
       {"--help", "run --help", "compare --help", "validate --help", "params --help", "validate-model --help"}) {
    const test::CommandResult r = run(args);
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args;
  }
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
}

TEST_F(Cli, ValidateModelPrintsEveryTargetAndWritesCsv) {
  const test::CommandResult r =
      run(std::string("validate-model ") + kSmall + " --replicates 2 --csv " + path("targets.csv"));
  ASSERT_EQ(r.code, 0) << r.err;  // targets fail on so small a run, but only --strict makes that an error
  EXPECT_NE(r.out.find("2 replicates"), std::string::npos) << r.out;
  std::istringstream csv(slurp(path("targets.csv")));
  std::vector<std::string> first_cells;  // the header's, then one per target
  for (std::string line; std::getline(csv, line);) first_cells.push_back(line.substr(0, line.find(',')));
  ASSERT_EQ(first_cells.size(), calibration_targets().size() + 1);
  for (std::size_t i = 0; i < calibration_targets().size(); ++i) {
    const std::string name(calibration_targets()[i].name);
    EXPECT_NE(r.out.find(name + " "), std::string::npos) << name;
    EXPECT_EQ(first_cells[i + 1], name);
  }
}

TEST_F(Cli, ValidateModelJsonAndStrict) {
  const test::CommandResult r =
      run(std::string("validate-model scenarios/silo.yaml ") + kSmall + " --replicates 1 --seed 3 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find("\"seed\": 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"withdrawn_15_39\": {"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"values\": ["), std::string::npos) << r.out;
  // Three years are needed to see 3-year spells: on this short run that target fails, and
  // --strict turns a failure into exit code 4.
  EXPECT_EQ(run(std::string("validate-model ") + kSmall + " --replicates 1 --strict").code, 4);
  EXPECT_EQ(run("validate-model --replicates 0").code, 2);
}

}  // namespace
}  // namespace kyosei
