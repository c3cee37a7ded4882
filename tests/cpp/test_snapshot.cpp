// Population snapshots (sim/model/snapshot.cpp, docs/outputs.md "Population snapshots"): the tables
// agree with the tie store and the totals, do not depend on the thread count, survive a checkpoint,
// and kyosei run --snapshot-days writes them or refuses bad days before any work.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "kyosei/io/checkpoint.hpp"
#include "kyosei/model/state.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

// A small municipality with community places, so that ties form and end during the run.
Scenario scenario() {
  Scenario s = test::small_scenario("integrated", 6000, 120);
  s.run.burn_in_days = 60;
  return s;
}

RunOptions with_days(std::vector<std::int32_t> days, int threads = 2) {
  RunOptions o{11, 0, threads};
  o.snapshot_days = std::move(days);
  return o;
}

Results run_to_end(Simulation& sim) {
  sim.run();
  return sim.results();
}

template <class T>
std::int64_t count_equal(const std::vector<T>& values, T value) {
  return std::count(values.begin(), values.end(), value);
}

void expect_same_snapshot(const PopulationSnapshot& a, const PopulationSnapshot& b) {
  EXPECT_EQ(a.day, b.day);
#define KYOSEI_COMPARE(name, type, unit, meaning) EXPECT_EQ(a.TABLE.name, b.TABLE.name) << #name;
#define TABLE residents
  KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_COMPARE)
#undef TABLE
#define TABLE households
  KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_COMPARE)
#undef TABLE
#define TABLE ties
  KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_COMPARE)
#undef TABLE
#undef KYOSEI_COMPARE
}

TEST(Snapshots, TablesAgreeWithTheTieStoreAndTheTotals) {
  Simulation sim(scenario(), with_days({0, 59, 119}));
  const Results r = run_to_end(sim);
  ASSERT_EQ(r.snapshots.size(), 3u);
  for (const PopulationSnapshot& s : r.snapshots) {
    SCOPED_TRACE("day " + std::to_string(s.day));
    const auto d = static_cast<std::size_t>(s.day);
    // Every tie not ended, once each: as many as the series counts at the end of that day.
    EXPECT_EQ(static_cast<std::int64_t>(s.ties.size()), r.series.ties[d]);
    EXPECT_EQ(count_equal(s.residents.departure, std::uint8_t{0}), r.series.residents[d]);
    EXPECT_EQ(count_equal(s.residents.departure, std::uint8_t{3}), r.series.in_care[d]);
    for (std::size_t i = 0; i < s.ties.size(); ++i) {
      ASSERT_LT(s.ties.a[i], s.ties.b[i]);
      if (i > 0) {
        ASSERT_TRUE(std::pair(s.ties.a[i - 1], s.ties.b[i - 1]) < std::pair(s.ties.a[i], s.ties.b[i]));
      }
      ASSERT_EQ(s.residents.departure[s.ties.a[i]], 0) << "a tie of a resident who left";
      ASSERT_EQ(s.residents.departure[s.ties.b[i]], 0) << "a tie of a resident who left";
    }
    // Active ties at both ends: each present resident's active ties are its active edges.
    std::vector<std::int32_t> active(s.residents.size(), 0);
    for (std::size_t i = 0; i < s.ties.size(); ++i)
      if (s.ties.active[i]) ++active[s.ties.a[i]], ++active[s.ties.b[i]];
    EXPECT_EQ(active, s.residents.outside_ties);
    std::int64_t members = std::accumulate(s.households.members.begin(), s.households.members.end(), std::int64_t{0});
    EXPECT_EQ(members, r.series.residents[d]);
  }
  // The State as it stands: the store's live records, and the isolation totals.
  const State& st = sim.state();
  const PopulationSnapshot now = sim.snapshot();
  EXPECT_EQ(now.day, r.snapshots.back().day);
  expect_same_snapshot(now, r.snapshots.back());
  EXPECT_EQ(now.ties.size(), st.ties.records.size() - st.ties.free_records.size());
  EXPECT_EQ(count_equal(now.residents.isolated, std::uint8_t{1}), st.totals.isolated_eligible);
  EXPECT_EQ(count_equal(now.households.isolated, std::uint8_t{1}), st.totals.isolated_households);
  EXPECT_GT(count_equal(now.ties.origin, static_cast<std::uint8_t>(TieOrigin::start)), 0);
  EXPECT_LT(count_equal(now.ties.origin, static_cast<std::uint8_t>(TieOrigin::start)),
            static_cast<std::int64_t>(now.ties.size()))
      << "no tie formed during the run";
}

