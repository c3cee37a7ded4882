// The thread count of each day (thread_governor.cpp), fed day times and readings of the machine
// (a LoadSensor the test sets) as an idle machine, a loaded one and a machine whose load comes and
// goes would give them: no test here times anything.
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
  while (g.threads() == 1) g.record_day(loaded(1));                                // up to the next probe
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

// A machine whose readings the test sets: its clock and the caller's wait for a CPU advance with
// each day run through run_days_on.
struct FakeMachine final : LoadSensor {
  LoadReading now{0, 0, 0, 2, 2};
  LoadReading read() override { return now; }
  // Time passes without days (the population's construction), the caller waiting `waited_share` of it.
  void pass(double seconds, double waited_share) {
    now.wall_seconds += seconds;
    now.waited_seconds += seconds * waited_share;
  }
};

// As run_days, on `m`, the caller waiting `waited_share(threads)` of each day; returns the days
// run on fewer threads than asked for.
std::int64_t run_days_on(ThreadGovernor& g, FakeMachine& m, std::int64_t days,
                         const std::function<double(int)>& seconds, const std::function<double(int)>& waited_share) {
  const std::int64_t before = g.days_on_fewer_threads();
  for (std::int64_t d = 0; d < days; ++d) {
    const int threads = g.threads();
    m.pass(seconds(threads), waited_share(threads));
    g.record_day(seconds(threads));
  }
  return g.days_on_fewer_threads() - before;
}

// Days run on `m` until the count changes (at most `limit`).
std::int64_t days_until_the_count_changes(ThreadGovernor& g, FakeMachine& m, std::int64_t limit,
                                          const std::function<double(int)>& seconds,
                                          const std::function<double(int)>& waited_share) {
  const int threads = g.threads();
  std::int64_t days = 0;
  while (g.threads() == threads && days < limit) {
    run_days_on(g, m, 1, seconds, waited_share);
    ++days;
  }
  return days;
}

// A team waits for a CPU a third of the time where one other process keeps one of 2 cores busy;
// one thread does not; an idle machine makes no one wait.
double team_waits(int threads) { return threads == 1 ? 0.0 : 0.33; }
double no_wait(int) { return 0.0; }

TEST(ThreadGovernor, StartsAndBuildsOnOneThreadWhereTheTasksRunningLeaveNoProcessorForTheTeam) {
  FakeMachine m;
  m.now.others_running = 1;  // 1 + 2 threads on 2 processors
  EXPECT_EQ(ThreadGovernor(2, true, &m).threads(), 1);
  m.now.others_running = 0;
  EXPECT_EQ(ThreadGovernor(2, true, &m).threads(), 2);
  m.now.allowed = 1;  // two threads asked for where the affinity allows one processor
  EXPECT_EQ(ThreadGovernor(2, true, &m).threads(), 1);
  m.now.others_running = 5;  // without adapting, the threads asked for whatever the machine says
  EXPECT_EQ(ThreadGovernor(2, false, &m).threads(), 2);
}

TEST(ThreadGovernor, FirstDaysThatWaitedForACpuMoveAShortRunToOneThreadAtOnce) {
  FakeMachine m;  // the load was not running when the run started
  ThreadGovernor g(2, true, &m);
  ASSERT_EQ(g.threads(), 2);
  m.pass(0.2, team_waits(2));  // the population's construction on two threads
  m.now.others_running = 1;
  std::int64_t two_thread_days = 0;
  for (int d = 0; d < 438; ++d) {  // a short run: the loaded days take 1 ms on one thread
    two_thread_days += g.threads() == 2;
    run_days_on(g, m, 1, loaded, team_waits);
  }
  EXPECT_EQ(g.threads(), 1);
  // The first kEarlyDays alone: the readings since found no processor for a team, so the
  // scheduled probes of two threads were skipped.
  EXPECT_EQ(two_thread_days, ThreadGovernor::kEarlyDays);
}

