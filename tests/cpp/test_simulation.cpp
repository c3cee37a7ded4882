// Whole runs: reproducibility, independence from the thread count, and the incremental totals
// against a recount from the arrays.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/model/state.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

Results run(const Scenario& s, std::uint64_t seed, int threads = 0) {
  // Every day on the threads asked for, however busy the machine: the thread counts are the test.
  Simulation sim(s, RunOptions{seed, 0, threads, false});
  sim.run();
  return sim.results();
}

TEST(Simulation, SameSeedGivesIdenticalResults) {
  const Scenario s = test::small_scenario("integrated", 20000, 730);
  const Results a = run(s, 11), b = run(s, 11);
  ASSERT_GT(a.episodes.size(), 100u);
  test::expect_identical(a, b);
}

TEST(Simulation, DifferentSeedsDiffer) {
  const Scenario s = test::small_scenario("silo", 20000, 730);
  const Results a = run(s, 11), b = run(s, 12);
  EXPECT_NE(a.episodes.onset_day, b.episodes.onset_day);
  EXPECT_NE(a.series.isolation_residents, b.series.isolation_residents);
}

TEST(Simulation, ResultsDoNotDependOnThreadCount) {
  // Every lever on, and residents enough that a day's tie flips take the parallel path
  // (tie_dynamics.cpp) besides the parallel construction.
  Scenario s = test::small_scenario("full_juso", 120000, 200);
  s.run.burn_in_days = 100;
  const Results reference = run(s, 5, 1);
  ASSERT_GT(reference.episodes.size(), 500u);
  const auto reference_hashes = test::dataset_hashes(reference);
  for (int threads : {2, 3, 8}) {
    SCOPED_TRACE(threads);
    const Results other = run(s, 5, threads);
    const auto hashes = test::dataset_hashes(other);
    for (const auto& [name, h] : reference_hashes) EXPECT_EQ(h, hashes.at(name)) << name;
    test::expect_identical(reference, other);
  }
}

TEST(Simulation, RecordsOneRowPerDayAfterTheBurnIn) {
  Scenario s = test::small_scenario("silo", 5000, 200);
  s.run.burn_in_days = 50;
  Simulation sim(s, RunOptions{1, 0, 0});
  EXPECT_EQ(sim.days_total(), 250);
  sim.run();
  const Results r = sim.results();
  ASSERT_EQ(r.series.day.size(), 200u);
  EXPECT_EQ(r.series.day.front(), 0);
  EXPECT_EQ(r.series.day.back(), 199);
  EXPECT_EQ(r.series.caseload.size(), 200 * r.agencies.size());
  for (std::size_t e = 0; e < r.episodes.size(); ++e) {
    EXPECT_GE(r.episodes.onset_day[e], 0);
    EXPECT_LT(r.episodes.onset_day[e], 200);
  }
  EXPECT_THROW(sim.step(), UsageError);
}

TEST(Simulation, EpisodeDaysAreOrdered) {
  const Results r = run(test::small_scenario("integrated", 20000, 1095), 3);
  const EpisodeTable& E = r.episodes;
  for (std::size_t e = 0; e < E.size(); ++e) {
    const auto onset = E.onset_day[e];
    if (E.first_contact_day[e] >= 0) {
      EXPECT_GE(E.first_contact_day[e], onset);
    }
    if (E.detected_day[e] >= 0) {
      EXPECT_GE(E.detected_day[e], E.first_contact_day[e]);
      EXPECT_GE(E.hops[e], 0);
      EXPECT_NE(E.channel[e], 0);
    } else {
      EXPECT_EQ(E.hops[e], -1);
      EXPECT_EQ(E.covered_day[e], -1);
    }
    if (E.covered_day[e] >= 0) {
      EXPECT_GE(E.covered_day[e], E.detected_day[e]);
    }
    if (E.resolved_day[e] >= 0) {
      EXPECT_GE(E.resolved_day[e], E.covered_day[e]);
      EXPECT_EQ(E.end_day[e], E.resolved_day[e]);
    }
    if (E.end_day[e] < 0) {
      EXPECT_LE(E.outcome[e], static_cast<int>(Outcome::monitoring));
    }
  }
}

