// Sensitivity files to run plans (sim/ensemble/sensitivity_yaml.cpp): the design's points as
// scenarios, common seeds, switches and whole numbers, and located errors for bad files.
#include <gtest/gtest.h>

#include <set>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/ensemble/sensitivity.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

std::string morris_file(const std::string& parameters, const std::string& extra = "") {
  return "name: m\nbase: " + test::source_path("scenarios/full_juso.yaml") + "\n" + test::kSmallSet +
         "morris: {trajectories: 3, levels: 4}\nparameters:\n" + parameters + "replicates: 2\nseed: 4\n" + extra;
}

const std::string kFactors =
    "  outreach.workers: {min: 0, max: 3}\n"
    "  outreach.visits_to_trust: {min: 2, max: 8}\n"
    "  intake.handoff: [cold, warm]\n";

TEST(SensitivityFile, MorrisPointsBecomeVariantsWithCommonSeeds) {
  const SensitivityStudy s = parse_sensitivity(morris_file(kFactors), "m.yaml");
  EXPECT_EQ(s.method, SensitivityMethod::morris);
  ASSERT_EQ(s.factors.size(), 3u);
  EXPECT_TRUE(s.factors[2].two_valued);
  EXPECT_TRUE(s.factors[1].integer);
  EXPECT_EQ(s.plan.kind, "sensitivity");
  ASSERT_EQ(s.plan.variants.size(), 3u * 4u);
  ASSERT_EQ(s.plan.runs.size(), 3u * 4u * 2u);
  EXPECT_EQ(s.plan.runs[0].id, "p0000_r00");
  std::set<std::uint64_t> seeds;
  for (const PlannedRun& run : s.plan.runs) seeds.insert(run.seed);
  EXPECT_EQ(seeds.size(), 2u) << "replicate r of every point shares its seed";
  const ParamSpec& workers = *find_parameter("outreach.workers");
  const ParamSpec& trust = *find_parameter("outreach.visits_to_trust");
  for (std::size_t v = 0; v < s.plan.variants.size(); ++v) {
    const Variant& variant = s.plan.variants[v];
    // Real: the grid of levels over [0, 3]; whole numbers: rounded; switch: first value below 0.5.
    EXPECT_DOUBLE_EQ(workers.get(variant.scenario), 3 * s.design[v][0]);
    EXPECT_EQ(trust.get(variant.scenario), std::round(2 + 6 * s.design[v][1]));
    EXPECT_EQ(variant.cells[2].text, s.design[v][2] < 0.5 ? "cold" : "warm");
    EXPECT_EQ(variant.scenario.population.residents, 3000);
  }
  EXPECT_EQ(s.outputs, (std::vector<std::string>{"overall.detection_365", "overall.detection_median_days",
                                                 "mean_isolation_residents", "cost_yen_per_year"}));
}

TEST(SensitivityFile, LatinHypercubeSamplesTheRanges) {
  const std::string text = "base: " + test::source_path("scenarios/full_juso.yaml") +
                           "\nlhs: {samples: 12}\nparameters:\n  outreach.workers: {min: 1, max: 2}\n"
                           "  participation.uptake: {min: 0.2, max: 0.8}\noutputs: [overall.rmst_days]\n";
  const SensitivityStudy s = parse_sensitivity(text, "dir/lhs_file.yaml");
  EXPECT_EQ(s.method, SensitivityMethod::lhs);
  EXPECT_EQ(s.plan.name, "lhs_file");
  ASSERT_EQ(s.plan.variants.size(), 12u);
  std::set<int> strata;
  for (const Variant& v : s.plan.variants) {
    EXPECT_GE(v.cells[0].number, 1);
    EXPECT_LT(v.cells[0].number, 2);
    strata.insert(static_cast<int>((v.cells[1].number - 0.2) / 0.6 * 12));
  }
  EXPECT_EQ(strata.size(), 12u);
}

