// Costs (phase_record.cpp, system_summary.cpp, grant_base_yen): staff, the new functions, and the
// national share up to the grant base amount of the municipality's population band.
#include <gtest/gtest.h>

#include <numeric>

#include "kyosei/model/state.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(Costs, GrantBaseFollowsThePopulationBands) {
  const Scenario s = Scenario::defaults();
  const std::vector<std::pair<std::int64_t, double>> expected = {
      {1, 25.3e6},      {9999, 25.3e6},   {10000, 28.0e6},  {29999, 28.0e6},    {30000, 31.0e6},  {49999, 31.0e6},
      {50000, 33.8e6},  {99999, 33.8e6},  {100000, 42.0e6}, {199999, 42.0e6},   {200000, 50.5e6}, {299999, 50.5e6},
      {300000, 56.0e6}, {499999, 56.0e6}, {500000, 61.8e6}, {126000000, 61.8e6}};
  for (const auto& [residents, base] : expected) EXPECT_DOUBLE_EQ(grant_base_yen(s, residents), base) << residents;
}

Summary run(const Scenario& s) {
  Simulation sim(s, RunOptions{4, 0, 0});
  sim.run();
  return sim.results().summary;
}

TEST(Costs, SiloPaysItsStaffAndNoNewFunctions) {
  const Scenario s = test::small_scenario("silo", 20000, 365);
  Simulation sim(s, RunOptions{4, 0, 0});
  sim.run();
  const Results r = sim.results();
  double staff = 0;
  for (const AgencyInfo& a : r.agencies) staff += a.staff;
  EXPECT_NEAR(r.summary.cost_yen_per_year, staff * s.costs.staff_yen_per_fte, 1.0);
  EXPECT_EQ(r.summary.new_function_cost_yen_per_year, 0);
  EXPECT_EQ(r.summary.national_subsidy_yen_per_year, 0);
  EXPECT_EQ(r.summary.meeting_hours_per_year, 0);
}

TEST(Costs, NationalShareUpToTheGrantBase) {
  // A town of 8,000 (band under 10,000): modest new functions get 3/4 of their cost...
  Scenario town = test::small_scenario("town_8k", 8000, 365);
  const Summary modest = run(town);
  ASSERT_GT(modest.new_function_cost_yen_per_year, 0);
  ASSERT_LT(modest.new_function_cost_yen_per_year, 25.3e6);
  EXPECT_NEAR(modest.national_subsidy_yen_per_year, 0.75 * modest.new_function_cost_yen_per_year, 1.0);
  // ...but spending beyond the base amount gets 3/4 of the base only.
  town.outreach.workers = 10;
  const Summary lavish = run(town);
  ASSERT_GT(lavish.new_function_cost_yen_per_year, 25.3e6);
  EXPECT_NEAR(lavish.national_subsidy_yen_per_year, 0.75 * 25.3e6, 1.0);
  EXPECT_NEAR(lavish.municipal_cost_yen_per_year, lavish.cost_yen_per_year - lavish.national_subsidy_yen_per_year, 1.0);
}

// The grant base caps a grant year's subsidy, not a day's: days of joint meetings cost more than a
// day's share of the base, and are funded in full while the year stays within it (docs/ODD.md §7
// "Recording and costs"). Two grant years, the second cut short by the horizon.
TEST(Costs, TheGrantBaseCapsAYearNotADay) {
  Scenario town = test::small_scenario("town_8k", 8000, 365 + 200);
  town.costs.meeting_hour_yen = 2.0e5;  // meeting days well above a day's share of the base
  Simulation sim(town, RunOptions{4, 0, 0});
  sim.run();
  const DailySeries& S = sim.results().series;
  const double base = 25.3e6;  // the band under 10,000 residents
  int dear_days = 0;
  for (double spent : S.new_function_cost_yen) dear_days += spent > base / kDaysPerYear;
  ASSERT_GT(dear_days, 0);
  const auto sum = [](const std::vector<double>& v, std::size_t from, std::size_t to) {
    return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(to),
                           0.0);
  };
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>{0, 365}, {365, 565}}) {
    const double spent = sum(S.new_function_cost_yen, from, to);
    const double cap = base * static_cast<double>(to - from) / kDaysPerYear;
    EXPECT_NEAR(sum(S.national_subsidy_yen, from, to), 0.75 * std::min(spent, cap), 1.0) << from;
  }
}

TEST(Costs, MeetingHoursAreCharged) {
  Scenario s = test::small_scenario("full_juso", 20000, 730);
  s.outreach.workers = 0;
  s.participation.slots = 0;
  const Summary on = run(s);
  ASSERT_GT(on.meeting_hours_per_year, 0);
  const double coordinators = s.collaboration.coordinators * 4;  // one district: 4 silo agencies
  EXPECT_NEAR(on.new_function_cost_yen_per_year,
              coordinators * s.costs.coordinator_yen_per_fte + on.meeting_hours_per_year * s.costs.meeting_hour_yen,
              1.0);
}

// Household assessments and accompanied hand-offs take staff time, charged in the total cost; the
// hours change nothing else, so the two runs differ by the hours' cost alone.
TEST(Costs, AssessmentAndWarmHandOffHoursAreCharged) {
  Scenario s = test::small_scenario("full_juso", 20000, 730);
  const Summary charged = run(s);
  s.intake.assessment_hours = s.intake.warm_handoff_hours = 0;
  const Summary free = run(s);
  ASSERT_GT(charged.intake_hours_per_year, 0);
  EXPECT_EQ(free.intake_hours_per_year, 0);
  EXPECT_NEAR(charged.cost_yen_per_year - free.cost_yen_per_year,
              charged.intake_hours_per_year * s.costs.meeting_hour_yen, 1.0);
  EXPECT_EQ(charged.overall.detection_365, free.overall.detection_365);
}

}  // namespace
}  // namespace kyosei
