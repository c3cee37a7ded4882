// Competing risks (summary.hpp): the Aalen-Johansen cumulative incidence of one cause, and the
// stages of a need's pathway as durations ending in a cause (docs/ODD.md "Outcomes").
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/analysis/summary.hpp"

namespace kyosei {
namespace {

constexpr double kZ95 = 1.959964;

}  // namespace

CompetingCounts count_competing(std::span<const double> times, std::span<const std::uint8_t> causes) {
  if (times.size() != causes.size()) {
    throw UsageError("cumulative_incidence: " + std::to_string(times.size()) + " times but " +
                     std::to_string(causes.size()) + " causes");
  }
  int cause_count = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (std::isnan(times[i])) throw UsageError("cumulative_incidence: time " + std::to_string(i) + " is NaN");
    cause_count = std::max(cause_count, static_cast<int>(causes[i]));
  }
  std::vector<std::size_t> order(times.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
  CompetingCounts counts;
  counts.causes.resize(static_cast<std::size_t>(cause_count));
  counts.size = static_cast<std::int64_t>(times.size());
  for (std::size_t k = 0; k < order.size();) {
    const double t = times[order[k]];
    counts.time.push_back(t);
    counts.ending.push_back(0);
    for (auto& c : counts.causes) c.push_back(0);
    for (; k < order.size() && times[order[k]] == t; ++k) {
      ++counts.ending.back();
      const int cause = causes[order[k]];
      if (cause > 0) ++counts.causes[static_cast<std::size_t>(cause - 1)].back();
    }
  }
  return counts;
}

std::vector<CumulativeIncidencePoint> cumulative_incidence(const CompetingCounts& counts, int cause) {
  if (cause < 1) throw UsageError("cumulative_incidence: cause " + std::to_string(cause) + " (expected 1 or more)");
  std::vector<CumulativeIncidencePoint> points;
  if (static_cast<std::size_t>(cause) > counts.causes.size()) return points;  // no such event: F = 0
  const std::vector<std::int64_t>& chosen = counts.causes[static_cast<std::size_t>(cause - 1)];
  // Running sums of the variance formula (statsmodels' _calc_incidence_right, term by term):
  // V(t) = F^2 A - 2 F B + C + D - 2 F E + 2 G over the event times so far.
  double a = 0, b = 0, c = 0, d = 0, e = 0, g = 0;
  double survival = 1.0;  // all-cause Kaplan-Meier S(t-)
  double incidence = 0.0;
  std::int64_t at_risk = counts.size;
  for (std::size_t k = 0; k < counts.time.size(); ++k) {
    std::int64_t all = 0;
    for (const auto& per_cause : counts.causes) all += per_cause[k];
    if (all > 0) {
      const double n = static_cast<double>(at_risk);
      const double dk = static_cast<double>(chosen[k]);
      const double da = static_cast<double>(all);
      incidence += survival * dk / n;
      // d/(n(n-d)) is undefined when every duration at risk ends here; the term is then left out,
      // as Greenwood's formula leaves out the last time of a curve that falls to 0.
      const double ra = at_risk > all ? da / (n * (n - da)) : 0.0;
      a += ra;
      b += incidence * ra;
      c += incidence * incidence * ra;
      d += survival * survival * (n - dk) * dk / (n * n * n);
      e += survival * dk / (n * n);
      g += incidence * survival * dk / (n * n);
      const double variance = incidence * incidence * a - 2 * incidence * b + c + d - 2 * incidence * e + 2 * g;
      const double se = std::sqrt(std::max(0.0, variance));
      points.push_back({counts.time[k], incidence, se, std::max(0.0, incidence - kZ95 * se),
                        std::min(1.0, incidence + kZ95 * se), at_risk, chosen[k]});
      survival *= 1.0 - da / n;
    }
    at_risk -= counts.ending[k];
  }
  return points;
}

std::vector<CumulativeIncidencePoint> cumulative_incidence(std::span<const double> times,
                                                           std::span<const std::uint8_t> causes, int cause) {
  return cumulative_incidence(count_competing(times, causes), cause);
}

double incidence_at(std::span<const CumulativeIncidencePoint> curve, double t) {
  const auto after = std::upper_bound(curve.begin(), curve.end(), t,
                                      [](double x, const CumulativeIncidencePoint& p) { return x < p.time; });
  return after == curve.begin() ? 0.0 : std::prev(after)->incidence;
}

double incidence_median(std::span<const CumulativeIncidencePoint> curve) {
  constexpr double kTolerance = 1e-10;  // as km_median: a sum that is 0.5 in exact arithmetic
  for (const CumulativeIncidencePoint& p : curve)
    if (p.incidence >= 0.5 - kTolerance) return p.time;
  return std::numeric_limits<double>::quiet_NaN();
}

PathwayTimes pathway_times(const EpisodeTable& episodes, std::int32_t horizon_days, Stage stage) {
  const std::size_t n = episodes.size();
  PathwayTimes out;
  out.time.resize(n);
  out.cause.resize(n);
  constexpr auto kCrisis = static_cast<std::uint8_t>(Channel::crisis);
  for (std::size_t i = 0; i < n; ++i) {
    const bool crisis = episodes.detected_day[i] >= 0 && episodes.channel[i] == kCrisis;
    std::int32_t reached = -1;
    bool crisis_competes = false;  // a crisis ends the follow-up of the stages before acceptance
    switch (stage) {
      case Stage::contact:
        reached = episodes.first_contact_day[i];
        // The crisis itself made the first contact unless someone heard of the need before.
        crisis_competes = crisis && reached >= episodes.detected_day[i];
        break;
      case Stage::detection:
        reached = episodes.detected_day[i];
        crisis_competes = crisis;
        break;
      case Stage::engagement: reached = episodes.covered_day[i]; break;
      case Stage::resolution: reached = episodes.resolved_day[i]; break;
    }
    PathwayCause cause = PathwayCause::censored;
    std::int32_t until = horizon_days;
    if (crisis_competes) {
      cause = PathwayCause::crisis;
      until = episodes.detected_day[i];
    } else if (reached >= 0) {
      cause = PathwayCause::reached;
      until = reached;
    } else if (episodes.end_day[i] >= 0) {
      // Closed short of the stage: death or remission compete; a need closed otherwise (resolved
      // without this stage, which the model does not do) is censored there.
      const auto outcome = static_cast<Outcome>(episodes.outcome[i]);
      cause = outcome == Outcome::died       ? PathwayCause::death
              : outcome == Outcome::remitted ? PathwayCause::remission
                                             : PathwayCause::censored;
      until = episodes.end_day[i];
    }
    out.time[i] = static_cast<double>(until - episodes.onset_day[i]);
    out.cause[i] = static_cast<std::uint8_t>(cause);
  }
  return out;
}

}  // namespace kyosei