TEST(ThreadGovernor, OnACrowdedMachineTheTeamIsProbedOnlyAtTheLongestInterval) {
  FakeMachine m;
  m.now.others_running = 14;  // a 2-processor machine that 8 sessions share
  ThreadGovernor g(2, true, &m);
  ASSERT_EQ(g.threads(), 1);
  // A team's day waits a tenth of a second for time slices there.
  const auto crowded = [](int threads) { return threads == 1 ? 1e-3 : 0.1; };
  const auto waits = [](int threads) { return threads == 1 ? 0.85 : 0.9; };
  std::int64_t two_thread_days = 0;
  for (int d = 0; d < 4380; ++d) {
    two_thread_days += g.threads() == 2;
    run_days_on(g, m, 1, crowded, waits);
  }
  // Scheduled probes 56, 112, ... 896 days apart were skipped; the one at 1,792 ran and lost
  // after its first day.
  EXPECT_EQ(two_thread_days, 1);
}

TEST(ThreadGovernor, AnIdleMachineKeepsItsThreadsWithReadingsToo) {
  FakeMachine m;
  ThreadGovernor g(2, true, &m);
  const std::int64_t fewer = run_days_on(g, m, 4380, idle, no_wait);
  EXPECT_EQ(g.threads(), 2);
  EXPECT_LT(fewer, 4380 / 50);  // the scheduled probes of one thread alone
}

TEST(ThreadGovernor, LoadThatSlowsTheTeamLessThanAJumpIsFollowedAtTheNextReadings) {
  FakeMachine m;
  ThreadGovernor g(2, true, &m);
  run_days_on(g, m, 1000, idle, no_wait);
  ASSERT_EQ(g.threads(), 2);
  // The team's days take 1.3 times as long (under the jump), one thread's are faster still.
  const auto slowed = [](int threads) { return threads == 1 ? 0.65e-3 : 0.78e-3; };
  m.now.others_running = 1;
  const std::int64_t days = days_until_the_count_changes(g, m, 1000, slowed, team_waits);
  // A reading every 0.05 s of days (64 days here; the first may still average idle days in),
  // then the probe at the window's end, won in 4 days.
  EXPECT_LE(days, 2 * 64 + 2 * ThreadGovernor::kWindow);
  run_days_on(g, m, 2 * ThreadGovernor::kWindow, slowed, team_waits);
  EXPECT_EQ(g.threads(), 1);
}

TEST(ThreadGovernor, LoadThatGoesIsFollowedAtTheNextReadingsNotAtTheNextScheduledProbe) {
  FakeMachine m;
  m.now.others_running = 1;
  ThreadGovernor g(2, true, &m);
  EXPECT_GT(run_days_on(g, m, 3000, loaded, team_waits), 3000 - 3000 / 20);
  ASSERT_EQ(g.threads(), 1);
  m.now.others_running = 0;
  const std::int64_t days = days_until_the_count_changes(g, m, 2000, idle, no_wait);
  // A reading every 50 days of 1 ms, then the probe at the window's end; the scheduled one was
  // up to 1,792 days away.
  EXPECT_LE(days, 50 + 2 * ThreadGovernor::kWindow);
  run_days_on(g, m, 3 * ThreadGovernor::kWindow, idle, no_wait);
  EXPECT_EQ(g.threads(), 2);
}

TEST(ThreadGovernor, ReadingsThatMisleadCostAFewProbesThatBackOff) {
  FakeMachine m;  // it says there is room and no one waits, but the team's days are 5 times slower
  ThreadGovernor g(2, true, &m);
  const std::int64_t fewer = run_days_on(g, m, 4380, loaded, no_wait);
  EXPECT_EQ(g.threads(), 1);
  // Prompted probes 14, 28, ... then 448 days apart, and the scheduled ones, 2 days each.
  EXPECT_GT(fewer, 4380 - 4380 / 40);
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
