// The table of the day's phases (sim/model/phase_table.hpp) and the profile of a run that it gives
// (kyosei run --profile).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../../sim/model/phase_table.hpp"
#include "kyosei/model/state.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(PhaseTable, NamesEachPhaseOnceWithTheTiesWhereTheDayStepExpectsThem) {
  std::set<std::string_view> names;
  for (const Phase& p : kDayPhases) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    EXPECT_NE(p.run, nullptr) << p.name;
  }
  EXPECT_EQ(kDayPhases[kTiesPhase].name, "ties");
  EXPECT_EQ(kDayPhases.back().name, "record");
}

// A profiled run is the same run, and its event counts are those its calendars handed out.
TEST(PhaseProfile, CountsEveryPhaseEveryDayWithoutChangingTheRun) {
  Scenario s = test::small_scenario("full_juso", 3000, 100);
  s.run.burn_in_days = 30;
  Simulation plain(s, RunOptions{3, 0, 2}), profiled(s, RunOptions{3, 0, 2});
  EXPECT_EQ(profiled.profile(), nullptr);
  profiled.enable_profile();
  plain.run();
  profiled.run();
  test::expect_identical(plain.results(), profiled.results());

  const PhaseProfile& p = *profiled.profile();
  EXPECT_EQ(p.days, profiled.days_total());
  ASSERT_EQ(p.phases.size(), kDayPhases.size());
  const State& st = profiled.state();
  for (std::size_t i = 0; i < kDayPhases.size(); ++i) {
    SCOPED_TRACE(p.phases[i].name);
    EXPECT_EQ(p.phases[i].name, kDayPhases[i].name);
    EXPECT_GE(p.phases[i].seconds, 0);
    EXPECT_EQ(p.phases[i].has_calendar, kDayPhases[i].events != nullptr);
    // Construction schedules but hands nothing out: every event handed out was a phase's.
    EXPECT_EQ(p.phases[i].events, kDayPhases[i].events ? kDayPhases[i].events(st) : 0);
  }
  EXPECT_GT(p.phases[kTiesPhase].events, 0);
}

TEST(PhaseProfile, RunProfilePrintsEveryPhase) {
  test::ScratchDir dir;
  const test::CommandResult r = test::run_kyosei(
      "run scenarios/silo.yaml --set population.residents=2000 --set run.horizon_days=30 --set run.burn_in_days=0 "
      "--profile -o " +
          (dir.path() / "out.h5").string(),
      dir);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const Phase& p : kDayPhases) {
    std::string row = "\n";  // appended, not "\n" + ...: GCC 12 warns falsely (-Wrestrict, PR 105651)
    row += p.name;
    row += ' ';
    EXPECT_NE(r.err.find(row), std::string::npos) << p.name;
  }
  EXPECT_NE(r.err.find("30 days"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kyosei
