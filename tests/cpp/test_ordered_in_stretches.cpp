// A list put in order a stretch at a time (ordered_in_stretches.hpp) comes out as one sort orders
// it, which is what keeps the outreach team's visiting order exactly that of a sorted target list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "../../sim/engine/ordered_in_stretches.hpp"
#include "kyosei/model/state.hpp"

namespace kyosei {
namespace {

// Keys as build_targets makes them: a few risk classes, each spread by a small random key, with
// some keys repeated so that the household breaks the tie.
std::vector<OutreachTarget> shuffled_targets(std::size_t n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> score(1, 9);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<OutreachTarget> targets;
  for (std::size_t h = 0; h < n; ++h)
    targets.push_back({h % 7 == 0 ? -2.0 : -score(gen) - 1e-3 * u(gen), static_cast<std::int32_t>(h)});
  std::shuffle(targets.begin(), targets.end(), gen);
  return targets;
}

TEST(OrderedInStretches, StretchAfterStretchGivesTheSortedList) {
  for (std::size_t stretch : {1, 3, 100, 1024, 5000, 20000}) {
    SCOPED_TRACE(stretch);
    std::vector<OutreachTarget> list = shuffled_targets(5000, static_cast<std::uint32_t>(stretch));
    std::vector<OutreachTarget> sorted = list;
    std::sort(sorted.begin(), sorted.end());
    std::size_t ordered = 0;
    int steps = 0;
    while (ordered < list.size()) {
      const std::size_t next = order_stretch(std::span(list), ordered, stretch);
      ASSERT_EQ(next, std::min(list.size(), ordered + stretch));
      // What is ordered is final; what is not holds exactly the rest (compared sorted:
      // std::is_permutation takes quadratic time, minutes over 5,000 steps).
      ASSERT_TRUE(std::equal(list.begin(), list.begin() + next, sorted.begin()));
      std::vector<OutreachTarget> rest(list.begin() + static_cast<std::ptrdiff_t>(next), list.end());
      std::sort(rest.begin(), rest.end());
      ASSERT_TRUE(std::equal(rest.begin(), rest.end(), sorted.begin() + static_cast<std::ptrdiff_t>(next)));
      ordered = next;
      ++steps;
    }
    EXPECT_EQ(steps, static_cast<int>((list.size() + stretch - 1) / stretch));
  }
}

TEST(OrderedInStretches, AnEmptyListOrEmptyRestIsLeftAlone) {
  std::vector<OutreachTarget> none;
  EXPECT_EQ(order_stretch(std::span(none), 0, 10), 0u);
  std::vector<OutreachTarget> two{{-1.0, 4}, {-3.0, 2}};
  EXPECT_EQ(order_stretch(std::span(two), 0, 10), 2u);
  EXPECT_EQ(two[0].household, 2);
  EXPECT_EQ(order_stretch(std::span(two), 2, 10), 2u);
}

}  // namespace
}  // namespace kyosei
