// Detection channels (episodes.cpp, phase_detection.cpp, phase_progression.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../../sim/model/step.hpp"
#include "../../sim/model/episodes.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

Scenario without_channels(const std::string& name) {
  Scenario s = test::small_scenario(name, 20000, 1095);
  s.detection.self_referral = {};
  s.detection.tie_notice = {};
  s.detection.institution = {};
  s.detection.crisis = {};
  s.commissioners.visit_detection = 0;
  s.demography.bereavement_notice = 0;  // a death registration that reaches an agency
  return s;
}

TEST(Detection, WithEveryChannelOffNothingIsDetected) {
  for (const char* name : {"silo", "integrated"}) {
    SCOPED_TRACE(name);
    Simulation sim(without_channels(name), RunOptions{4, 0, 0});
    sim.run();
    const Results r = sim.results();
    ASSERT_GT(r.episodes.size(), 500u);
    for (std::size_t e = 0; e < r.episodes.size(); ++e) {
      EXPECT_EQ(r.episodes.detected_day[e], -1);
      EXPECT_EQ(r.episodes.first_contact_day[e], -1);
      EXPECT_EQ(r.episodes.channel[e], 0);
    }
    EXPECT_EQ(r.summary.overall.detected, 0);
    EXPECT_DOUBLE_EQ(r.summary.overall.within_365, 0.0);
    EXPECT_TRUE(std::isnan(r.summary.overall.median_days));
    for (auto v : r.series.first_contacts) EXPECT_EQ(v, 0);
    // Undetected needs accumulate.
    EXPECT_GT(r.series.open_undetected.back(), r.series.open_undetected.front());
  }
}

TEST(Detection, EachChannelAloneDetectsThroughItself) {
  const std::vector<std::pair<Channel, std::function<void(Scenario&)>>> channels = {
      {Channel::self_referral,
       [](Scenario& s) {
         s.detection.self_referral = {3, 2, 3, 1.5, 0.15};
       }},
      {Channel::tie,
       [](Scenario& s) {
         s.detection.tie_notice = {0.004, 0.002, 0.002, 0.0015, 0.001};
       }},
      {Channel::institution,
       [](Scenario& s) {
         s.detection.institution = {0.6, 0.4, 1, 0.5, 0.05};
       }},
      {Channel::crisis,
       [](Scenario& s) {
         s.detection.crisis = {0.5, 0.25, 0.1, 0.4, 0.1};
       }},
      {Channel::commissioner, [](Scenario& s) { s.commissioners.visit_detection = 0.2; }},
  };
  for (const auto& [channel, enable] : channels) {
    SCOPED_TRACE(kChannelNames[static_cast<int>(channel)]);
    Scenario s = without_channels("silo");
    enable(s);
    Simulation sim(s, RunOptions{4, 0, 0});
    sim.run();
    const Results r = sim.results();
    int detected = 0;
    for (std::size_t e = 0; e < r.episodes.size(); ++e) {
      if (r.episodes.detected_day[e] < 0) continue;
      ++detected;
      // Silo staff may find a household member's need while serving another (a referral).
      const auto c = static_cast<Channel>(r.episodes.channel[e]);
      EXPECT_TRUE(c == channel || c == Channel::household) << kChannelNames[r.episodes.channel[e]];
    }
    EXPECT_GT(detected, 10);
  }
}

TEST(Detection, SiloFindsGapNeedsOnlyThroughCrisis) {
  // Under silo intake nobody owns a gap need: with the self-reliance consultation closed to them
  // too, every contact is refused and only a crisis reveals it.
  Scenario s = test::small_scenario("silo", 30000, 1825);
  s.intake.self_reliance_gap_acceptance = 0;
  Simulation sim(s, RunOptions{8, 0, 0});
  sim.run();
  const Results r = sim.results();
  int gap_detected = 0, refused = 0;
  for (std::size_t e = 0; e < r.episodes.size(); ++e) {
    if (r.episodes.field[e] != static_cast<int>(Field::gap)) continue;
    refused += r.episodes.bounces[e] > 0;
    if (r.episodes.detected_day[e] < 0) continue;
    ++gap_detected;
    EXPECT_EQ(r.episodes.channel[e], static_cast<int>(Channel::crisis));
  }
  EXPECT_GT(gap_detected, 10);
  EXPECT_GT(refused, 10);
}

std::int64_t warning_count(const std::vector<std::pair<std::string, std::int64_t>>& warnings, const std::string& name) {
  for (const auto& [w, count] : warnings)
    if (w == name) return count;
  return 0;
}

TEST(Detection, HazardStaysWithinTheBoundItWasDrawnAt) {
  // Thinning is exact only below the bound (episodes.cpp): every lever on, and the silo.
  for (const char* name : {"full_juso", "juso_adoption", "silo"}) {
    SCOPED_TRACE(name);
    Simulation sim(test::small_scenario(name, 20000, 1095), RunOptions{6, 0, 0});
    sim.run();
    const Results r = sim.results();
    ASSERT_GT(r.episodes.size(), 500u);
    EXPECT_EQ(warning_count(r.warnings, "detection_hazard_above_bound"), 0);
  }
}

TEST(Detection, AHazardAboveItsBoundIsCountedAsAWarning) {
  const Scenario s = test::small_scenario("full_juso", 5000, 365);
  const Context ctx{s, RngKey{2, 0}, 1};
  State st;
  initialise(ctx, {Epoch{0, s}}, st);
  // The candidates already scheduled now carry bounds far below their hazards, as a bound that
  // forgot a channel would.
  for (double& bound : st.episodes.detection_bound) bound *= 1e-3;
  while (st.today < 200) step_day(ctx, st);
  EXPECT_GT(st.warnings[static_cast<int>(Warning::detection_hazard_above_bound)], 10);
}

}  // namespace
}  // namespace kyosei
