// Stopping on request (RunOptions::stop, FactorialHooks::stop, ExecuteOptions::stop): a build is
// abandoned between its steps and within its long loops, a run of a sweep or a factorial at the
// end of a day, and a stop that never says so changes nothing. The commands' reactions to a
// signal are in test_interruption.cpp and test_cli_outputs.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "kyosei/run/factorial.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

// A stop that says so on its `n`th question (never for n = 0), counting the questions.
struct CountingStop {
  int n = 0;
  int asked = 0;
  std::function<bool()> function() {
    return [this] { return ++asked == n; };
  }
};

TEST(Stop, ABuildIsAbandonedWhereverTheStopSaysSo) {
  const Scenario s = test::small_scenario("full_juso", 200000, 30);
  CountingStop never;
  RunOptions options{1, 0, 0};
  options.stop = never.function();
  { const Simulation sim(s, options); }
  // Between the steps and every 65,536 households or residents within the long ones: for 200,000
  // residents, a dozen questions or more.
  ASSERT_GE(never.asked, 12);
  for (const int n : {1, never.asked / 2, never.asked}) {  // at the start, in the middle, at the end
    CountingStop at{n};
    options.stop = at.function();
    EXPECT_THROW((void)Simulation(s, options), RunStopped) << "question " << n;
    EXPECT_EQ(at.asked, n);  // no question after the one that stopped it
  }
}

TEST(Stop, AStopThatNeverSaysSoChangesNothing) {
  const Scenario s = test::small_scenario("full_juso", 20000, 365);
  Simulation plain(s, RunOptions{7, 1, 0});
  plain.run();
  RunOptions asked{7, 1, 0};
  asked.stop = [] { return false; };
  Simulation with_stop(s, asked);
  with_stop.run();
  test::expect_identical(plain.results(), with_stop.results());
}

TEST(Stop, ASweepRunStopsAtTheEndOfTheDayNotOfTheMonth) {
  const test::ScratchDir dir;
  const RunPlan plan = parse_sweep("name: stop\nbase: " + test::source_path("scenarios/silo.yaml") +
                                       "\nset:\n  population.residents: 2000\n  run.horizon_days: 20\n"
                                       "  run.burn_in_days: 0\nreplicates: 1\n",
                                   "sweep.yaml");
  // Asked during the build and then before every day: stopped on day 10 of 20, before any month end.
  CountingStop build;
  {
    RunOptions options{plan.runs[0].seed, plan.runs[0].replicate, 1};
    options.stop = build.function();
    const Simulation sim(plan.variants[0].scenario, options);
  }
  CountingStop stop{build.asked + 10};
  EXPECT_FALSE(execute_run(plan, 0, dir.path().string(), 1, stop.function()));
  EXPECT_EQ(stop.asked, build.asked + 10);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / (plan.runs[0].id + ".h5")));
  // Stopped while its population is built, and not stopped at all.
  CountingStop early{1};
  int announced = 0;
  EXPECT_FALSE(execute_run(plan, 0, dir.path().string(), 1, early.function(), [&](std::size_t, bool) { ++announced; }));
  EXPECT_EQ(announced, 1);  // "building", never "built"
  CountingStop never;
  EXPECT_TRUE(execute_run(plan, 0, dir.path().string(), 1, never.function()));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / (plan.runs[0].id + ".h5")));
}

TEST(Stop, AFactorialStopsInADayAndHandsOverTheRunsItHadFinished) {
  FactorialDesign d;
  d.low = test::small_scenario("silo", 3000, 40);
  d.high = test::small_scenario("full_juso", 3000, 40);
  d.low.run.burn_in_days = d.high.run.burn_in_days = 0;
  d.levers = {juso_levers()[0]};  // intake
  d.replicates = 1;
  int days = 0;
  std::vector<std::uint32_t> finished;
  std::int64_t stopped_at = -1;
  FactorialHooks hooks;
  hooks.after_day = [&] { ++days; };
  hooks.stop = [&] { return days == 40 + 5; };  // day 5 of the second cell
  hooks.run_done = [&](std::uint32_t cell, int, const Simulation& sim) {
    EXPECT_TRUE(sim.finished());
    finished.push_back(cell);
  };
  hooks.stopped = [&](std::uint32_t cell, int replicate, const Simulation& sim) {
    EXPECT_EQ(cell, 1u);
    EXPECT_EQ(replicate, 0);
    stopped_at = sim.days_done();
  };
  const FactorialResult r = run_factorial(d, hooks);
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.runs, 1u);
  EXPECT_TRUE(r.effects.empty());
  EXPECT_EQ(finished, std::vector<std::uint32_t>{0});
  EXPECT_EQ(stopped_at, 5);
}

}  // namespace
}  // namespace kyosei
