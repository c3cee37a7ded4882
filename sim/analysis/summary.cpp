// Summary statistics of a run (summary.hpp): Kaplan-Meier detection times by group, isolation
// means and referral losses.
#include "kyosei/analysis/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "kyosei/engine/errors.hpp"

namespace kyosei {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One duration with its position in the input, so that groups can be picked out after sorting.
struct Duration {
  double time;
  std::size_t index;
  bool observed;
};

// Durations in ascending time order (ties in any order: the curve counts them together).
std::vector<Duration> sort_durations(std::span<const double> times,
                                     std::span<const std::uint8_t> observed) {
  if (times.size() != observed.size()) {
    throw UsageError("kaplan_meier: " + std::to_string(times.size()) + " times but " +
                     std::to_string(observed.size()) + " observed flags");
  }
  std::vector<Duration> sorted(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (std::isnan(times[i])) throw UsageError("kaplan_meier: time " + std::to_string(i) + " is NaN");
    sorted[i] = {times[i], i, observed[i] != 0};
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const Duration& a, const Duration& b) { return a.time < b.time; });
  return sorted;
}

struct GroupCurve {
  std::int64_t size = 0;
  std::vector<KaplanMeierPoint> points;
};

// Kaplan-Meier curve of the sorted durations whose input index satisfies in_group.
template <class InGroup>
GroupCurve curve_of(std::span<const Duration> sorted, InGroup in_group) {
  DurationCounts counts;
  for (std::size_t k = 0; k < sorted.size();) {
    const double t = sorted[k].time;
    std::int64_t events = 0;
    std::int64_t ending = 0;
    for (; k < sorted.size() && sorted[k].time == t; ++k) {
      if (!in_group(sorted[k].index)) continue;
      ++ending;
      events += sorted[k].observed ? 1 : 0;
    }
    if (ending == 0) continue;
    counts.time.push_back(t);
    counts.ending.push_back(ending);
    counts.events.push_back(events);
    counts.size += ending;
  }
  return {counts.size, kaplan_meier(counts)};
}

DetectionEstimate estimate_of(const GroupCurve& group) {
  DetectionEstimate e;
  e.episodes = group.size;
  for (const KaplanMeierPoint& p : group.points) e.detected += p.events;
  if (group.size == 0) {
    e.median_days = e.rmst_days = e.within_30 = e.within_90 = e.within_365 = kNaN;
    return e;
  }
  e.median_days = km_median(group.points);
  e.rmst_days = km_restricted_mean(group.points, kRmstHorizonDays);
  e.within_30 = 1.0 - km_survival_at(group.points, 30.0);
  e.within_90 = 1.0 - km_survival_at(group.points, 90.0);
  e.within_365 = 1.0 - km_survival_at(group.points, 365.0);
  return e;
}

void check_equal_columns(const EpisodeTable& episodes) {
#define KYOSEI_CHECK(name, type, unit, meaning)                                               \
  if (episodes.name.size() != episodes.size()) {                                             \
    throw UsageError("episode table: column '" #name "' has " +                              \
                     std::to_string(episodes.name.size()) + " rows, onset_day has " +        \
                     std::to_string(episodes.size()));                                       \
  }
  KYOSEI_EPISODE_COLUMNS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
}

template <class T>
double mean_of(const std::vector<T>& values) {
  if (values.empty()) return kNaN;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::int64_t sum_of(const std::vector<std::int64_t>& values) {
  return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

// Numerator over denominator, NaN when there is nothing to divide.
double ratio(std::int64_t numerator, std::int64_t denominator) {
  return denominator > 0 ? static_cast<double>(numerator) / static_cast<double>(denominator) : kNaN;
}

void summarize_detection(const EpisodeTable& episodes, std::int32_t horizon_days, Summary& s) {
  const DetectionTimes dt = detection_times(episodes, horizon_days);
  // Sorted once; every group is a filtered walk over the same order.
  const std::vector<Duration> sorted = sort_durations(dt.time, dt.detected);
  // Detection by crisis counts as detection in the curve but is a failure of detection: each
  // group also reports the share of its detected needs that a crisis revealed.
  const auto estimate = [&](auto in_group) {
    DetectionEstimate e = estimate_of(curve_of(sorted, in_group));
    std::int64_t crisis = 0;
    for (std::size_t i = 0; i < episodes.size(); ++i)
      crisis += in_group(i) && episodes.detected_day[i] >= 0 && episodes.channel[i] == static_cast<std::uint8_t>(Channel::crisis);
    e.crisis_share = ratio(crisis, e.detected);
    return e;
  };

  s.overall = estimate([](std::size_t) { return true; });
  for (int f = 0; f < kFieldCount; ++f) {
    s.by_field[f] = estimate([&](std::size_t i) { return episodes.field[i] == f; });
  }
  s.no_compound = estimate([&](std::size_t i) { return episodes.compound[i] == 0; });
  // An episode counts in every tag its household has; tag b is bit b (kCompoundTagNames order).
  for (int b = 0; b < kCompoundTagCount; ++b) {
    s.by_compound[b] = estimate([&](std::size_t i) { return (episodes.compound[i] >> b) & 1u; });
  }
}

void summarize_referrals(const EpisodeTable& episodes, Summary& s) {
  constexpr auto kCrisis = static_cast<std::uint8_t>(Channel::crisis);
  std::int64_t bounced = 0, detected = 0, crisis = 0, accepted = 0, hops = 0;
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    bounced += episodes.bounces[i] > 0 ? 1 : 0;
    if (episodes.detected_day[i] >= 0) {
      ++detected;
      crisis += episodes.channel[i] == kCrisis ? 1 : 0;
    }
    if (episodes.hops[i] >= 0) {
      ++accepted;
      hops += episodes.hops[i];
    }
  }
  s.share_bounced = ratio(bounced, static_cast<std::int64_t>(episodes.size()));
  s.share_crisis = ratio(crisis, detected);
  s.mean_hops = ratio(hops, accepted);
}

}  // namespace