// The household type an episode records is its household's at onset (household_type_at), and
// every type turns up in a municipality of 20,000.
TEST(Simulation, EpisodesRecordTheirHouseholdTypeAtOnset) {
  Simulation sim(test::small_scenario("silo", 20000, 365), RunOptions{5, 0, 1, false});
  sim.run();
  const EpisodeTable& E = sim.results().episodes;
  const Households& H = sim.state().households;
  ASSERT_EQ(E.household_type.size(), E.size());
  std::map<int, int> seen;
  for (std::size_t e = 0; e < E.size(); ++e) {
    ASSERT_LT(E.household_type[e], kHouseholdTypeCount);
    EXPECT_EQ(E.household_type[e], static_cast<int>(H.type[static_cast<std::size_t>(E.household[e])])) << e;
    ++seen[E.household_type[e]];
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kHouseholdTypeCount));
}

TEST(Simulation, CaseloadsNeverExceedCapacity) {
  Scenario s = test::small_scenario("silo", 20000, 730);
  s.agencies.staff_per_100k = {0, 0.5, 0.5, 0.5};  // starve the agencies so queues form
  const Results r = run(s, 2);
  const std::size_t agencies = r.agencies.size();
  std::int64_t longest_queue = 0;
  for (std::size_t d = 0; d < r.series.day.size(); ++d)
    for (std::size_t a = 0; a < agencies; ++a) {
      EXPECT_LE(r.series.caseload[d * agencies + a], r.agencies[a].capacity);
      EXPECT_LE(r.series.monitoring[d * agencies + a], r.series.caseload[d * agencies + a]);
      longest_queue = std::max(longest_queue, r.series.queue[d * agencies + a]);
    }
  EXPECT_GT(longest_queue, 10);
}

// The running totals behind the daily series must equal a recount from the arrays.
TEST(Simulation, IncrementalTotalsMatchARecount) {
  const Scenario s = test::small_scenario("integrated", 20000, 1500);
  Simulation sim(s, RunOptions{9, 0, 0});
  sim.run();
  const State& st = sim.state();
  std::int64_t alive = 0, eligible = 0, isolated = 0, open_undetected = 0;
  const Day of_age = static_cast<Day>(std::ceil(s.ties.isolation_min_age * kDaysPerYear));
  for (std::size_t r = 0; r < st.residents.size(); ++r) {
    if (!st.residents.alive(r)) continue;
    ++alive;
    int active = 0;
    if (r < boost::num_vertices(st.ties.graph))
      for (auto [it, end] = boost::out_edges(static_cast<std::uint32_t>(r), st.ties.graph); it != end; ++it)
        active +=
            st.ties.records[st.ties.tie_of_arc[boost::get(boost::edge_index, st.ties.graph, *it)]].status == kActive;
    EXPECT_EQ(active, st.residents.core[r].outside_ties);
    const Day last_day = st.today - 1;  // the totals describe the end of the last simulated day
    if (last_day >= st.residents.core[r].birth_day + of_age) {
      ++eligible;
      isolated += active == 0;
    }
  }
  for (std::size_t e = 0; e < st.episodes.size(); ++e) open_undetected += st.episodes.outcome[e] == Outcome::undetected;
  std::int64_t nonempty = 0, isolated_households = 0;
  for (std::size_t h = 0; h < st.households.size(); ++h) {
    if (st.households.members[h] == 0) continue;
    ++nonempty;
    isolated_households += st.households.connected[h] == 0;
  }
  EXPECT_EQ(st.totals.alive, alive);
  EXPECT_EQ(st.totals.eligible, eligible);
  EXPECT_EQ(st.totals.isolated_eligible, isolated);
  EXPECT_EQ(st.totals.open_undetected, open_undetected);
  EXPECT_EQ(st.totals.nonempty_households, nonempty);
  EXPECT_EQ(st.totals.isolated_households, isolated_households);
}

TEST(Simulation, RejectsNegativeThreads) {
  EXPECT_THROW(Simulation(test::small_scenario("silo", 1000, 10), RunOptions{1, 0, -1}), UsageError);
}

}  // namespace
}  // namespace kyosei
