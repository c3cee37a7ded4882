// Tests of sim/analysis/uncertainty.cpp: quantile bands, paired bootstrap differences, the pooled RMST
// difference, the stratified log-rank test and Kaplan-Meier bands, on small known examples.
#include "kyosei/analysis/uncertainty.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kyosei/engine/errors.hpp"

namespace kyosei {
namespace {

const double kNaN = std::nan("");

TEST(Quantile, InterpolatesLikeNumpyAndSkipsNaN) {
  const std::vector<double> values = {4, kNaN, 1, 3, 2};
  EXPECT_DOUBLE_EQ(quantile(values, 0.1), 1.3);  // numpy.nanquantile([1, 2, 3, 4], 0.1)
  EXPECT_DOUBLE_EQ(quantile(values, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile(values, 0.9), 3.7);
  EXPECT_DOUBLE_EQ(quantile(values, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(values, 1.0), 4.0);
  const Band band = band_of(values);
  EXPECT_EQ(band.count, 4u);
  EXPECT_DOUBLE_EQ(band.median, 2.5);
  EXPECT_TRUE(std::isnan(quantile(std::vector<double>{kNaN}, 0.5)));
  EXPECT_THROW(quantile(values, 1.5), UsageError);
}

TEST(PairedDifference, MeanOfPairsWithBothValuesAndADeterministicInterval) {
  const std::vector<double> scenario = {10, 12, kNaN, 15, 11};
  const std::vector<double> baseline = {8, 11, 9, 12, 11};
  const PairedDifference d = paired_difference(scenario, baseline);
  EXPECT_EQ(d.pairs, 4u);  // the NaN pair is left out
  EXPECT_DOUBLE_EQ(d.mean, (2.0 + 1.0 + 3.0 + 0.0) / 4.0);
  EXPECT_LE(d.lower, d.mean);
  EXPECT_GE(d.upper, d.mean);
  EXPECT_GE(d.lower, 0.0);  // no resample of {2, 1, 3, 0} has a mean outside [0, 3]
  EXPECT_LE(d.upper, 3.0);
  const PairedDifference again = paired_difference(scenario, baseline);
  EXPECT_EQ(again.lower, d.lower);
  EXPECT_EQ(again.upper, d.upper);
  // The draws follow the seed: another seed moves the limits of a sample with many distinct means.
  std::vector<double> many, zeros(20, 0.0);
  for (int i = 0; i < 20; ++i) many.push_back(std::sqrt(i + 0.5));
  const PairedDifference fixed = paired_difference(many, zeros);
  const PairedDifference other = paired_difference(many, zeros, {2000, kBootstrapSeed + 1});
  EXPECT_EQ(other.mean, fixed.mean);
  EXPECT_NE(std::make_pair(other.lower, other.upper), std::make_pair(fixed.lower, fixed.upper));

  const PairedDifference one = paired_difference(std::vector<double>{3}, std::vector<double>{1});
  EXPECT_DOUBLE_EQ(one.mean, 2.0);
  EXPECT_TRUE(std::isnan(one.lower) && std::isnan(one.upper));
  EXPECT_THROW(paired_difference(std::vector<double>{1, 2}, std::vector<double>{1}), UsageError);
}

// Simulated check: the 95% interval of the mean of 30 normal differences covers the true mean
// in close to 95% of 400 samples (the percentile bootstrap is a little short at n = 30).
TEST(PairedDifference, BootstrapIntervalCoversTheTrueMean) {
  std::mt19937_64 generator(7);
  std::normal_distribution<double> noise(1.5, 2.0);
  int covered = 0;
  const int samples = 400;
  for (int s = 0; s < samples; ++s) {
    std::vector<double> scenario(30), baseline(30, 0.0);
    for (double& v : scenario) v = noise(generator);
    const PairedDifference d = paired_difference(scenario, baseline, {1000, kBootstrapSeed});
    covered += d.lower <= 1.5 && 1.5 <= d.upper;
  }
  const double coverage = static_cast<double>(covered) / samples;
  EXPECT_GT(coverage, 0.89);
  EXPECT_LT(coverage, 0.99);
}

// Two groups by hand (A the scenario, B the baseline), one stratum:
//   A: 1, 3, 4+, 5      B: 2, 2, 3+, 6      (+ censored)
//   t  nA nB  d dA   E_A          V = d nA nB (n-d) / (n^2 (n-1))
//   1  4  4   1  1   4/8          1 * 16 * 7 / (64 * 7) = 1/4
//   2  3  4   2  0   2*3/7        2 * 12 * 5 / (49 * 6) = 20/49
//   3  3  2   1  1   3/5          1 * 6 * 4 / (25 * 4)  = 6/25
//   5  1  1   1  1   1/2          1 * 1 * 1 / (4 * 1)   = 1/4
//   6  0  1   1  0   0            0
// O_A = 3, E_A = 1/2 + 6/7 + 3/5 + 1/2 = 86/35, V = 1/4 + 20/49 + 6/25 + 1/4.
DetectionTimes group_a() { return {{1, 3, 4, 5}, {1, 1, 0, 1}}; }
DetectionTimes group_b() { return {{2, 2, 3, 6}, {1, 1, 0, 1}}; }

TEST(LogRank, HandComputedExample) {
  const std::vector<DetectionTimes> a = {group_a()}, b = {group_b()};
  const LogRank test = log_rank(a, b);
  const double expected = 86.0 / 35.0;
  const double variance = 0.25 + 20.0 / 49.0 + 6.0 / 25.0 + 0.25;
  EXPECT_DOUBLE_EQ(test.observed, 3.0);
  EXPECT_NEAR(test.expected, expected, 1e-12);
  EXPECT_NEAR(test.chi2, (3.0 - expected) * (3.0 - expected) / variance, 1e-12);
  EXPECT_NEAR(test.p_value, std::erfc(std::sqrt(test.chi2 / 2)), 1e-15);
  EXPECT_NEAR(test.chi2, 0.256665, 1e-6);  // statsmodels survdiff: 0.25667, p 0.61242
  EXPECT_NEAR(test.p_value, 0.612420, 1e-6);
  // Swapping the groups changes the sign of O - E, not the statistic.
  const LogRank swapped = log_rank(b, a);
  EXPECT_NEAR(swapped.chi2, test.chi2, 1e-12);
  EXPECT_DOUBLE_EQ(swapped.observed, 3.0);
}

TEST(LogRank, StrataAreComparedWithinThemselvesAndSummed) {
  // Two identical strata: O - E and V both double, so the statistic doubles.
  const std::vector<DetectionTimes> a = {group_a(), group_a()}, b = {group_b(), group_b()};
  const LogRank one = log_rank(std::vector<DetectionTimes>{group_a()}, std::vector<DetectionTimes>{group_b()});
  const LogRank two = log_rank(a, b);
  EXPECT_NEAR(two.chi2, 2 * one.chi2, 1e-12);
  EXPECT_NEAR(two.expected, 2 * one.expected, 1e-12);
  // Within each stratum the groups have the same distribution, but the scenario has more of the
  // late stratum: pooled, it looks slower (a spurious difference); stratified, it does not.
  const DetectionTimes early = {{1, 2, 3}, {1, 1, 1}}, late = {{10, 11, 12}, {1, 1, 1}};
  const DetectionTimes late_twice = {{10, 10, 11, 11, 12, 12}, {1, 1, 1, 1, 1, 1}};
  const LogRank stratified =
      log_rank(std::vector<DetectionTimes>{early, late_twice}, std::vector<DetectionTimes>{early, late});
  EXPECT_NEAR(stratified.observed, stratified.expected, 1e-12);
  EXPECT_NEAR(stratified.chi2, 0.0, 1e-12);
  const DetectionTimes pooled_s = {{1, 2, 3, 10, 10, 11, 11, 12, 12}, {1, 1, 1, 1, 1, 1, 1, 1, 1}};
  const DetectionTimes pooled_b = {{1, 2, 3, 10, 11, 12}, {1, 1, 1, 1, 1, 1}};
  EXPECT_NEAR(log_rank(std::vector<DetectionTimes>{pooled_s}, std::vector<DetectionTimes>{pooled_b}).chi2, 0.225350,
              1e-6);  // statsmodels
  EXPECT_THROW(log_rank(a, std::vector<DetectionTimes>{group_b()}), UsageError);
}

TEST(Rmst, KnownCurveAndPoolingOverReplicates) {
  // Ten uncensored durations 1..10: S falls by 0.1 at each whole day, so the area up to 5 is
  // 1 + 0.9 + 0.8 + 0.7 + 0.6 = 4.
  DetectionTimes ten;
  for (int t = 1; t <= 10; ++t) {
    ten.time.push_back(t);
    ten.detected.push_back(1);
  }
  const std::vector<DetectionTimes> one = {ten};
  const RmstDifference same = rmst_difference(one, one, 5.0);
  EXPECT_NEAR(same.baseline, 4.0, 1e-12);
  EXPECT_NEAR(same.scenario, 4.0, 1e-12);
  EXPECT_DOUBLE_EQ(same.difference, 0.0);
  EXPECT_TRUE(std::isnan(same.lower));  // one replicate: nothing to resample

  // Pooled over replicates: the same as the curve of every duration together.
  std::mt19937_64 generator(3);
  std::exponential_distribution<double> wait(1.0 / 40.0);
  std::bernoulli_distribution detected(0.8);
  std::vector<DetectionTimes> scenario(4), baseline(4);
  DetectionTimes all;
  for (std::size_t r = 0; r < 4; ++r)
    for (int i = 0; i < 50; ++i) {
      const double t = std::floor(wait(generator));
      const std::uint8_t seen = detected(generator) ? 1 : 0;
      baseline[r].time.push_back(t);
      baseline[r].detected.push_back(seen);
      all.time.push_back(t);
      all.detected.push_back(seen);
      scenario[r].time.push_back(std::floor(t * 0.7));  // detected sooner
      scenario[r].detected.push_back(seen);
    }
  const RmstDifference d = rmst_difference(scenario, baseline, 60.0);
  EXPECT_NEAR(d.baseline, km_restricted_mean(kaplan_meier(all.time, all.detected), 60.0), 1e-12);
  EXPECT_LT(d.difference, 0.0);
  EXPECT_LT(d.lower, d.difference);
  EXPECT_GT(d.upper, d.difference);
  EXPECT_LT(d.upper, 0.0);  // every replicate is faster in the scenario
}

TEST(KaplanMeierBand, GreenwoodOnTheLogLogScale) {
  const std::vector<double> times = {1, 2, 2, 2, 3, 4, 4, 5};
  const std::vector<std::uint8_t> observed = {1, 1, 1, 0, 0, 1, 0, 1};
  const auto band = kaplan_meier_band(kaplan_meier(times, observed));
  ASSERT_EQ(band.size(), 4u);
  // t = 1: S = 7/8, Greenwood sum 1/(8*7); the band is S^exp(+-z sqrt(sum)/|log S|).
  const double half = 1.959963984540054 * std::sqrt(1.0 / 56.0) / std::abs(std::log(7.0 / 8.0));
  EXPECT_NEAR(band[0].lower, std::pow(7.0 / 8.0, std::exp(half)), 1e-14);
  EXPECT_NEAR(band[0].upper, std::pow(7.0 / 8.0, std::exp(-half)), 1e-14);
  // Values from python/kyosei/survival.py (kaplan_meier(times, observed).lower/.upper).
  EXPECT_NEAR(band[1].lower, 0.229333, 1e-6);
  EXPECT_NEAR(band[1].upper, 0.860698, 1e-6);
  for (const auto& p : band) {
    EXPECT_LE(p.lower, p.survival);
    EXPECT_GE(p.upper, p.survival);
  }
  // S reaches 0 at t = 5 (n == d): the band is undefined there and collapses onto S.
  EXPECT_EQ(band[3].survival, 0.0);
  EXPECT_EQ(band[3].lower, 0.0);
  EXPECT_EQ(band[3].upper, 0.0);
}

}  // namespace
}  // namespace kyosei
