// Summary statistics of a run (summary.hpp): the pathway's cumulative incidences and the
// deprecated Kaplan-Meier acceptance times by group, isolation means and referral losses.
#include "kyosei/analysis/summary.hpp"

#include <algorithm>
#include <array>
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
std::vector<Duration> sort_durations(std::span<const double> times, std::span<const std::uint8_t> observed) {
  if (times.size() != observed.size()) {
    throw UsageError("kaplan_meier: " + std::to_string(times.size()) + " times but " + std::to_string(observed.size()) +
                     " observed flags");
  }
  std::vector<Duration> sorted(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (std::isnan(times[i])) throw UsageError("kaplan_meier: time " + std::to_string(i) + " is NaN");
    sorted[i] = {times[i], i, observed[i] != 0};
  }
  std::sort(sorted.begin(), sorted.end(), [](const Duration& a, const Duration& b) { return a.time < b.time; });
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
#define KYOSEI_CHECK(name, type, unit, meaning)                                                        \
  if (episodes.name.size() != episodes.size()) {                                                       \
    throw UsageError("episode table: column '" #name "' has " + std::to_string(episodes.name.size()) + \
                     " rows, onset_day has " + std::to_string(episodes.size()));                       \
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

// Calls fill(estimate, in_group) for the overall group, each field, the needs of households
// without a compound tag and each compound tag (an episode counts in every tag its household
// has; tag b is bit b, kCompoundTagNames order).
template <class Fill>
void for_each_group(const EpisodeTable& episodes, Summary& s, Fill fill) {
  fill(s.overall, [](std::size_t) { return true; });
  for (int f = 0; f < kFieldCount; ++f) fill(s.by_field[f], [&, f](std::size_t i) { return episodes.field[i] == f; });
  fill(s.no_compound, [&](std::size_t i) { return episodes.compound[i] == 0; });
  for (int b = 0; b < kCompoundTagCount; ++b)
    fill(s.by_compound[b], [&, b](std::size_t i) { return ((episodes.compound[i] >> b) & 1u) != 0; });
}

void summarize_detection(const EpisodeTable& episodes, std::int32_t horizon_days, Summary& s) {
  const DetectionTimes dt = detection_times(episodes, horizon_days);
  // Sorted once; every group is a filtered walk over the same order.
  const std::vector<Duration> sorted = sort_durations(dt.time, dt.detected);
  // The deprecated acceptance curve counts a crisis as an event; each group also reports the
  // share of its accepted needs that a crisis revealed.
  const auto estimate = [&](auto in_group) {
    DetectionEstimate e = estimate_of(curve_of(sorted, in_group));
    std::int64_t crisis = 0;
    for (std::size_t i = 0; i < episodes.size(); ++i)
      crisis += in_group(i) && episodes.detected_day[i] >= 0 &&
                episodes.channel[i] == static_cast<std::uint8_t>(Channel::crisis);
    e.crisis_share = ratio(crisis, e.detected);
    return e;
  };

  for_each_group(episodes, s, [&](DetectionEstimate& e, auto in_group) { e = estimate(in_group); });
}

// Cumulative incidences of the episodes in_group picks out of one stage's times.
template <class InGroup>
CompetingCounts group_counts(const PathwayTimes& pathway, InGroup in_group) {
  std::vector<double> times;
  std::vector<std::uint8_t> causes;
  for (std::size_t i = 0; i < pathway.time.size(); ++i) {
    if (!in_group(i)) continue;
    times.push_back(pathway.time[i]);
    causes.push_back(pathway.cause[i]);
  }
  return count_competing(times, causes);
}

std::int64_t events_of(const CompetingCounts& counts, PathwayCause cause) {
  const auto c = static_cast<std::size_t>(cause) - 1;
  return c < counts.causes.size() ? std::accumulate(counts.causes[c].begin(), counts.causes[c].end(), std::int64_t{0})
                                  : 0;
}

// The pathway's stages of every group (the fields before the deprecated ones).
void summarize_pathway(const EpisodeTable& episodes, std::int32_t horizon_days, Summary& s) {
  std::array<PathwayTimes, kStageCount> stages;
  for (int k = 0; k < kStageCount; ++k) stages[k] = pathway_times(episodes, horizon_days, static_cast<Stage>(k));
  const auto curve = [](const CompetingCounts& counts, PathwayCause cause) {
    return cumulative_incidence(counts, static_cast<int>(cause));
  };
  for_each_group(episodes, s, [&](DetectionEstimate& e, auto in_group) {
    const auto at = [&](Stage stage) { return group_counts(stages[static_cast<int>(stage)], in_group); };
    if (e.episodes == 0) {
      e.contact_365 = e.detection_30 = e.detection_90 = e.detection_365 = e.detection_365_lower =
          e.detection_365_upper = e.detection_median_days = e.crisis_365 = e.death_365 = e.engagement_365 =
              e.engagement_median_days = e.resolution_365 = kNaN;
      return;
    }
    e.contact_365 = incidence_at(curve(at(Stage::contact), PathwayCause::reached), 365.0);
    const CompetingCounts detection = at(Stage::detection);
    const auto found = curve(detection, PathwayCause::reached);
    e.detection_events = events_of(detection, PathwayCause::reached);
    e.detection_30 = incidence_at(found, 30.0);
    e.detection_90 = incidence_at(found, 90.0);
    e.detection_365 = incidence_at(found, 365.0);
    // The band at the last point at or before 365 days (none before the first event: F = 0).
    const auto last = std::upper_bound(found.begin(), found.end(), 365.0,
                                       [](double x, const CumulativeIncidencePoint& p) { return x < p.time; });
    e.detection_365_lower = last == found.begin() ? 0.0 : std::prev(last)->lower;
    e.detection_365_upper = last == found.begin() ? 0.0 : std::prev(last)->upper;
    e.detection_median_days = incidence_median(found);
    e.crisis_events = events_of(detection, PathwayCause::crisis);
    e.crisis_365 = incidence_at(curve(detection, PathwayCause::crisis), 365.0);
    e.death_365 = incidence_at(curve(detection, PathwayCause::death), 365.0);
    const auto engaged = curve(at(Stage::engagement), PathwayCause::reached);
    e.engagement_365 = incidence_at(engaged, 365.0);
    e.engagement_median_days = incidence_median(engaged);
    e.resolution_365 = incidence_at(curve(at(Stage::resolution), PathwayCause::reached), 365.0);
  });
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

std::vector<KaplanMeierPoint> kaplan_meier(std::span<const double> times, std::span<const std::uint8_t> observed) {
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
  const auto after =
      std::upper_bound(curve.begin(), curve.end(), t, [](double x, const KaplanMeierPoint& p) { return x < p.time; });
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
    const std::int32_t until = detected                   ? episodes.detected_day[i]
                               : episodes.end_day[i] >= 0 ? episodes.end_day[i]
                                                          : horizon_days;
    dt.time[i] = static_cast<double>(until - onset);
    dt.detected[i] = detected ? 1 : 0;
  }
  return dt;
}

Summary compute_summary(const EpisodeTable& episodes, const DailySeries& series, std::int32_t horizon_days) {
  Summary s;
  summarize_detection(episodes, horizon_days, s);
  summarize_pathway(episodes, horizon_days, s);
  summarize_referrals(episodes, s);
  s.mean_isolation_residents = mean_of(series.isolation_residents);
  s.mean_isolation_households = mean_of(series.isolation_households);
  s.refusals = sum_of(series.refusals);
  s.dropoffs = sum_of(series.dropoffs);
  return s;
}

}  // namespace kyosei