TEST(Snapshots, TheSameAtAnyThreadCountAndAfterAResume) {
  Simulation one(scenario(), with_days({30, 100}, 1));
  const Results a = run_to_end(one);
  Simulation three(scenario(), with_days({30, 100}, 3));
  const Results b = run_to_end(three);
  ASSERT_EQ(a.snapshots.size(), 2u);
  ASSERT_EQ(b.snapshots.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) expect_same_snapshot(a.snapshots[i], b.snapshots[i]);

  // Saved between the two days: the first snapshot comes back with the State, the second is taken.
  test::ScratchDir dir;
  const std::string file = dir / "run.checkpoint.h5";
  {
    Simulation sim(scenario(), with_days({30, 100}, 2));
    while (sim.days_done() < 60 + 50) sim.step();
    write_checkpoint(file, sim, "run.h5");
  }
  Resumed resumed = read_checkpoint(file, 1);
  EXPECT_EQ(resumed.simulation->options().snapshot_days, (std::vector<std::int32_t>{30, 100}));
  const Results c = run_to_end(*resumed.simulation);
  ASSERT_EQ(c.snapshots.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) expect_same_snapshot(a.snapshots[i], c.snapshots[i]);
}

TEST(Snapshots, BadDaysAreRefusedBeforeThePopulationIsBuilt) {
  for (const auto& days : std::vector<std::vector<std::int32_t>>{{-1}, {120}, {5, 3}, {4, 4}}) {
    try {
      Simulation sim(scenario(), with_days(days));
      ADD_FAILURE() << "accepted day " << days.back();
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("snapshot_days: day ", 0), 0u) << e.what();
    }
  }
}

// A 1-D dataset of a result file.
template <class T>
std::vector<T> read_column(const std::string& file, const std::string& path, hid_t type) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(f, 0) << file;
  hsize_t n = 0;
  EXPECT_GE(H5LTget_dataset_info(f, path.c_str(), &n, nullptr, nullptr), 0) << path;
  std::vector<T> values(n);
  if (n > 0) {
    EXPECT_GE(H5LTread_dataset(f, path.c_str(), type, values.data()), 0) << path;
  }
  H5Fclose(f);
  return values;
}

TEST(Snapshots, RunWritesTheDaysAskedForAndRefusesBadOnesBeforeAnyWork) {
  test::ScratchDir dir;
  const std::string small =
      " --set population.residents=3000 --set run.horizon_days=100 --set run.burn_in_days=30 --threads 2";
  const std::string scenario_file = test::source_path("scenarios/integrated.yaml");
  const std::string out = dir / "out.h5";
  const auto r = test::run_kyosei("run " + scenario_file + small + " -o '" + out + "' --snapshot-days 0,99", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto ties = read_column<std::int64_t>(out, "/series/ties", H5T_NATIVE_INT64);
  const auto residents = read_column<std::int64_t>(out, "/series/residents", H5T_NATIVE_INT64);
  for (int day : {0, 99}) {
    const std::string group = "/snapshots/day_" + std::to_string(day);
    EXPECT_EQ(read_column<std::int32_t>(out, group + "/ties/a", H5T_NATIVE_INT32).size(),
              static_cast<std::size_t>(ties[day]));
    const auto departure = read_column<std::uint8_t>(out, group + "/residents/departure", H5T_NATIVE_UINT8);
    EXPECT_EQ(count_equal(departure, std::uint8_t{0}), residents[day]);
  }

  // Resumed from its last checkpoint (internal day 120, recorded day 90): the days come with it, the
  // snapshot of day 0 taken before the checkpoint and that of day 99 after the resume.
  const std::string resumed = dir / "resumed.h5";
  ASSERT_EQ(test::run_kyosei("run " + scenario_file + small + " -o '" + out + "' --force --snapshot-days 0,99" +
                                 " --checkpoint-every 60",
                             dir)
                .code,
            0);
  const auto again = test::run_kyosei("resume '" + (dir / "out.checkpoint.h5") + "' -o '" + resumed + "'", dir);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("resuming"), std::string::npos) << again.err;
  for (const std::string column : {"/ties/a", "/residents/age", "/households/members"})
    for (int day : {0, 99}) {
      const std::string path = "/snapshots/day_" + std::to_string(day) + column;
      EXPECT_EQ(read_column<std::int32_t>(resumed, path, H5T_NATIVE_INT32),
                read_column<std::int32_t>(out, path, H5T_NATIVE_INT32))
          << path;
    }

  // Refused with the option named, before the population is built, leaving no file.
  const std::string large = " --set population.residents=300000 --set run.horizon_days=3650";
  for (const std::string days : {"abc", "1,,2", "5,3", "7,7", "-1", "3650", "1.5", ""}) {
    const auto bad = test::run_kyosei(
        "run " + scenario_file + large + " -o '" + (dir / "bad.h5") + "' --snapshot-days '" + days + "'", dir);
    EXPECT_EQ(bad.code, 2) << days << "\n" << bad.err;
    EXPECT_NE(bad.err.find("--snapshot-days"), std::string::npos) << days << "\n" << bad.err;
    EXPECT_EQ(bad.err.find("building the population"), std::string::npos) << days;
    EXPECT_FALSE(fs::exists(dir / "bad.h5")) << days;
  }
}

}  // namespace
}  // namespace kyosei
