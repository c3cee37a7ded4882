// The guided search over prefix sums (prefix_search.hpp) picks exactly what a binary search over
// the range picks, so that the tie graph's realisation does not depend on the guide table.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "../../sim/engine/prefix_search.hpp"

namespace kyosei {
namespace {

// The reference: the first prefix sum above the value among cum[lo + 1 .. hi], as ties.cpp
// searched before the guide table.
std::int32_t binary_pick(const std::vector<double>& cum, std::int32_t lo, std::int32_t hi, double u) {
  const double x = cum[lo] + u * (cum[hi] - cum[lo]);
  return static_cast<std::int32_t>(std::upper_bound(cum.begin() + lo + 1, cum.begin() + hi + 1, x) - cum.begin()) - 1;
}

std::vector<double> prefix_sums(const std::vector<float>& weights) {
  std::vector<double> cum(weights.size() + 1, 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i) cum[i + 1] = cum[i] + weights[i];
  return cum;
}

void expect_same_picks(const std::vector<float>& weights, std::size_t items_per_bucket, std::uint32_t seed) {
  const GuidedPrefixSums guided(weights, items_per_bucket);
  const std::vector<double> cum = prefix_sums(weights);
  const auto n = static_cast<std::int32_t>(weights.size());
  std::mt19937 gen(seed);
  std::uniform_int_distribution<std::int32_t> end(0, n);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // The ends of the unit interval, where rounding may carry a value onto a range's last sum.
  const double edges[] = {0.0, 0x1.fffffffffffffp-1, 0x1p-53};
  for (int trial = 0; trial < 20000; ++trial) {
    std::int32_t lo = end(gen), hi = end(gen);
    if (lo == hi) continue;
    if (lo > hi) std::swap(lo, hi);
    const double u = trial % 10 < 3 ? edges[trial % 10] : uniform(gen);
    ASSERT_EQ(guided.pick(lo, hi, u), binary_pick(cum, lo, hi, u))
        << "range [" << lo << ", " << hi << "), u = " << u << ", " << items_per_bucket << " a bucket";
  }
}

TEST(PrefixSearch, PicksWhatABinarySearchOverTheRangePicks) {
  std::mt19937 gen(7);
  std::gamma_distribution<float> sociability(2.0f, 0.5f);
  std::vector<float> weights(5000);
  for (float& w : weights) w = sociability(gen);
  for (std::size_t per_bucket : {1, 4, 64, 100000}) expect_same_picks(weights, per_bucket, 11);
}

TEST(PrefixSearch, ZeroWeightsAndRunsOfThemAreNeverPickedUnlessTheRangeHasNoWeight) {
  std::mt19937 gen(3);
  std::vector<float> weights(3000);
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = (i / 50) % 3 == 0 ? 0.0f : 1.0f + (i % 7);
  for (std::size_t per_bucket : {1, 4, 16}) expect_same_picks(weights, per_bucket, 5);
  const GuidedPrefixSums guided(weights);
  for (int trial = 0; trial < 1000; ++trial) {
    const std::int32_t p = guided.pick(0, 3000, std::uniform_real_distribution<double>(0, 1)(gen));
    EXPECT_NE(weights[p], 0.0f) << "item " << p;
  }
}

TEST(PrefixSearch, AllWeightsZero) {
  const std::vector<float> weights(100, 0.0f);
  expect_same_picks(weights, 4, 1);
}

}  // namespace
}  // namespace kyosei
