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

TEST_F(SiloVersusIntegrated, IntegratedFindsMoreBeforeACrisis) {
  const Summary& s = silo_->summary;
  const Summary& i = integrated_->summary;
  EXPECT_GT(i.overall.detection_365, s.overall.detection_365);
  EXPECT_LT(i.overall.crisis_365, s.overall.crisis_365);
  EXPECT_GT(i.overall.contact_365, 0.0);
  for (int f = 0; f < kFieldCount; ++f)
    EXPECT_GE(i.by_field[f].detection_365, s.by_field[f].detection_365) << kFieldNames[f];
  EXPECT_GT(i.by_compound[0].detection_365, s.by_compound[0].detection_365) << "8050";
}

// A need revealed by a crisis is no detection, so isolated households, whose needs end in crises
// more often, no longer look found sooner than the others (docs/ODD.md "Outcomes"): by the old
// count they were ahead by 14 points under silo. The tolerance is the sampling noise of the small
// isolated group.
TEST_F(SiloVersusIntegrated, IsolatedHouseholdsNeedsAreFoundNoFasterThanOthers) {
  constexpr int kIsolated = 2;  // kCompoundTagNames
  constexpr double kNoise = 0.02;
  for (const Results* r : {silo_, integrated_}) {
    EXPECT_LE(r->summary.by_compound[kIsolated].detection_365, r->summary.no_compound.detection_365 + kNoise);
    EXPECT_LE(r->summary.by_compound[kIsolated].detection_365, r->summary.overall.detection_365 + kNoise);
    EXPECT_GT(r->summary.by_compound[kIsolated].crisis_365, r->summary.overall.crisis_365);
  }
}

// Each stage follows the one before it: contact by a year at least as often as detection before
// a crisis, and engagement and resolution no more often than acceptance (the estimates censor
// differently, hence the small tolerance).
TEST_F(SiloVersusIntegrated, TheStagesComeInOrder) {
  constexpr double kTolerance = 0.005;
  for (const Results* r : {silo_, integrated_}) {
    const DetectionEstimate& o = r->summary.overall;
    EXPECT_GE(o.contact_365 + kTolerance, o.detection_365);
    EXPECT_LE(o.resolution_365, o.engagement_365 + kTolerance);
    EXPECT_LE(o.engagement_365, o.detection_365 + o.crisis_365 + kTolerance);
    EXPECT_LE(o.detection_365_lower, o.detection_365);
    EXPECT_GE(o.detection_365_upper, o.detection_365);
  }
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

// Integrated intake: a window that does not own a need assesses the household before it accepts
// (intake.assessment_days plus the wait for an assessor), so acceptance follows first contact by
// days; a window that owns the need accepts at once, as under silo.
TEST_F(SiloVersusIntegrated, AcceptanceFollowsContactByTheAssessment) {
  const EpisodeTable& E = integrated_->episodes;
  const auto assessed = static_cast<std::int32_t>(test::repository_scenario("integrated").intake.assessment_days);
  std::int64_t at_once = 0, later = 0;
  for (std::size_t e = 0; e < E.size(); ++e) {
    if (E.detected_day[e] < 0 || E.channel[e] == static_cast<std::uint8_t>(Channel::crisis) ||
        E.first_contact_day[e] < 0)
      continue;
    const std::int32_t gap = E.detected_day[e] - E.first_contact_day[e];
    at_once += gap == 0;
    later += gap >= assessed;
  }
  EXPECT_GT(later, 100);
  EXPECT_GT(at_once, 100);
  EXPECT_GT(integrated_->summary.overall.contact_365, integrated_->summary.overall.detection_365 + 0.005);
}

// Common random numbers: life events that policy cannot change are shared by both runs once
// deaths do not depend on care and ties (relative risks of 1, sim/model/mortality.cpp).
TEST(CommonRandomNumbers, ShareLifeEventsUnderTheSameSeed) {
  Results runs[2];
  for (int i = 0; i < 2; ++i) {
    Simulation sim(test::with_neutral_mortality(test::small_scenario(i ? "integrated" : "silo", 30000, 1825)),
                   RunOptions{2021, 0, 0});
    sim.run();
    runs[i] = sim.results();
  }
  const Results* silo_ = &runs[0];
  const Results* integrated_ = &runs[1];
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
  EXPECT_GT(silo.size(), 500u);
  EXPECT_EQ(silo, lasting_onsets(*integrated_));
}

// The fair silo baseline: the self-reliance consultation takes some gap needs on (ODD "Intake").
// Few gap needs reach the consultation window under silo intake (about 200 gap needs in a town of
// 20,000 over three years, of which it took 10), so the town is 50,000 over five years (about 860
// gap needs, about 90 taken on at seed 11) for the difference to stand clear of chance.
TEST(SelfRelianceConsultation, TakesGapNeedsOnUnderSilo) {
  std::int64_t found[2] = {0, 0};
  for (int accepts = 0; accepts < 2; ++accepts) {
    Scenario s = test::small_scenario("silo", 50000, 1825);
    s.intake.self_reliance_gap_acceptance = accepts;
    Simulation sim(s, RunOptions{11, 0, 0});
    sim.run();
    found[accepts] = sim.results().summary.by_field[static_cast<int>(Field::gap)].detection_events;
  }
  EXPECT_GT(found[1], found[0] + 10);
}

}  // namespace
}  // namespace kyosei
