// Tests of sim/analysis/summary.cpp: the Kaplan-Meier estimator and the run summary.
#include "kyosei/analysis/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kyosei/engine/errors.hpp"

namespace kyosei {
namespace {

// Eight durations with tied events and a censoring tied with events at t = 2.
// By hand: t=1: 8 at risk, 1 event, S = 7/8. t=2: 7 at risk (the censoring at 2 still counts),
// 2 events, S = 7/8 * 5/7 = 5/8. t=3: censored only. t=4: 3 at risk, 1 event, S = 5/8 * 2/3 =
// 5/12. t=5: 1 at risk, 1 event, S = 0.
const std::vector<double> kTimes = {1, 2, 2, 2, 3, 4, 4, 5};
const std::vector<std::uint8_t> kObserved = {1, 1, 1, 0, 0, 1, 0, 1};

TEST(KaplanMeier, HandComputedCurveWithTiesAndCensoring) {
  // Shuffled input: the estimator sorts.
  const std::vector<double> times = {4, 2, 5, 1, 2, 3, 4, 2};
  const std::vector<std::uint8_t> observed = {1, 0, 1, 1, 1, 0, 0, 1};
  const auto curve = kaplan_meier(times, observed);
  ASSERT_EQ(curve.size(), 4u);
  const double expected_time[] = {1, 2, 4, 5};
  const double expected_survival[] = {7.0 / 8, 5.0 / 8, 5.0 / 12, 0.0};
  const std::int64_t expected_at_risk[] = {8, 7, 3, 1};
  const std::int64_t expected_events[] = {1, 2, 1, 1};
  for (std::size_t k = 0; k < curve.size(); ++k) {
    EXPECT_EQ(curve[k].time, expected_time[k]) << k;
    EXPECT_NEAR(curve[k].survival, expected_survival[k], 1e-15) << k;
    EXPECT_EQ(curve[k].at_risk, expected_at_risk[k]) << k;
    EXPECT_EQ(curve[k].events, expected_events[k]) << k;
  }
}

TEST(KaplanMeier, MedianRestrictedMeanAndSurvivalAt) {
  const auto curve = kaplan_meier(kTimes, kObserved);
  EXPECT_EQ(km_median(curve), 4.0);
  // Area: 1*1 + 7/8*1 + 5/8*2 + 5/12*1 + 0*5.
  EXPECT_NEAR(km_restricted_mean(curve, 10.0), 1 + 7.0 / 8 + 5.0 / 4 + 5.0 / 12, 1e-12);
  // Cut inside a step: 1*1 + 7/8*1 + 5/8*0.5.
  EXPECT_NEAR(km_restricted_mean(curve, 2.5), 1 + 7.0 / 8 + 5.0 / 16, 1e-12);
  EXPECT_EQ(km_restricted_mean(curve, 0.0), 0.0);
  EXPECT_EQ(km_survival_at(curve, 0.5), 1.0);
  EXPECT_EQ(km_survival_at(curve, 1.0), 7.0 / 8);  // right-continuous: the step at 1 counts
  EXPECT_NEAR(km_survival_at(curve, 3.9), 5.0 / 8, 1e-15);
  EXPECT_NEAR(km_survival_at(curve, 4.0), 5.0 / 12, 1e-15);
  EXPECT_EQ(km_survival_at(curve, 100.0), 0.0);
}

TEST(KaplanMeier, MedianIsNaNWhenTheCurveStaysAboveHalf) {
  const std::vector<double> times = {1, 2, 3, 4};
  const std::vector<std::uint8_t> observed = {1, 0, 0, 0};
  const auto curve = kaplan_meier(times, observed);
  EXPECT_TRUE(std::isnan(km_median(curve)));
  EXPECT_NEAR(km_restricted_mean(curve, 10.0), 1 + 0.75 * 9, 1e-12);
}

TEST(KaplanMeier, MedianAtExactlyHalfDespiteRounding) {
  // S(5) = 9/10 * 8/9 * 7/8 * 6/7 * 5/6 is 0.5 exactly, but not in floating point.
  std::vector<double> times;
  for (int t = 1; t <= 10; ++t) times.push_back(t);
  const std::vector<std::uint8_t> observed(times.size(), 1);
  EXPECT_EQ(km_median(kaplan_meier(times, observed)), 5.0);
}

TEST(KaplanMeier, EmptyAndAllCensored) {
  const auto empty = kaplan_meier({}, {});
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(std::isnan(km_median(empty)));
  EXPECT_EQ(km_restricted_mean(empty, 365.0), 365.0);
  EXPECT_EQ(km_survival_at(empty, 30.0), 1.0);
  const std::vector<double> times = {3, 7};
  const std::vector<std::uint8_t> censored = {0, 0};
  EXPECT_TRUE(kaplan_meier(times, censored).empty());
}

TEST(KaplanMeier, RejectsMismatchedOrNaNInput) {
  const std::vector<double> times = {1, 2};
  const std::vector<std::uint8_t> one_flag = {1};
  EXPECT_THROW(kaplan_meier(times, one_flag), UsageError);
  const std::vector<double> nan_time = {1, std::nan("")};
  const std::vector<std::uint8_t> flags = {1, 1};
  EXPECT_THROW(kaplan_meier(nan_time, flags), UsageError);
}

// Reference values from statsmodels 0.13.5 (python3-statsmodels on Debian 12), computed once:
//   from statsmodels.duration.survfunc import SurvfuncRight
//   sf = SurvfuncRight(np.array(kRefTimes, float), np.array(kRefObserved, float))
//   sf.surv_times, sf.surv_prob, sf.n_risk, sf.n_events, sf.quantile(0.5)
// and the restricted means by integrating sf's step function (surv_times, surv_prob) with numpy.
// The durations come from a linear congruential generator (x = x * 1103515245 + 12345 mod 2^31,
// x0 = 12345): time = (x >> 16) % 60, then observed = (x >> 16) % 3 != 0 from the next x.
const std::vector<double> kRefTimes = {48, 37, 7,  1, 10, 52, 38, 15, 13, 21, 31, 11, 41, 52, 21,
                                       23, 16, 54, 3, 46, 32, 45, 57, 55, 13, 44, 45, 47, 58, 50};
const std::vector<std::uint8_t> kRefObserved = {1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1,
                                                0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1};

TEST(KaplanMeier, MatchesStatsmodelsSurvfuncRight) {
  const std::vector<double> surv_times = {1, 3, 7, 11, 13, 15, 16, 21, 31, 41, 45, 46, 47, 48, 50, 52, 54, 55, 57, 58};
  const std::vector<double> surv_prob = {0.9666666666666667,
                                         0.9333333333333333,
                                         0.9,
                                         0.8653846153846154,
                                         0.7961538461538462,
                                         0.7615384615384617,
                                         0.7269230769230771,
                                         0.6923076923076924,
                                         0.653846153846154,
                                         0.6071428571428573,
                                         0.505952380952381,
                                         0.455357142857143,
                                         0.4047619047619049,
                                         0.3541666666666668,
                                         0.30357142857142866,
                                         0.20238095238095244,
                                         0.15178571428571436,
                                         0.10119047619047626,
                                         0.050595238095238124,
                                         0.0};
  const std::vector<std::int64_t> n_risk = {30, 29, 28, 26, 25, 23, 22, 21, 18, 14, 12, 10, 9, 8, 7, 6, 4, 3, 2, 1};
  const std::vector<std::int64_t> n_events = {1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 1};
  const auto curve = kaplan_meier(kRefTimes, kRefObserved);
  ASSERT_EQ(curve.size(), surv_times.size());
  for (std::size_t k = 0; k < curve.size(); ++k) {
    EXPECT_EQ(curve[k].time, surv_times[k]) << k;
    EXPECT_NEAR(curve[k].survival, surv_prob[k], 1e-12) << k;
    EXPECT_EQ(curve[k].at_risk, n_risk[k]) << k;
    EXPECT_EQ(curve[k].events, n_events[k]) << k;
  }
  EXPECT_EQ(km_median(curve), 46.0);
  EXPECT_NEAR(km_restricted_mean(curve, 30.0), 24.21666666666667, 1e-10);
  EXPECT_NEAR(km_restricted_mean(curve, 45.0), 33.87600732600733, 1e-10);
  EXPECT_NEAR(km_survival_at(curve, 10.0), 0.9, 1e-12);
  EXPECT_NEAR(km_survival_at(curve, 30.0), 0.6923076923076924, 1e-12);
}

// Appends an episode with every column zero and returns its row, for the test to fill in.
std::size_t add_episode(EpisodeTable& table) {
#define KYOSEI_PUSH(name, type, unit, meaning) table.name.push_back(type{});
  KYOSEI_EPISODE_COLUMNS(KYOSEI_PUSH)
#undef KYOSEI_PUSH
  return table.size() - 1;
}

void set_episode(EpisodeTable& t, std::uint8_t field, std::uint8_t compound, std::int32_t onset, std::int32_t detected,
                 std::int32_t end, std::uint8_t channel, std::int16_t hops, std::int16_t bounces) {
  const std::size_t i = add_episode(t);
  t.field[i] = field;
  t.compound[i] = compound;
  t.onset_day[i] = onset;
  t.detected_day[i] = detected;
  t.end_day[i] = end;
  t.channel[i] = channel;
  t.hops[i] = hops;
  t.bounces[i] = bounces;
}

constexpr std::int32_t kHorizon = 100;

// Five episodes; detection times 5, 80 (censored at the horizon), 30, 10 (censored when it
// remitted), 0.
EpisodeTable small_table() {
  EpisodeTable t;
  set_episode(t, 0, 0, 10, 15, -1, 1, 0, 0);
  set_episode(t, 0, kTag8050 | kTagIsolated, 20, -1, -1, 0, -1, 0);
  set_episode(t, 1, kTag8050, 0, 30, 70, 5, 2, 1);
  set_episode(t, 4, kTagMultiNeed, 50, -1, 60, 0, -1, 2);
  set_episode(t, 0, 0, 5, 5, -1, 2, 1, 0);
  return t;
}

TEST(DetectionTimes, CensorsAtCloseOrHorizon) {
  const DetectionTimes dt = detection_times(small_table(), kHorizon);
  EXPECT_EQ(dt.time, (std::vector<double>{5, 80, 30, 10, 0}));
  EXPECT_EQ(dt.detected, (std::vector<std::uint8_t>{1, 0, 1, 0, 1}));
}

TEST(DetectionTimes, RejectsColumnsOfUnequalLength) {
  EpisodeTable t = small_table();
  t.bounces.pop_back();
  EXPECT_THROW(detection_times(t, kHorizon), UsageError);
}

void expect_estimate(const DetectionEstimate& e, std::int64_t episodes, std::int64_t detected, double median,
                     double rmst, double within_30, double within_365) {
  EXPECT_EQ(e.episodes, episodes);
  EXPECT_EQ(e.detected, detected);
  if (std::isnan(median)) {
    EXPECT_TRUE(std::isnan(e.median_days));
  } else {
    EXPECT_DOUBLE_EQ(e.median_days, median);
  }
  EXPECT_NEAR(e.rmst_days, rmst, 1e-9);
  EXPECT_NEAR(e.within_30, within_30, 1e-12);
  EXPECT_NEAR(e.within_365, within_365, 1e-12);
}

void expect_empty(const DetectionEstimate& e) {
  EXPECT_EQ(e.episodes, 0);
  EXPECT_EQ(e.detected, 0);
  for (const double value : {e.median_days, e.rmst_days, e.within_30, e.within_90, e.within_365}) {
    EXPECT_TRUE(std::isnan(value));
  }
}

TEST(ComputeSummary, GroupsOfAHandmadeTable) {
  const double nan = std::nan("");
  const Summary s = compute_summary(small_table(), DailySeries{}, kHorizon);
  // Overall: S = 4/5 at 0, 3/5 at 5, censoring at 10, 3/10 at 30.
  expect_estimate(s.overall, 5, 3, 30, 0.8 * 5 + 0.6 * 25 + 0.3 * 335, 0.7, 0.7);
  EXPECT_NEAR(s.overall.within_90, 0.7, 1e-12);
  // Elderly: times 5, 80 (censored), 0: S = 2/3 at 0, 1/3 at 5.
  expect_estimate(s.by_field[0], 3, 2, 5, 2.0 / 3 * 5 + 1.0 / 3 * 360, 2.0 / 3, 2.0 / 3);
  expect_estimate(s.by_field[1], 1, 1, 30, 30, 1, 1);
  expect_empty(s.by_field[2]);
  expect_empty(s.by_field[3]);
  expect_estimate(s.by_field[4], 1, 0, nan, 365, 0, 0);  // censored, never detected
  // No compound tag: times 5 and 0, S = 1/2 at 0 (the median), 0 at 5.
  expect_estimate(s.no_compound, 2, 2, 0, 2.5, 1, 1);
  // 8050: times 80 (censored) and 30.
  expect_estimate(s.by_compound[0], 2, 1, 30, 30 + 0.5 * 335, 0.5, 0.5);
  expect_empty(s.by_compound[1]);
  expect_estimate(s.by_compound[2], 1, 0, nan, 365, 0, 0);
  expect_estimate(s.by_compound[3], 1, 0, nan, 365, 0, 0);

  EXPECT_DOUBLE_EQ(s.share_bounced, 2.0 / 5);
  EXPECT_DOUBLE_EQ(s.share_crisis, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.mean_hops, 1.0);  // (0 + 2 + 1) / 3 accepted episodes
}

TEST(ComputeSummary, SeriesMeansAndSums) {
  DailySeries series;
  series.isolation_residents = {0.1, 0.2, 0.3};
  series.isolation_households = {0.5, 0.5, 0.2};
  series.refusals = {1, 0, 2};
  series.dropoffs = {0, 4, 0};
  const Summary s = compute_summary(small_table(), series, kHorizon);
  EXPECT_NEAR(s.mean_isolation_residents, 0.2, 1e-15);
  EXPECT_NEAR(s.mean_isolation_households, 0.4, 1e-15);
  EXPECT_EQ(s.refusals, 3);
  EXPECT_EQ(s.dropoffs, 4);
}

TEST(ComputeSummary, EmptyRunGivesNaNNotZero) {
  const Summary s = compute_summary(EpisodeTable{}, DailySeries{}, kHorizon);
  expect_empty(s.overall);
  expect_empty(s.no_compound);
  EXPECT_TRUE(std::isnan(s.share_bounced));
  EXPECT_TRUE(std::isnan(s.share_crisis));
  EXPECT_TRUE(std::isnan(s.mean_hops));
  EXPECT_TRUE(std::isnan(s.mean_isolation_residents));
  EXPECT_EQ(s.refusals, 0);
}

}  // namespace
}  // namespace kyosei
