// The thread count of each day (thread_governor.cpp), fed day times as an idle machine, a loaded
// one and a machine whose load comes and goes would give them; and a Simulation whose days
// were forced onto one thread gives the results of one that kept its threads.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/engine/thread_governor.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

// Runs `days` days through the governor, each taking `seconds(threads)`; returns the days run on
// fewer threads than asked for.
std::int64_t run_days(ThreadGovernor& g, std::int64_t days, const std::function<double(int)>& seconds) {
  const std::int64_t before = g.days_on_fewer_threads();
  for (std::int64_t d = 0; d < days; ++d) g.record_day(seconds(g.threads()));
  return g.days_on_fewer_threads() - before;
}

// Day times of a machine where two threads take 0.6 of one thread's time, or (loaded) five times it.
double idle(int threads) { return threads == 1 ? 1e-3 : 0.6e-3; }
double loaded(int threads) { return threads == 1 ? 1e-3 : 5e-3; }

TEST(ThreadGovernor, KeepsTheThreadsAskedForOnAnIdleMachineButForShortProbes) {
  ThreadGovernor g(2, true);
  EXPECT_EQ(g.threads(), 2);
  const std::int64_t fewer = run_days(g, 4380, idle);
  EXPECT_EQ(g.threads(), 2);
  // One window after the first, then probes further and further apart: under 2% of the days.
  EXPECT_GE(fewer, ThreadGovernor::kWindow);
  EXPECT_LT(fewer, 4380 / 50);
}

TEST(ThreadGovernor, SettlesOnOneThreadOnALoadedMachine) {
  ThreadGovernor g(2, true);
  const std::int64_t fewer = run_days(g, 4380, loaded);
  EXPECT_EQ(g.threads(), 1);
  // Only the first window and the probes ran on two threads.
  EXPECT_GT(fewer, 4380 - 4380 / 20);
}

TEST(ThreadGovernor, FollowsLoadThatComesAtOnceAndLoadThatGoesAtTheNextProbe) {
  ThreadGovernor g(4, true);
  run_days(g, 1000, idle);
  EXPECT_EQ(g.threads(), 4);
  // Load arrives: a window of slower days probes one thread at once, which wins.
  run_days(g, 4 * ThreadGovernor::kWindow, loaded);
  EXPECT_EQ(g.threads(), 1);
  EXPECT_GT(run_days(g, 3000, loaded), 3000 - 3000 / 20);
  EXPECT_EQ(g.threads(), 1);
  // Load goes: one thread's days are as before, so the next scheduled probe finds it.
  const std::int64_t fewer = run_days(g, ThreadGovernor::kMaxInterval + 2 * ThreadGovernor::kWindow, idle);
  EXPECT_EQ(g.threads(), 4);
  EXPECT_LE(fewer, ThreadGovernor::kMaxInterval + ThreadGovernor::kWindow);
}

TEST(ThreadGovernor, ALosingProbeOnALoadedMachineEndsOnceItTookAWindowsTime) {
  ThreadGovernor g(2, true);
  run_days(g, 100, loaded);  // settled on one thread at day 11, probed two at day 67
  ASSERT_EQ(g.threads(), 1);
  std::int64_t probe_days = 0;
  for (std::int64_t d = 0; d < 2000; ++d) {
    probe_days += g.threads() == 2;
    g.record_day(loaded(g.threads()));
  }
  // Probes 112, 224, 448 and 896 days after the one before (doubling), each of 2 days: their 10 ms
  // passed a window's 7 ms at one thread.
  EXPECT_EQ(probe_days, 4 * 2);
}

TEST(ThreadGovernor, AProbeWonByLuckyDaysIsUndoneByTheWindowAfterIt) {
  ThreadGovernor g(2, true);
  run_days(g, 100, loaded);
  ASSERT_EQ(g.threads(), 1);
  while (g.threads() == 1) g.record_day(loaded(1));  // up to the next probe
  for (int d = 0; d < ThreadGovernor::kWindow / 2 + 1; ++d) g.record_day(0.5e-3);  // the team met at once
  EXPECT_EQ(g.threads(), 2);
  run_days(g, ThreadGovernor::kWindow, loaded);  // and then waited for time slices again
  EXPECT_EQ(g.threads(), 1);
}

TEST(ThreadGovernor, OneSlowDayInAWindowDecidesNothing) {
  ThreadGovernor g(2, true);
  std::int64_t day = 0;
  // Every 30th day is ten times slower (the outreach list's scan), whatever the threads.
  run_days(g, 4380, [&](int threads) { return idle(threads) * (++day % 30 == 0 ? 10 : 1); });
  EXPECT_EQ(g.threads(), 2);
}

TEST(ThreadGovernor, WithoutAdaptingOrWithOneThreadNothingChanges) {
  ThreadGovernor fixed(2, false);
  EXPECT_EQ(run_days(fixed, 1000, loaded), 0);
  EXPECT_EQ(fixed.threads(), 2);
  ThreadGovernor one(1, true);
  EXPECT_EQ(run_days(one, 1000, loaded), 0);
  EXPECT_EQ(one.threads(), 1);
}

TEST(ThreadGovernor, AnUnreadableSwitchInTheEnvironmentIsAnError) {
  struct Unset {
    ~Unset() { unsetenv("KYOSEI_ADAPT_THREADS"); }
  } unset;
  setenv("KYOSEI_ADAPT_THREADS", "maybe", 1);
  try {
    Simulation sim(test::small_scenario("silo", 1000, 30), RunOptions{});
    ADD_FAILURE() << "accepted KYOSEI_ADAPT_THREADS=maybe";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("KYOSEI_ADAPT_THREADS=maybe"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kyosei
