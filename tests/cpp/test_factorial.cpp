// The factorial experiment (factorial.cpp): cells move exactly their levers, and the effects are
// the contrasts of the cell outcomes.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "kyosei/run/factorial.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

FactorialDesign small_design(std::vector<std::string> names, int replicates) {
  FactorialDesign d;
  d.low = test::small_scenario("silo", 15000, 730);
  d.high = test::small_scenario("full_juso", 15000, 730);
  for (const Lever& lever : juso_levers())
    if (std::find(names.begin(), names.end(), lever.name) != names.end()) d.levers.push_back(lever);
  d.replicates = replicates;
  d.seed = 3;
  return d;
}

TEST(Factorial, CellsMoveOnlyTheirLevers) {
  const FactorialDesign d = small_design({"intake", "outreach"}, 1);
  const Scenario none = factorial_cell(d, 0), intake = factorial_cell(d, 1), both = factorial_cell(d, 3);
  EXPECT_EQ(none.intake.mode, IntakeMode::silo);
  EXPECT_EQ(intake.intake.mode, IntakeMode::integrated);
  EXPECT_EQ(intake.intake.handoff, HandOff::cold);  // handoff is not a lever of this design
  EXPECT_EQ(intake.outreach.workers, 0);
  EXPECT_EQ(both.outreach.workers, d.high.outreach.workers);
  EXPECT_EQ(both.outreach.targeting, d.high.outreach.targeting);
  EXPECT_EQ(both.community.places_per_district, 0);
  for (const ParamSpec& spec : parameter_table()) {
    const std::string_view p = spec.path;
    if (p != "intake.mode" && !p.starts_with("outreach.")) {
      EXPECT_EQ(spec.get(both), spec.get(d.low)) << p;
    }
  }
}

TEST(Factorial, EffectsAreContrastsOfTheCells) {
  const FactorialDesign d = small_design({"intake", "handoff"}, 1);
  const FactorialResult r = run_factorial(d);
  ASSERT_EQ(r.runs, 4u);
  std::array<double, 4> found{};
  for (std::uint32_t cell = 0; cell < 4; ++cell) {
    Simulation sim(factorial_cell(d, cell), RunOptions{d.seed, 0, 0});
    sim.run();
    found[cell] = sim.results().summary.overall.detection_365;
  }
  ASSERT_EQ(r.effects.size(), 4u);  // grand mean, intake, handoff, intake x handoff
  EXPECT_EQ(r.effects[1].name, "intake");
  EXPECT_EQ(r.effects[3].name, "intake x handoff");
  EXPECT_NEAR(r.effects[0].mean[0], (found[0] + found[1] + found[2] + found[3]) / 4, 1e-9);
  EXPECT_NEAR(r.effects[1].mean[0], (found[1] + found[3] - found[0] - found[2]) / 2, 1e-9);
  EXPECT_NEAR(r.effects[2].mean[0], (found[2] + found[3] - found[0] - found[1]) / 2, 1e-9);
  EXPECT_NEAR(r.effects[3].mean[0], (found[3] - found[2] - found[1] + found[0]) / 2, 1e-9);
  EXPECT_TRUE(std::isnan(r.effects[1].stderr_[0]));  // one replicate: no standard error
}

TEST(Factorial, IntegratedIntakeShortensDetectionAcrossReplicates) {
  const FactorialResult r = run_factorial(small_design({"intake", "handoff"}, 2));
  EXPECT_EQ(r.runs, 8u);
  EXPECT_GT(r.effects[1].mean[0], 0.02);  // intake's main effect on detection before a crisis by 365 days
  EXPECT_GT(r.effects[1].stderr_[0], 0.0);
}

}  // namespace
}  // namespace kyosei
