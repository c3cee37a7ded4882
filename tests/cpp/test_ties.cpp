// The tie store at the start (ties.cpp, tie_store.cpp) and its dynamics (phases/ties.cpp).
#include <algorithm>
#include <gtest/gtest.h>

#include "../../sim/model/context.hpp"
#include "../../sim/model/events.hpp"
#include "../../sim/model/phases.hpp"
#include "../../sim/model/phases/ties.hpp"
#include "../../sim/model/step.hpp"
#include "../../sim/model/tie_store.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/model/state.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

TEST(Ties, StoreIsSymmetricWithOneTiePerPair) {
  Simulation sim(test::small_scenario("silo", 20000, 10), RunOptions{6, 0, 0});
  const State& st = sim.state();
  const Ties& T = st.ties;
  ASSERT_EQ(T.blocks.size(), st.residents.size());
  std::vector<int> slots_per_tie(T.size(), 0);
  for (std::int32_t v = 0; v < static_cast<std::int32_t>(T.blocks.size()); ++v) {
    std::int64_t previous = -1;
    for_each_tie(st, v, [&](std::uint32_t tie, std::int32_t other) {
      EXPECT_GT(other, previous) << "laid out sorted, so unique";
      previous = other;
      ++slots_per_tie[tie];
      const Tie& t = T.records[tie];
      EXPECT_TRUE((t.end_a == v && t.end_b == other) || (t.end_b == v && t.end_a == other));
    });
  }
  for (int n : slots_per_tie) EXPECT_EQ(n, 2);
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
    if (T.records[t].kind() == TieKind::neighbour) {
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
  for (std::int32_t r = 0; r < static_cast<std::int32_t>(st.ties.blocks.size()); ++r) {
    const double degree = tie_degree(st.ties, r);
    if (st.residents.sociability[r] < 0.7) {
      low += degree;
      n_low += 1;
    }
    if (st.residents.sociability[r] > 1.3) {
      high += degree;
      n_high += 1;
    }
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

// A change of a tie's rates lists the tie; the day's flips draw its next flip from the rates the
// day ends with, keyed by the version of its last change, as a draw at that change would have
// been. Superseded changes leave nothing in the calendar, and the tie does not flip that day.
TEST(Ties, ARedrawIsTheDrawOfTheDaysLastChangeOfTheTie) {
  const Scenario s = test::small_scenario("silo", 5000, 365);
  const Context ctx{s, RngKey{3, 0}, 2};
  State st;
  initialise(ctx, {Epoch{0, s}}, st);
  while (st.today < 30) step_day(ctx, st);
  // A resident with ties and no condition; its first tie's other end changes too.
  std::int32_t r = 0;
  while (tie_degree(st.ties, r) < 3 || st.residents.core[r].conditions != 0 || !st.residents.alive(r)) ++r;
  std::vector<std::uint32_t> ties, first_versions;
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t) {
    ties.push_back(tie);
    first_versions.push_back(st.ties.records[tie].version());
  });
  const Tie before = st.ties.records[ties[0]];
  const std::int32_t other = before.end_a == r ? before.end_b : before.end_a;
  st.residents.core[r].conditions |= kWithdrawn;  // every tie of r: one change
  redraw_ties_of(st, r);
  st.residents.core[other].conditions ^= kWithdrawn;  // the first tie: a second change
  redraw_tie_flip(st, ties[0]);
  ASSERT_EQ(st.ties.redraws.size(), ties.size() + 1);

  const Day today = st.today;
  phase_ties(ctx, st, draw_flip_waits(ctx, st, [] {}));
  EXPECT_TRUE(st.ties.redraws.empty());
  EXPECT_EQ(st.ties.records[ties[0]].status(), before.status()) << "its events of the day were stale";
  for (std::size_t i = 0; i < ties.size(); ++i) {
    SCOPED_TRACE(i);
    const std::uint32_t tie = ties[i], version = st.ties.records[tie].version();
    EXPECT_EQ(version, first_versions[i] + (i == 0 ? 2 : 1));
    const TieRates rates = tie_rates(ctx, st, tie);
    const double rate = st.ties.records[tie].status() == kActive ? rates.decay : rates.renewal;
    const double wait = ctx.draws(Process::tie_flip, tie, today, version).exponential(1.0) / rate;
    const Day expected = event_day(today, wait * kDaysPerYear);
    std::vector<Day> current, superseded;
    const auto& buckets = st.calendars.ties.buckets();
    for (Day d = today + 1; d < static_cast<Day>(buckets.size()); ++d)
      for (const TieFlip& ev : buckets[d])
        if (ev.id == static_cast<std::int32_t>(tie) && ev.version >= first_versions[i] + 1)
          (ev.version == version ? current : superseded).push_back(d);
    EXPECT_EQ(current, expected < static_cast<Day>(buckets.size()) ? std::vector<Day>{expected} : std::vector<Day>{});
    EXPECT_TRUE(superseded.empty());
  }
}

}  // namespace
}  // namespace kyosei

