// The policy timeline (Scenario::in_force, the loader's timeline key, epochs in simulation.cpp).
#include <gtest/gtest.h>

#include "kyosei/engine/errors.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(Timeline, InForceAppliesChangesUpToTheDayInOrder) {
  Scenario s = Scenario::defaults();
  s.timeline = {{200, "outreach.workers", 4}, {100, "outreach.workers", 2}, {100, "intake.mode", 1}};
  EXPECT_EQ(s.in_force(99).outreach.workers, 0);
  EXPECT_EQ(s.in_force(100).outreach.workers, 2);
  EXPECT_EQ(s.in_force(100).intake.mode, IntakeMode::integrated);
  EXPECT_EQ(s.in_force(250).outreach.workers, 4);
  EXPECT_TRUE(s.in_force(250).timeline.empty());
  EXPECT_EQ(s.silo_baseline().intake.mode, IntakeMode::silo);
}

TEST(Timeline, LoadsNestedAndDottedChanges) {
  const Scenario s = test::repository_scenario("juso_adoption");
  ASSERT_EQ(s.timeline.size(), 8u);
  for (const auto& change : s.timeline) EXPECT_EQ(change.day, 1095);
  const Scenario after = s.in_force(1095);
  EXPECT_EQ(after.intake.mode, IntakeMode::integrated);
  EXPECT_EQ(after.collaboration.mode, CollaborationMode::distributed);
  EXPECT_EQ(after.participation.slots, 40);
  EXPECT_EQ(s.in_force(1094).intake.mode, IntakeMode::silo);
}

void expect_error(const std::string& yaml, const std::string& message) {
  try {
    parse_scenario(yaml, "t.yaml");
    ADD_FAILURE() << "no error for:\n" << yaml;
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(Timeline, BadChangesNameTheirPlace) {
  expect_error(
      "timeline:\n  - day: 10\n    set:\n      outreach.worker: 2\n",
      "t.yaml:4:7: timeline[0].set.outreach.worker: unknown key 'outreach.worker' (did you mean 'outreach.workers'?)");
  expect_error("timeline:\n  - day: 10\n    set:\n      population.residents: 5\n",
               "t.yaml:4:7: timeline[0].set.population.residents: cannot change during a run (expected a policy, "
               "agency, service, detection, tie or cost parameter)");
  expect_error("timeline:\n  - day: -3\n    set: {intake.mode: integrated}\n",
               "t.yaml:2:10: timeline[0].day: found '-3' (expected a whole number of days from 0)");
  expect_error("timeline:\n  - day: 99999\n    set: {intake.mode: integrated}\n",
               "t.yaml:1:1: timeline: change of intake.mode on day 99999 is outside the horizon (expected 0 to "
               "run.horizon_days - 1)");
  expect_error("timeline:\n  - day: 5\n",
               "t.yaml:2:5: timeline[0]: found a mapping (expected a mapping with exactly the keys day and set)");
  expect_error("timeline: 3\n",
               "t.yaml:1:11: timeline: found the value '3' (expected a sequence of {day, set} entries)");
}

TEST(Timeline, AdoptionLeavesTheYearsBeforeItUntouched) {
  Scenario silo = test::small_scenario("silo", 20000, 1000);
  Scenario adoption = silo;
  adoption.timeline = {{600, "intake.mode", 1}, {600, "outreach.workers", 3}};
  auto run = [](const Scenario& s) {
    Simulation sim(s, RunOptions{12, 0, 0});
    sim.run();
    return sim.results();
  };
  const Results a = run(silo), b = run(adoption);
  auto head = [](const std::vector<std::int64_t>& v) { return std::vector<std::int64_t>(v.begin(), v.begin() + 600); };
  EXPECT_EQ(head(a.series.first_contacts), head(b.series.first_contacts));
  EXPECT_EQ(head(a.series.refusals), head(b.series.refusals));
  EXPECT_EQ(head(a.series.open_undetected), head(b.series.open_undetected));
  std::int64_t refusals_after = 0, visits_before = 0, visits_after = 0;
  for (std::size_t d = 600; d < 1000; ++d) refusals_after += b.series.refusals[d];
  for (std::size_t d = 0; d < 1000; ++d) (d < 600 ? visits_before : visits_after) += b.series.outreach_visits[d];
  EXPECT_EQ(refusals_after, 0);  // integrated intake refuses nobody
  EXPECT_EQ(visits_before, 0);
  EXPECT_GT(visits_after, 100);
}

}  // namespace
}  // namespace kyosei
