// A hazard constant within age bands (sim/model/banded_hazard.hpp): its cumulative value and the
// waiting times drawn from it, whose survival must be exp(-cumulative hazard).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../../sim/model/banded_hazard.hpp"

namespace kyosei {
namespace {

const BandedHazard<3> kHazard{20, 5, {0.3, 0.1, 0.02}};  // ages 20-35

TEST(BandedHazard, CumulatesTheRatesOverTheAgesCovered) {
  EXPECT_DOUBLE_EQ(kHazard.cumulative(0, 20), 0);
  EXPECT_DOUBLE_EQ(kHazard.cumulative(0, 22), 0.6);
  EXPECT_DOUBLE_EQ(kHazard.cumulative(22, 27), 0.3 * 3 + 0.1 * 2);
  EXPECT_DOUBLE_EQ(kHazard.cumulative(0, 100), 1.5 + 0.5 + 0.1);
  EXPECT_DOUBLE_EQ(kHazard.end(), 35);
}

TEST(BandedHazard, WaitsHaveTheSurvivalOfTheCumulativeHazard) {
  for (const double age : {10.0, 23.0, 31.0}) {
    constexpr int kDraws = 200000;
    std::vector<double> ends;
    ends.reserve(kDraws);
    for (int i = 0; i < kDraws; ++i) {
      Draws d(RngKey{5, 0}, Process::birth, static_cast<std::uint32_t>(i), 0);
      ends.push_back(age + kHazard.wait(age, d));
    }
    for (const double at : {21.0, 24.9, 27.0, 33.0, 35.0}) {
      if (at <= age) continue;
      double surviving = 0;
      for (const double e : ends) surviving += e > at;
      const double expected = std::exp(-kHazard.cumulative(age, at));
      // Binomial standard error at most 0.0012: five of them.
      EXPECT_NEAR(surviving / kDraws, expected, 0.006) << "from " << age << " to " << at;
    }
    for (const double e : ends) {
      EXPECT_GE(e, std::max(age, 20.0));  // nothing before the first band
      if (std::isfinite(e)) {
        EXPECT_LT(e, 35.0);  // nothing after the last
      }
    }
  }
  Draws d(RngKey{5, 0}, Process::birth, 0, 0);
  EXPECT_TRUE(std::isinf(kHazard.wait(40, d)));
}

}  // namespace
}  // namespace kyosei