void expect_error(const std::string& text, const std::string& located, const std::string& problem) {
  try {
    parse_sensitivity(text, "bad.yaml");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(located), std::string::npos) << message;
    EXPECT_NE(message.find(problem), std::string::npos) << message;
  }
}

TEST(SensitivityFile, BadFilesGiveLocatedErrors) {
  const std::string base = "base: " + test::source_path("scenarios/silo.yaml") + "\n";
  // Bounds outside the parameter's own range (a share: 0 to 1).
  expect_error(base + "morris: {trajectories: 4}\nparameters:\n  outreach.visit_detection: {min: 0.5, max: 1.5}\n",
               "bad.yaml:4:45: parameters.outreach.visit_detection.max:", "out of range");
  expect_error(base + "morris: {trajectories: 4}\nparameters:\n  outreach.workrs: {min: 0, max: 1}\n",
               "bad.yaml:4:3: outreach.workrs:", "did you mean 'outreach.workers'?");
  expect_error(base + "morris: {trajectories: 4}\nparameters:\n  intake.mode: {min: 0, max: 1}\n",
               "bad.yaml:4:16: parameters.intake.mode:", "expected a list of its two values");
  expect_error(base + "morris: {trajectories: 4}\nparameters:\n  outreach.targeting: [random, risk, lists]\n",
               "bad.yaml:4:23: parameters.outreach.targeting:", "expected the two values of a switch");
  expect_error(base + "morris: {trajectories: 4, levels: 5}\nparameters:\n  outreach.workers: {min: 0, max: 1}\n",
               "bad.yaml:2:35: morris.levels:", "expected an even number");
  expect_error(
      base + "morris: {trajectories: 4, levels: 8}\nparameters:\n  outreach.visits_to_trust: {min: 1, max: 4}\n",
      "bad.yaml:4:29: parameters.outreach.visits_to_trust:", "narrower than the 8 levels");
  expect_error(base +
                   "lhs: {samples: 4}\nparameters:\n  outreach.workers: {min: 0, max: 1}\n  participation.slots: {min: "
                   "0, max: 9}\n",
               "bad.yaml:2:16: lhs.samples:", "expected at least parameters + 3");
  expect_error(
      base + "lhs: {samples: 9}\nmorris: {trajectories: 4}\nparameters:\n  outreach.workers: {min: 0, max: 1}\n",
      "bad.yaml:2:6: lhs:", "both morris: and lhs:");
  expect_error(base + "parameters:\n  outreach.workers: {min: 0, max: 1}\n",
               "bad.yaml:1:1: morris:", "expected a method");
  expect_error(base + "morris: {}\nparameters:\n  outreach.workers: {min: 0, max: 1}\noutputs: [overall.rmst_day]\n",
               "bad.yaml:5:11: outputs[0]:", "did you mean 'overall.rmst_days'?");
  expect_error(base + "set: {outreach.workers: 1}\nmorris: {}\nparameters:\n  outreach.workers: {min: 0, max: 1}\n",
               "bad.yaml:5:3: parameters.outreach.workers:", "both fixed in set: and varied");
  expect_error(base + "morris: {trajectories: 4}\nparameters:\n  outreach.workers: {min: 2, max: 1}\n",
               "bad.yaml:4:35: parameters.outreach.workers.max:", "max is not above min");
  expect_error(base + "morris: {trajectory: 4}\nparameters:\n  outreach.workers: {min: 0, max: 1}\n",
               "bad.yaml:2:10: morris.trajectory:", "did you mean 'trajectories'?");
}

TEST(SensitivityFile, RepositoryStudiesLoad) {
  for (const char* name : {"morris_levers", "lhs_levers", "lhs_frictions_silo", "lhs_frictions_full_juso"}) {
    const SensitivityStudy s =
        load_sensitivity(test::source_path(std::string("scenarios/sensitivity/") + name + ".yaml"));
    EXPECT_GT(s.plan.runs.size(), 0u) << name;
  }
}

}  // namespace
}  // namespace kyosei
