// Tests of sim/cumulative_incidence.cpp: the Aalen-Johansen estimate against hand-computed and
// statsmodels' numbers, and the pathway's stages with crisis, death and remission competing.
#include <gtest/gtest.h>

#include <cmath>

#include "kyosei/engine/errors.hpp"
#include "kyosei/analysis/summary.hpp"

namespace kyosei {
namespace {

constexpr std::int32_t kHorizon = 100;

TEST(CumulativeIncidence, MatchesStatsmodelsCumIncidenceRight) {
  // statsmodels 0.13.5: CumIncidenceRight([1, 2, 2, 3, 4, 5], [1, 2, 0, 1, 1, 0]).
  const std::vector<double> time = {1, 2, 2, 3, 4, 5};
  const std::vector<std::uint8_t> cause = {1, 2, 0, 1, 1, 0};
  const auto first = cumulative_incidence(time, cause, 1);
  ASSERT_EQ(first.size(), 4u);  // the times of any event: 1, 2, 3, 4
  const double expected[] = {1.0 / 6, 1.0 / 6, 0.38888888888888884, 0.6111111111111112};
  const double se[] = {0.15214515, 0.15214515, 0.21872244, 0.21872244};  // as statsmodels prints them
  for (std::size_t k = 0; k < first.size(); ++k) {
    EXPECT_NEAR(first[k].incidence, expected[k], 1e-12) << k;
    EXPECT_NEAR(first[k].std_error, se[k], 1e-8) << k;
    EXPECT_LE(first[k].lower, first[k].incidence);
    EXPECT_GE(first[k].upper, first[k].incidence);
  }
  EXPECT_EQ(first[0].at_risk, 6);
  EXPECT_EQ(first[2].at_risk, 3);
  const auto second = cumulative_incidence(time, cause, 2);
  EXPECT_NEAR(second.back().incidence, 1.0 / 6, 1e-12);
  EXPECT_NEAR(second.back().std_error, 0.15214515, 1e-8);
  // The incidences of all causes add up to 1 - S(t) of all causes together: S(4) = 5/6 x 4/5 x
  // 2/3 x 1/2 = 2/9.
  EXPECT_NEAR(first.back().incidence + second.back().incidence, 1 - 2.0 / 9, 1e-12);
}

TEST(CumulativeIncidence, AtMedianAndMissingCause) {
  const std::vector<double> time = {1, 2, 3, 4};
  const std::vector<std::uint8_t> cause = {1, 1, 2, 0};
  const auto curve = cumulative_incidence(time, cause, 1);
  EXPECT_DOUBLE_EQ(incidence_at(curve, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(incidence_at(curve, 1.5), 0.25);
  EXPECT_DOUBLE_EQ(incidence_at(curve, 10), 0.5);
  EXPECT_DOUBLE_EQ(incidence_median(curve), 2.0);
  EXPECT_TRUE(std::isnan(incidence_median(cumulative_incidence(time, cause, 2))));
  EXPECT_TRUE(cumulative_incidence(time, cause, 3).empty());  // a cause that never happens: F = 0
  EXPECT_THROW(cumulative_incidence(time, cause, 0), UsageError);
  EXPECT_THROW(cumulative_incidence(time, std::vector<std::uint8_t>{1}, 1), UsageError);
}

std::size_t add_episode(EpisodeTable& t, std::int32_t onset, std::int32_t contact, std::int32_t detected,
                        Channel channel, std::int32_t covered, std::int32_t resolved, std::int32_t end,
                        Outcome outcome) {
#define KYOSEI_PUSH(name, type, unit, meaning) t.name.push_back(type{});
  KYOSEI_EPISODE_COLUMNS(KYOSEI_PUSH)
#undef KYOSEI_PUSH
  const std::size_t i = t.size() - 1;
  t.onset_day[i] = onset;
  t.first_contact_day[i] = contact;
  t.detected_day[i] = detected;
  t.channel[i] = static_cast<std::uint8_t>(channel);
  t.covered_day[i] = covered;
  t.resolved_day[i] = resolved;
  t.end_day[i] = end;
  t.outcome[i] = static_cast<std::uint8_t>(outcome);
  return i;
}

// Six needs: found by a commissioner and resolved; contacted (refused), then revealed by a crisis
// and served; revealed by a crisis at first contact; died unknown; remitted unknown; open.
EpisodeTable pathway_table() {
  EpisodeTable t;
  add_episode(t, 10, 12, 15, Channel::commissioner, 20, 50, 50, Outcome::resolved);
  add_episode(t, 0, 5, 30, Channel::crisis, 31, -1, -1, Outcome::in_service);
  add_episode(t, 0, 40, 40, Channel::crisis, -1, -1, -1, Outcome::waiting);
  add_episode(t, 20, -1, -1, Channel::none, -1, -1, 60, Outcome::died);
  add_episode(t, 50, -1, -1, Channel::none, -1, -1, 70, Outcome::remitted);
  add_episode(t, 0, -1, -1, Channel::none, -1, -1, -1, Outcome::undetected);
  return t;
}

std::vector<std::uint8_t> causes(std::initializer_list<PathwayCause> list) {
  std::vector<std::uint8_t> out;
  for (const PathwayCause c : list) out.push_back(static_cast<std::uint8_t>(c));
  return out;
}

using enum PathwayCause;

TEST(PathwayTimes, ACrisisIsNeverADetection) {
  const PathwayTimes p = pathway_times(pathway_table(), kHorizon, Stage::detection);
  EXPECT_EQ(p.time, (std::vector<double>{5, 30, 40, 40, 20, 100}));
  EXPECT_EQ(p.cause, causes({reached, crisis, crisis, death, remission, censored}));
}

TEST(PathwayTimes, AContactBeforeTheCrisisCountsAsContact) {
  const PathwayTimes p = pathway_times(pathway_table(), kHorizon, Stage::contact);
  EXPECT_EQ(p.time, (std::vector<double>{2, 5, 40, 40, 20, 100}));
  EXPECT_EQ(p.cause, causes({reached, reached, crisis, death, remission, censored}));
}

TEST(PathwayTimes, EngagementAndResolutionAfterACrisisStillCount) {
  const PathwayTimes engaged = pathway_times(pathway_table(), kHorizon, Stage::engagement);
  EXPECT_EQ(engaged.time, (std::vector<double>{10, 31, 100, 40, 20, 100}));
  EXPECT_EQ(engaged.cause, causes({reached, reached, censored, death, remission, censored}));
  const PathwayTimes resolved = pathway_times(pathway_table(), kHorizon, Stage::resolution);
  EXPECT_EQ(resolved.time, (std::vector<double>{40, 100, 100, 40, 20, 100}));
  EXPECT_EQ(resolved.cause, causes({reached, censored, censored, death, remission, censored}));
}

TEST(PathwaySummary, CrisesAreFailuresInTheHeadlineAndDetectionsInTheDeprecatedCount) {
  const Summary s = compute_summary(pathway_table(), DailySeries{}, kHorizon);
  EXPECT_EQ(s.overall.detection_events, 1);
  EXPECT_EQ(s.overall.crisis_events, 2);
  EXPECT_EQ(s.overall.detected, 3);  // deprecated: acceptance, crises included
  // Sorted: 5 found, 20 remitted, 30 crisis, 40 crisis and death, 100 censored (n = 6).
  EXPECT_NEAR(s.overall.detection_365, 1.0 / 6, 1e-12);
  EXPECT_NEAR(s.overall.crisis_365, 4.0 / 6 / 4 + 3.0 / 6 / 3, 1e-12);
  EXPECT_NEAR(s.overall.death_365, 3.0 / 6 / 3, 1e-12);
  EXPECT_NEAR(s.overall.detection_30, 1.0 / 6, 1e-12);
  EXPECT_TRUE(std::isnan(s.overall.detection_median_days));
  EXPECT_NEAR(s.overall.contact_365, 2.0 / 6, 1e-12);
  EXPECT_NEAR(s.overall.engagement_365, 2.0 / 6, 1e-12);
  EXPECT_NEAR(s.overall.resolution_365, 1.0 / 6, 1e-12);
  EXPECT_LE(s.overall.detection_365_lower, s.overall.detection_365);
  EXPECT_GE(s.overall.detection_365_upper, s.overall.detection_365);
  EXPECT_GT(s.overall.within_365, s.overall.detection_365);  // the old number counts the crises
}

TEST(PathwaySummary, AnEmptyGroupIsNaN) {
  const Summary s = compute_summary(pathway_table(), DailySeries{}, kHorizon);
  const DetectionEstimate& child = s.by_field[static_cast<int>(Field::child)];
  EXPECT_EQ(child.episodes, 0);
  EXPECT_EQ(child.detection_events, 0);
  for (const double v : {child.contact_365, child.detection_365, child.detection_365_lower, child.crisis_365,
                         child.engagement_365, child.resolution_365})
    EXPECT_TRUE(std::isnan(v));
}

}  // namespace
}  // namespace kyosei
