// Morris designs and elementary effects (sim/ensemble/morris.cpp): the trajectories' shape, the
// Campolongo selection, and mu, mu*, sigma of an analytic function whose indices are known.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {
namespace {

// 3 x0 - 2 x1 + 0 x2 + 4 x3 x4: two linear terms (sigma 0), a factor without effect (mu* 0) and
// an interaction (sigma > 0).
double analytic(const std::vector<double>& x) { return 3 * x[0] - 2 * x[1] + 4 * x[3] * x[4]; }

std::vector<double> outputs_of(const Matrix& points) {
  std::vector<double> y;
  for (const auto& p : points) y.push_back(analytic(p));
  return y;
}

TEST(MorrisDesign, EachStepMovesOneFactorByDeltaOnTheGrid) {
  for (const int levels : {2, 4, 6}) {
    const std::size_t k = 5, r = 12;
    const Matrix points = morris_trajectories(k, {r, levels, 0, 3});
    ASSERT_EQ(points.size(), r * (k + 1));
    const double delta = morris_delta(levels);
    EXPECT_DOUBLE_EQ(delta, levels / (2.0 * (levels - 1)));
    for (std::size_t t = 0; t < r; ++t) {
      std::set<std::size_t> moved;
      for (std::size_t s = 0; s <= k; ++s) {
        const auto& p = points[t * (k + 1) + s];
        for (const double v : p) {
          EXPECT_GE(v, 0.0);
          EXPECT_LE(v, 1.0);
          const double level = v * (levels - 1);
          EXPECT_NEAR(level, std::round(level), 1e-12) << "off the grid of " << levels << " levels";
        }
        if (s == 0) continue;
        const auto& before = points[t * (k + 1) + s - 1];
        std::size_t changed = 0;
        for (std::size_t j = 0; j < k; ++j) {
          if (p[j] == before[j]) continue;
          ++changed;
          moved.insert(j);
          EXPECT_NEAR(std::fabs(p[j] - before[j]), delta, 1e-12);
        }
        EXPECT_EQ(changed, 1u);
      }
      EXPECT_EQ(moved.size(), k) << "every factor moves once per trajectory";
    }
  }
}

TEST(MorrisDesign, StepsGoBothWaysAndTheSeedDecides) {
  const Matrix a = morris_trajectories(4, {20, 4, 0, 1});
  EXPECT_EQ(a, morris_trajectories(4, {20, 4, 0, 1}));
  EXPECT_NE(a, morris_trajectories(4, {20, 4, 0, 2}));
  int up = 0, down = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (i % 5 == 0) continue;  // the first point of a trajectory
    for (std::size_t j = 0; j < 4; ++j) {
      if (a[i][j] > a[i - 1][j]) ++up;
      if (a[i][j] < a[i - 1][j]) ++down;
    }
  }
  EXPECT_GT(up, 20);
  EXPECT_GT(down, 20);
}

double spread(const Matrix& points, std::size_t k) {
  const std::size_t n = k + 1, r = points.size() / n;
  double sum = 0;
  for (std::size_t a = 0; a < r; ++a)
    for (std::size_t b = a + 1; b < r; ++b) {
      const double d = trajectory_distance(std::span(points).subspan(a * n, n), std::span(points).subspan(b * n, n));
      sum += d * d;
    }
  return std::sqrt(sum);
}

TEST(MorrisDesign, CampolongoChoosesMoreSpreadTrajectories) {
  const std::size_t k = 6;
  // The plain design draws the same first r candidates: the selection can only spread them out.
  const Matrix plain = morris_trajectories(k, {8, 4, 0, 9});
  const Matrix chosen = morris_trajectories(k, {8, 4, 80, 9});
  ASSERT_EQ(chosen.size(), plain.size());
  EXPECT_GT(spread(chosen, k), 1.05 * spread(plain, k));
  EXPECT_THROW(morris_trajectories(k, {8, 3, 0, 1}), UsageError);  // odd levels
  EXPECT_THROW(morris_trajectories(k, {8, 4, 5, 1}), UsageError);  // fewer candidates than trajectories
}