// The store's blocks move, split, go back as pieces and are compacted (tie_store.cpp) without
// changing any resident's slots or their order, and the arena stays within what its live blocks
// need plus the eighth that may be free before it is compacted.
TEST(Ties, StoreKeepsEveryResidentsSlotsInOrderThroughGrowthAndCompaction) {
  using namespace kyosei;
  Ties T;
  constexpr int kResidents = 400;
  for (int r = 0; r < kResidents; ++r) add_tie_vertex(T);
  std::vector<std::vector<std::int32_t>> expected(kResidents);  // each resident's other ends, in order
  const auto tie_up = [&](std::int32_t a, std::int32_t b) {
    if (a == b || tied(T, a, b)) return;
    insert_tie(T, a, b, TieKind::friendship, TieOrigin::neighbourhood);
    expected[a].push_back(b);
    expected[b].push_back(a);
  };
  const auto leave = [&](std::int32_t r) {  // as remove_ties_of does, without the model's counters
    const TieBlock b = T.blocks[r];
    for (std::uint32_t i = b.first; i < b.first + b.count; ++i) {
      const TieSlot s = T.arena[i];
      erase_tie_slot(T, s.other, s.tie);
      free_tie_record(T, s.tie);
      auto& theirs = expected[s.other];
      theirs.erase(std::find(theirs.begin(), theirs.end(), r));
    }
    release_tie_block(T, r);
    expected[r].clear();
  };
  std::size_t largest_block = 0;
  const auto live_slots = [&] {
    std::size_t live = 0;
    for (const TieBlock& b : T.blocks) {
      live += b.capacity;
      largest_block = std::max<std::size_t>(largest_block, b.capacity);
    }
    return live;
  };
  std::uint32_t x = 12345;
  const auto next = [&] { return static_cast<std::int32_t>((x = x * 1103515245u + 12345u) >> 16) % kResidents; };
  std::size_t most_live = 0, largest_arena = 0, compactions = 0;
  for (int round = 0; round < 30; ++round) {
    for (int i = 0; i < 600; ++i) {
      const std::size_t before = T.arena.size();
      tie_up(next(), next());
      if (T.arena.size() < before) {
        // Compacted: every block cut to its slots and one more, but the two this insertion grew.
        ++compactions;
        const auto roomy = std::count_if(T.blocks.begin(), T.blocks.end(),
                                         [](const TieBlock& b) { return b.capacity > b.count + 1u; });
        EXPECT_LE(roomy, 2);
      }
      most_live = std::max(most_live, live_slots());
      largest_arena = std::max(largest_arena, T.arena.size());
    }
    for (int i = 0; i < 60; ++i) leave(next());
  }
  // Residents with no ties, laid out as construction lays them out (an empty block at the arena's
  // end); then a quarter of the others leave, and the next compaction ends the arena before them.
  for (int i = 0; i < 8; ++i) {
    add_tie_vertex(T);
    T.blocks.back().first = static_cast<std::uint32_t>(T.arena.size());
  }
  const std::size_t before_leaving = T.arena.size();
  for (int i = 0; i < kResidents / 4; ++i) leave(next());
  for (int i = 0; i < 200; ++i) tie_up(next(), next());
  ASSERT_LT(T.arena.size(), before_leaving);
  for (std::int32_t r = 0; r < kResidents; ++r) {
    const TieBlock b = T.blocks[r];
    ASSERT_EQ(b.count, expected[r].size()) << r;
    for (std::uint32_t i = 0; i < b.count; ++i) EXPECT_EQ(T.arena[b.first + i].other, expected[r][i]) << r;
  }
  // Every block lies in the arena, empty ones included (a checkpoint checks it).
  for (const TieBlock& b : T.blocks) EXPECT_LE(std::uint64_t{b.first} + b.capacity, T.arena.size());
  // Every slot, spare ones included, names a record and a resident (a checkpoint checks it).
  for (const TieSlot& s : T.arena) {
    EXPECT_LT(s.tie, T.records.size());
    EXPECT_TRUE(s.other >= 0 && s.other < kResidents);
  }
  // No slot is lost: the live blocks and the free pieces make up the arena.
  std::size_t free = 0;
  for (std::size_t k = 0; k < T.free_blocks.size(); ++k) free += T.free_blocks[k].size() << k;
  EXPECT_EQ(live_slots() + free, T.arena.size());
  // The arena grows only while less than an eighth of it is free (else it is compacted first), so
  // it never exceeds 8/7 of the most its live blocks held, plus the two blocks an insertion grows.
  EXPECT_GT(compactions, 0u);
  EXPECT_LE(largest_arena, most_live + most_live / 7 + 2 * largest_block);
}
