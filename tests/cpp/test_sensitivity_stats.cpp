// Latin hypercubes, SRC and PRCC (sim/ensemble/latin_hypercube.cpp, sensitivity_stats.cpp) on
// synthetic models whose answer is known.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {
namespace {

TEST(LatinHypercube, OneSampleInEachStratumOfEveryFactor) {
  const std::size_t n = 17, k = 4;
  const Matrix points = latin_hypercube(n, k, 5);
  ASSERT_EQ(points.size(), n);
  for (std::size_t j = 0; j < k; ++j) {
    std::set<std::size_t> strata;
    for (const auto& p : points) {
      ASSERT_GE(p[j], 0.0);
      ASSERT_LT(p[j], 1.0);
      strata.insert(static_cast<std::size_t>(p[j] * n));
    }
    EXPECT_EQ(strata.size(), n) << "factor " << j;
  }
  EXPECT_EQ(points, latin_hypercube(n, k, 5));
  EXPECT_NE(points, latin_hypercube(n, k, 6));
}

TEST(AverageRanks, TiesShareTheirMeanRank) {
  EXPECT_EQ(average_ranks(std::vector<double>{10, 20, 20, 5}), (std::vector<double>{2, 3.5, 3.5, 1}));
  EXPECT_EQ(average_ranks(std::vector<double>{1, 1, 1}), (std::vector<double>{2, 2, 2}));
}

// y = 2 x0 - x1 + 0 x2 + noise on a Latin hypercube of the unit cube.
struct Synthetic {
  Matrix x;
  std::vector<double> y;
};

Synthetic linear_model(std::size_t n, double noise_sd) {
  Synthetic s{latin_hypercube(n, 3, 21), {}};
  std::mt19937_64 engine(4);
  std::normal_distribution<double> noise(0, noise_sd);
  for (const auto& p : s.x) s.y.push_back(2 * p[0] - p[1] + noise(engine));
  return s;
}

TEST(RegressionIndices, SrcAndPrccOfALinearModel) {
  const Synthetic s = linear_model(300, 0.1);
  const Regression r = regression_indices(s.x, s.y);
  ASSERT_EQ(r.factors.size(), 3u);
  EXPECT_EQ(r.samples, 300u);
  // SRC_j = b_j sd(x_j) / sd(y); uniform factors have sd sqrt(1/12).
  const double sd_y = std::sqrt((4.0 + 1.0) / 12 + 0.01);
  EXPECT_NEAR(r.factors[0].src, 2 * std::sqrt(1.0 / 12) / sd_y, 0.03);
  EXPECT_NEAR(r.factors[1].src, -1 * std::sqrt(1.0 / 12) / sd_y, 0.03);
  EXPECT_NEAR(r.factors[2].src, 0, 0.03);
  EXPECT_NEAR(r.r_squared, (5.0 / 12) / (5.0 / 12 + 0.01), 0.02);
  // Intervals and tests: the real effects are sure, the absent one is not.
  EXPECT_LT(r.factors[0].src_p, 1e-12);
  EXPECT_LT(r.factors[1].src_p, 1e-12);
  EXPECT_GT(r.factors[2].src_p, 0.01);
  EXPECT_LT(r.factors[2].src_low, 0);
  EXPECT_GT(r.factors[2].src_high, 0);
  EXPECT_GT(r.factors[0].prcc, 0.95);
  EXPECT_LT(r.factors[1].prcc, -0.9);
  EXPECT_LT(std::fabs(r.factors[2].prcc), 0.15);
  EXPECT_GT(r.factors[2].prcc_p, 0.01);
  EXPECT_LT(r.factors[0].prcc_p, 1e-12);
  for (const auto& f : r.factors) {
    EXPECT_LT(f.prcc_low, f.prcc);
    EXPECT_GT(f.prcc_high, f.prcc);
    EXPECT_GE(f.prcc_low, -1);
    EXPECT_LE(f.prcc_high, 1);
  }
}

TEST(RegressionIndices, PrccSeesAMonotoneEffectThatSrcUnderstates) {
  Matrix x = latin_hypercube(200, 2, 3);
  std::mt19937_64 engine(8);
  std::normal_distribution<double> noise(0, 0.5);  // reorders the flat start of the curve a little
  std::vector<double> y;
  for (const auto& p : x) y.push_back(std::exp(12 * p[0]) + noise(engine));  // x1 has no effect
  const Regression r = regression_indices(x, y);
  EXPECT_GT(r.factors[0].prcc, 0.99);  // monotone in x0, whatever its curvature
  EXPECT_LT(std::fabs(r.factors[1].prcc), 0.2);
  EXPECT_LT(r.r_squared, 0.8);  // the linear fit misses the curve
}

TEST(RegressionIndices, DegenerateInputsGiveNaNNotAnError) {
  const Synthetic s = linear_model(10, 0.1);
  const Regression constant = regression_indices(s.x, std::vector<double>(10, 4.0));
  EXPECT_TRUE(std::isnan(constant.factors[0].src));
  EXPECT_TRUE(std::isnan(constant.factors[0].prcc));
  std::vector<double> y = s.y;
  for (std::size_t i = 0; i < 6; ++i) y[i] = NAN;  // 4 rows left for 3 factors: too few
  const Regression few = regression_indices(s.x, y);
  EXPECT_EQ(few.samples, 4u);
  EXPECT_TRUE(std::isnan(few.factors[0].prcc));
  EXPECT_TRUE(std::isnan(few.r_squared));
}

}  // namespace
}  // namespace kyosei