TEST(MorrisIndices, KnownIndicesOfAnAnalyticFunction) {
  const Matrix points = morris_trajectories(5, {30, 4, 0, 11});
  const auto m = morris_indices(points, outputs_of(points), 500, 1);
  ASSERT_EQ(m.size(), 5u);
  // Linear terms: every effect equals the coefficient (the change across the whole range).
  EXPECT_NEAR(m[0].mu, 3, 1e-9);
  EXPECT_NEAR(m[0].mu_star, 3, 1e-9);
  EXPECT_NEAR(m[0].sigma, 0, 1e-9);
  EXPECT_NEAR(m[1].mu, -2, 1e-9);
  EXPECT_NEAR(m[1].mu_star, 2, 1e-9);
  EXPECT_NEAR(m[1].sigma, 0, 1e-9);
  EXPECT_NEAR(m[0].mu_star_low, 3, 1e-9);
  EXPECT_NEAR(m[0].mu_star_high, 3, 1e-9);
  // No effect at all.
  EXPECT_NEAR(m[2].mu_star, 0, 1e-12);
  EXPECT_NEAR(m[2].sigma, 0, 1e-12);
  // The interaction: effects 4 x4 (resp. 4 x3), which vary with the other factor's level.
  for (const std::size_t j : {3u, 4u}) {
    EXPECT_GT(m[j].mu_star, 0.5);
    EXPECT_LT(m[j].mu_star, 4);
    EXPECT_GT(m[j].sigma, 0.5);
    EXPECT_LE(m[j].mu_star_low, m[j].mu_star);
    EXPECT_GE(m[j].mu_star_high, m[j].mu_star);
    EXPECT_LT(m[j].mu_star_low, m[j].mu_star_high);
    EXPECT_EQ(m[j].effects, 30u);
  }
  // Rankable: the linear 3 x0 first, the factor without effect last.
  EXPECT_GT(m[0].mu_star, m[1].mu_star);
  EXPECT_GT(m[1].mu_star, m[2].mu_star);
}

TEST(MorrisIndices, EffectsAreScaledByTheStepActuallyTaken) {
  // Positions as run after rounding a whole-number parameter: a step of 0.6 of the range instead
  // of 2/3 still gives the linear coefficient.
  const Matrix positions = {{0.2, 0.0}, {0.8, 0.0}, {0.8, 0.6}};
  const std::vector<double> y = {3 * 0.2, 3 * 0.8, 3 * 0.8 - 2 * 0.6};
  const auto m = morris_indices(positions, y, 0, 1);
  EXPECT_NEAR(m[0].mu, 3, 1e-12);
  EXPECT_NEAR(m[1].mu, -2, 1e-12);
  EXPECT_TRUE(std::isnan(m[0].sigma));  // one effect: no spread
  EXPECT_TRUE(std::isnan(m[0].mu_star_low));
}

TEST(MorrisIndices, NonFiniteOutputsDropTheirEffectsAndBadDesignsAreRefused) {
  const Matrix points = morris_trajectories(5, {4, 4, 0, 2});  // the five factors of analytic()
  std::vector<double> y = outputs_of(points);
  y[0] = NAN;  // the base point of trajectory 0: its first effect is lost
  const auto m = morris_indices(points, y, 0, 1);
  std::size_t effects = 0;
  for (const auto& f : m) effects += f.effects;
  EXPECT_EQ(effects, 4u * 5u - 1u);
  EXPECT_THROW(morris_indices({{0, 0}, {1, 1}, {1, 0}}, std::vector<double>{1, 2, 3}, 0, 1), UsageError);
  EXPECT_THROW(morris_indices(points, std::vector<double>(3, 1.0), 0, 1), UsageError);
}

}  // namespace
}  // namespace kyosei
