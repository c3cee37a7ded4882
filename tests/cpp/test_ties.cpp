// The tie graph (ties.cpp) and its dynamics (tie_dynamics.cpp).
#include <gtest/gtest.h>

#include "kyosei/simulation.hpp"
#include "kyosei/state.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(Ties, GraphIsSymmetricWithOneTiePerPair) {
  Simulation sim(test::small_scenario("silo", 20000, 10), RunOptions{6, 0, 0});
  const State& st = sim.state();
  const Ties& T = st.ties;
  ASSERT_EQ(boost::num_edges(T.graph), 2 * T.size());
  std::vector<int> arcs_per_tie(T.size(), 0);
  for (std::uint32_t v = 0; v < boost::num_vertices(T.graph); ++v) {
    std::int64_t previous = -1;
    for (auto [it, end] = boost::out_edges(v, T.graph); it != end; ++it) {
      const auto target = static_cast<std::int64_t>(boost::target(*it, T.graph));
      EXPECT_GT(target, previous) << "targets sorted and unique";
      previous = target;
      const std::uint32_t tie = T.tie_of_arc[boost::get(boost::edge_index, T.graph, *it)];
      ++arcs_per_tie[tie];
      const Tie& t = T.records[tie];
      EXPECT_TRUE((t.end_a == static_cast<std::int32_t>(v) && t.end_b == target) ||
                  (t.end_b == static_cast<std::int32_t>(v) && t.end_a == target));
    }
  }
  for (int n : arcs_per_tie) EXPECT_EQ(n, 2);
}

TEST(Ties, NeighboursShareABlockAndNobodyTiesToTheirOwnHousehold) {
  Simulation sim(test::small_scenario("silo", 60000, 10), RunOptions{6, 0, 0});  // three districts
  const State& st = sim.state();
  const Ties& T = st.ties;
  std::size_t friends = 0, friends_in_district = 0;
  for (std::size_t t = 0; t < T.size(); ++t) {
    const auto ha = st.residents.household[T.records[t].end_a], hb = st.residents.household[T.records[t].end_b];
    EXPECT_NE(ha, hb);
    const auto ba = st.households.block[ha], bb = st.households.block[hb];
    if (T.records[t].kind == TieKind::neighbour) {
      EXPECT_EQ(ba, bb);
    } else {
      ++friends;
      friends_in_district += st.block_district[ba] == st.block_district[bb];
    }
  }
  // Friendships: mostly within the district, with small-world shortcuts.
  EXPECT_GT(static_cast<double>(friends_in_district) / friends, 0.8);
  EXPECT_LT(static_cast<double>(friends_in_district) / friends, 0.99);
}

TEST(Ties, MoreSociableResidentsHaveMoreTies) {
  Simulation sim(test::small_scenario("silo", 20000, 10), RunOptions{6, 0, 0});
  const State& st = sim.state();
  double low = 0, high = 0, n_low = 0, n_high = 0;
  for (std::uint32_t r = 0; r < boost::num_vertices(st.ties.graph); ++r) {
    const double degree = static_cast<double>(boost::out_degree(r, st.ties.graph));
    if (st.residents.sociability[r] < 0.7) { low += degree; n_low += 1; }
    if (st.residents.sociability[r] > 1.3) { high += degree; n_high += 1; }
  }
  EXPECT_GT(high / n_high, 1.5 * low / n_low);
}

TEST(Ties, WithdrawalRaisesIsolation) {
  // Faster decay for withdrawn residents leaves more of the population isolated over time.
  auto isolation = [](double factor) {
    Scenario s = test::small_scenario("silo", 20000, 1095);
    s.ties.withdrawn_factor = factor;
    s.conditions.withdrawal_onset = 0.05;
    Simulation sim(s, RunOptions{6, 0, 0});
    sim.run();
    return sim.results().summary.mean_isolation_residents;
  };
  EXPECT_GT(isolation(8.0), isolation(1.0) + 0.01);
}

TEST(Ties, FasterDecayRaisesIsolation) {
  auto isolation = [](double share) {
    Scenario s = test::small_scenario("silo", 20000, 730);
    s.ties.active_share = share;
    Simulation sim(s, RunOptions{6, 0, 0});
    sim.run();
    return sim.results().summary;
  };
  const Summary sparse = isolation(0.3), dense = isolation(0.8);
  EXPECT_GT(sparse.mean_isolation_residents, 2 * dense.mean_isolation_residents);
  EXPECT_GT(sparse.mean_isolation_households, dense.mean_isolation_households);
}

}  // namespace
}  // namespace kyosei
