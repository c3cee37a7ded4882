// Counter-based draws (sim/engine/rng.hpp): pure functions of their key, with the right distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "../../sim/engine/rng.hpp"

namespace kyosei {
namespace {

TEST(Draws, SameKeySameNumbers) {
  const RngKey key{42, 0};
  Draws a(key, Process::death, 7, 100), b(key, Process::death, 7, 100);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.uniform(), b.uniform());
}

TEST(Draws, EveryKeyPartChangesTheStream) {
  const double base = Draws(RngKey{42, 0}, Process::death, 7, 100, 0).uniform();
  EXPECT_NE(base, Draws(RngKey{43, 0}, Process::death, 7, 100, 0).uniform());
  EXPECT_NE(base, Draws(RngKey{42, 1}, Process::death, 7, 100, 0).uniform());
  EXPECT_NE(base, Draws(RngKey{42, 0}, Process::birth, 7, 100, 0).uniform());
  EXPECT_NE(base, Draws(RngKey{42, 0}, Process::death, 8, 100, 0).uniform());
  EXPECT_NE(base, Draws(RngKey{42, 0}, Process::death, 7, 101, 0).uniform());
  EXPECT_NE(base, Draws(RngKey{42, 0}, Process::death, 7, 100, 1).uniform());
  EXPECT_NE(base, Draws(RngKey{42ull + (1ull << 32), 0}, Process::death, 7, 100, 0).uniform());
}

TEST(Draws, UniformsAreInTheOpenIntervalAndDistinct) {
  Draws d(RngKey{1, 0}, Process::traits, 0, 0);
  std::set<double> seen;
  double sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = d.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    seen.insert(u);
    sum += u;
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(n));
  EXPECT_NEAR(sum / n, 0.5, 0.005);  // 5 standard errors
}

double mean_of(int n, const std::function<double(Draws&)>& draw) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    Draws d(RngKey{9, 0}, Process::traits, static_cast<std::uint32_t>(i), 0);
    sum += draw(d);
  }
  return sum / n;
}

TEST(Draws, DistributionsHaveTheirMeans) {
  const int n = 50000;
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.exponential(0.25); }), 4.0, 0.1);
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.gamma_mean_one(2.0); }), 1.0, 0.02);
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.gamma_mean_one(0.5); }), 1.0, 0.04);
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.poisson(3.5); }), 3.5, 0.05);
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.poisson(50.0); }), 50.0, 0.3);
  EXPECT_NEAR(mean_of(n, [](Draws& d) { return d.below(10); }), 4.5, 0.06);
  // Gamma shape 2 has variance 1/2 when the mean is 1.
  const double second = mean_of(n, [](Draws& d) {
    const double g = d.gamma_mean_one(2.0);
    return g * g;
  });
  EXPECT_NEAR(second - 1.0, 0.5, 0.03);
}

}  // namespace
}  // namespace kyosei