std::vector<KaplanMeierPoint> kaplan_meier(std::span<const double> times,
                                           std::span<const std::uint8_t> observed) {
  const std::vector<Duration> sorted = sort_durations(times, observed);
  return curve_of(sorted, [](std::size_t) { return true; }).points;
}

std::vector<KaplanMeierPoint> kaplan_meier(const DurationCounts& counts) {
  // At a tied time every duration is still at risk, so events count before the censorings.
  std::vector<KaplanMeierPoint> points;
  std::int64_t at_risk = counts.size;
  double survival = 1.0;
  for (std::size_t k = 0; k < counts.time.size(); ++k) {
    if (counts.events[k] > 0) {
      survival *= 1.0 - static_cast<double>(counts.events[k]) / static_cast<double>(at_risk);
      points.push_back({counts.time[k], survival, at_risk, counts.events[k]});
    }
    at_risk -= counts.ending[k];
  }
  return points;
}

double km_median(std::span<const KaplanMeierPoint> curve) {
  // The tolerance keeps a product of factors that is 0.5 in exact arithmetic, but lands a
  // rounding error above it, from skipping the time (statsmodels' SurvfuncRight does the same).
  constexpr double kTolerance = 1e-10;
  for (const KaplanMeierPoint& p : curve) {
    if (p.survival <= 0.5 + kTolerance) return p.time;
  }
  return kNaN;
}

double km_restricted_mean(std::span<const KaplanMeierPoint> curve, double tau) {
  double area = 0.0;
  double from = 0.0;
  double survival = 1.0;
  for (const KaplanMeierPoint& p : curve) {
    if (p.time >= tau) break;
    area += survival * (p.time - from);
    from = p.time;
    survival = p.survival;
  }
  return area + survival * std::max(0.0, tau - from);
}

double km_survival_at(std::span<const KaplanMeierPoint> curve, double t) {
  // The curve is right-continuous: S(t) is the value after the last event time <= t.
  const auto after = std::upper_bound(curve.begin(), curve.end(), t,
                                      [](double x, const KaplanMeierPoint& p) { return x < p.time; });
  return after == curve.begin() ? 1.0 : std::prev(after)->survival;
}

DetectionTimes detection_times(const EpisodeTable& episodes, std::int32_t horizon_days) {
  check_equal_columns(episodes);
  const std::size_t n = episodes.size();
  DetectionTimes dt;
  dt.time.resize(n);
  dt.detected.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t onset = episodes.onset_day[i];
    const bool detected = episodes.detected_day[i] >= 0;
    // Undetected: followed until it closed (remitted, died) or, if still open, the horizon.
    const std::int32_t until = detected                     ? episodes.detected_day[i]
                               : episodes.end_day[i] >= 0 ? episodes.end_day[i]
                                                          : horizon_days;
    dt.time[i] = static_cast<double>(until - onset);
    dt.detected[i] = detected ? 1 : 0;
  }
  return dt;
}

Summary compute_summary(const EpisodeTable& episodes, const DailySeries& series,
                        std::int32_t horizon_days) {
  Summary s;
  summarize_detection(episodes, horizon_days, s);
  summarize_referrals(episodes, s);
  s.mean_isolation_residents = mean_of(series.isolation_residents);
  s.mean_isolation_households = mean_of(series.isolation_households);
  s.refusals = sum_of(series.refusals);
  s.dropoffs = sum_of(series.dropoffs);
  return s;
}

}  // namespace kyosei
