// Silo against integrated intake (intake.cpp) on the default municipality and the same seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

class SiloVersusIntegrated : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    for (const char* name : {"silo", "integrated"}) {
      Simulation sim(test::repository_scenario(name), RunOptions{2021, 0, 0});
      sim.run();
      (std::string(name) == "silo" ? silo_ : integrated_) = new Results(sim.results());
    }
  }
  static void TearDownTestSuite() {
    delete silo_;
    delete integrated_;
  }
  static Results* silo_;
  static Results* integrated_;
};
Results* SiloVersusIntegrated::silo_ = nullptr;
Results* SiloVersusIntegrated::integrated_ = nullptr;

TEST_F(SiloVersusIntegrated, IntegratedDetectsSooner) {
  const Summary& s = silo_->summary;
  const Summary& i = integrated_->summary;
  EXPECT_LT(i.overall.median_days, s.overall.median_days);
  EXPECT_LT(i.overall.rmst_days, s.overall.rmst_days);
  EXPECT_GT(i.overall.within_365, s.overall.within_365);
  for (int f = 0; f < kFieldCount; ++f) EXPECT_LT(i.by_field[f].rmst_days, s.by_field[f].rmst_days) << kFieldNames[f];
  EXPECT_LT(i.by_compound[0].median_days, s.by_compound[0].median_days) << "8050";
}

TEST_F(SiloVersusIntegrated, FewerNeedsBouncedOrDropped) {
  EXPECT_LT(integrated_->summary.share_bounced, silo_->summary.share_bounced / 4);
  EXPECT_LT(integrated_->summary.dropoffs, silo_->summary.dropoffs / 4);
  EXPECT_EQ(integrated_->summary.refusals, 0);
  EXPECT_GT(silo_->summary.refusals, 100);
  EXPECT_LT(integrated_->summary.share_crisis, silo_->summary.share_crisis);
}

TEST_F(SiloVersusIntegrated, IntegratedFindsHouseholdsWhole) {
  std::int64_t silo_household = 0, integrated_household = 0;
  for (auto v : silo_->series.detections_household) silo_household += v;
  for (auto v : integrated_->series.detections_household) integrated_household += v;
  EXPECT_GT(integrated_household, 2 * silo_household);
}

// Common random numbers: life events that policy cannot change are shared by both runs.
TEST_F(SiloVersusIntegrated, ShareLifeEventsUnderTheSameSeed) {
  EXPECT_EQ(silo_->series.deaths, integrated_->series.deaths);
  EXPECT_EQ(silo_->series.births, integrated_->series.births);
  // Care needs and disabilities are never ended by service, so their onsets are identical.
  auto lasting_onsets = [](const Results& r) {
    std::vector<std::tuple<std::int32_t, std::int32_t, std::uint8_t>> out;
    for (std::size_t e = 0; e < r.episodes.size(); ++e) {
      const auto f = static_cast<Field>(r.episodes.field[e]);
      if (f == Field::elderly || f == Field::disability)
        out.emplace_back(r.episodes.onset_day[e], r.episodes.resident[e], r.episodes.field[e]);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto silo = lasting_onsets(*silo_);
  EXPECT_GT(silo.size(), 1000u);
  EXPECT_EQ(silo, lasting_onsets(*integrated_));
}

}  // namespace
}  // namespace kyosei
