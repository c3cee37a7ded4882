// Uncertainty across replicates (uncertainty.hpp): quantile bands, paired bootstrap differences,
// the pooled restricted-mean difference, the stratified log-rank test and Kaplan-Meier bands. The
// survival pieces count durations on a grid of distinct times and hand the counts to the
// engine's own Kaplan-Meier and restricted-mean code (summary.hpp).
#include "kyosei/analysis/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <tuple>

#include "kyosei/engine/errors.hpp"

namespace kyosei {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kZ95 = 1.959963984540054;  // the standard normal's 97.5% quantile

// The 95% percentile interval of `statistic` over resamples (with replacement) of n items,
// given to it as the picked indices (bootstrap_picks). NaN when fewer than two items leave nothing
// to resample.
void check_resamples(const BootstrapOptions& options) {
  if (options.resamples < 1)
    throw UsageError("bootstrap: resamples must be at least 1, got " + std::to_string(options.resamples));
}

template <class Statistic>
std::pair<double, double> percentile_interval(std::size_t n, const BootstrapOptions& options, Statistic statistic) {
  check_resamples(options);  // also when there is nothing to resample, as bootstrap_picks does
  if (n < 2) return {kNaN, kNaN};
  const std::vector<std::size_t> picks = bootstrap_picks(n, options);
  std::vector<double> draws;
  draws.reserve(static_cast<std::size_t>(options.resamples));
  for (std::size_t at = 0; at < picks.size(); at += n) draws.push_back(statistic(std::span(picks).subspan(at, n)));
  return {quantile(draws, 0.025), quantile(draws, 0.975)};
}

void check_durations(const DetectionTimes& d) {
  if (d.time.size() != d.detected.size())
    throw UsageError("durations: " + std::to_string(d.time.size()) + " times but " + std::to_string(d.detected.size()) +
                     " observed flags");
  for (const double t : d.time)
    if (std::isnan(t)) throw UsageError("durations: a time is NaN");
}

void check_replicates(std::span<const DetectionTimes> scenario, std::span<const DetectionTimes> baseline) {
  if (scenario.size() != baseline.size())
    throw UsageError("paired replicates: the scenario has " + std::to_string(scenario.size()) +
                     " replicates, the baseline " + std::to_string(baseline.size()));
  for (const DetectionTimes& d : scenario) check_durations(d);
  for (const DetectionTimes& d : baseline) check_durations(d);
}

// The distinct times below `limit` of every duration of both sets, ascending.
std::vector<double> grid_of(std::span<const DetectionTimes> a, std::span<const DetectionTimes> b, double limit) {
  std::vector<double> grid;
  for (const auto set : {a, b})
    for (const DetectionTimes& d : set)
      for (const double t : d.time)
        if (t < limit) grid.push_back(t);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

// One replicate's durations counted on `grid`; those ending off the grid (at or beyond its
// limit) count only in the size: at risk throughout.
DurationCounts count_on(const std::vector<double>& grid, const DetectionTimes& d) {
  DurationCounts c{grid, std::vector<std::int64_t>(grid.size(), 0), std::vector<std::int64_t>(grid.size(), 0),
                   static_cast<std::int64_t>(d.time.size())};
  for (std::size_t i = 0; i < d.time.size(); ++i) {
    const auto at = std::lower_bound(grid.begin(), grid.end(), d.time[i]);
    if (at == grid.end() || *at != d.time[i]) continue;
    const auto k = static_cast<std::size_t>(at - grid.begin());
    ++c.ending[k];
    c.events[k] += d.detected[i] != 0 ? 1 : 0;
  }
  return c;
}

// The counts of the picked replicates together (a replicate picked twice counts twice).
DurationCounts pooled(const std::vector<DurationCounts>& replicates, std::span<const std::size_t> picks) {
  DurationCounts sum = replicates.front();
  std::fill(sum.ending.begin(), sum.ending.end(), 0);
  std::fill(sum.events.begin(), sum.events.end(), 0);
  sum.size = 0;
  for (const std::size_t r : picks) {
    const DurationCounts& c = replicates[r];
    for (std::size_t k = 0; k < c.time.size(); ++k) {
      sum.ending[k] += c.ending[k];
      sum.events[k] += c.events[k];
    }
    sum.size += c.size;
  }
  return sum;
}

}  // namespace

std::vector<std::size_t> bootstrap_picks(std::size_t n, const BootstrapOptions& options) {
  check_resamples(options);
  std::mt19937_64 generator(options.seed);
  std::vector<std::size_t> picks(n * static_cast<std::size_t>(options.resamples));
  for (std::size_t& pick : picks) pick = static_cast<std::size_t>(generator() % n);
  return picks;
}

double quantile(std::span<const double> values, double q) {
  if (!(q >= 0.0 && q <= 1.0)) throw UsageError("quantile: q must be in [0, 1], got " + std::to_string(q));
  std::vector<double> finite;
  finite.reserve(values.size());
  for (const double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty()) return kNaN;
  std::sort(finite.begin(), finite.end());
  const double h = q * static_cast<double>(finite.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(h));
  if (below + 1 >= finite.size()) return finite.back();
  return finite[below] + (h - static_cast<double>(below)) * (finite[below + 1] - finite[below]);
}

Band band_of(std::span<const double> values) {
  const auto count =
      static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }));
  return {quantile(values, 0.1), quantile(values, 0.5), quantile(values, 0.9), count};
}

PairedDifference paired_difference(std::span<const double> scenario, std::span<const double> baseline,
                                   const BootstrapOptions& options) {
  if (scenario.size() != baseline.size())
    throw UsageError("paired_difference: " + std::to_string(scenario.size()) + " scenario values but " +
                     std::to_string(baseline.size()) + " baseline values");
  std::vector<double> differences;
  for (std::size_t r = 0; r < scenario.size(); ++r)
    if (std::isfinite(scenario[r]) && std::isfinite(baseline[r])) differences.push_back(scenario[r] - baseline[r]);
  const auto mean_of = [&](std::span<const std::size_t> picks) {
    double sum = 0.0;
    for (const std::size_t i : picks) sum += differences[i];
    return sum / static_cast<double>(picks.size());
  };
  std::vector<std::size_t> all(differences.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const double mean = differences.empty() ? kNaN : mean_of(all);
  const auto [lower, upper] = percentile_interval(differences.size(), options, mean_of);
  return {differences.size(), mean, lower, upper};
}

RmstDifference rmst_difference(std::span<const DetectionTimes> scenario, std::span<const DetectionTimes> baseline,
                               double tau, const BootstrapOptions& options) {
  check_replicates(scenario, baseline);
  if (scenario.empty()) throw UsageError("rmst_difference: no replicates");
  // Only times before tau shape the area up to tau: later ones stay at risk throughout.
  const std::vector<double> grid = grid_of(scenario, baseline, tau);
  std::vector<DurationCounts> counts_s, counts_b;
  for (std::size_t r = 0; r < scenario.size(); ++r) {
    counts_s.push_back(count_on(grid, scenario[r]));
    counts_b.push_back(count_on(grid, baseline[r]));
  }
  const auto rmst = [&](const std::vector<DurationCounts>& counts, std::span<const std::size_t> picks) {
    return km_restricted_mean(kaplan_meier(pooled(counts, picks)), tau);
  };
  std::vector<std::size_t> all(scenario.size());
  for (std::size_t r = 0; r < all.size(); ++r) all[r] = r;
  RmstDifference out{rmst(counts_b, all), rmst(counts_s, all), 0.0, kNaN, kNaN};
  out.difference = out.scenario - out.baseline;
  std::tie(out.lower, out.upper) = percentile_interval(all.size(), options, [&](std::span<const std::size_t> picks) {
    return rmst(counts_s, picks) - rmst(counts_b, picks);
  });
  return out;
}

LogRank log_rank(std::span<const DetectionTimes> scenario, std::span<const DetectionTimes> baseline) {
  check_replicates(scenario, baseline);
  double observed = 0.0, expected = 0.0, variance = 0.0;
  for (std::size_t r = 0; r < scenario.size(); ++r) {
    const std::vector<double> grid = grid_of(scenario.subspan(r, 1), baseline.subspan(r, 1), kInfinity);
    const DurationCounts s = count_on(grid, scenario[r]), b = count_on(grid, baseline[r]);
    auto at_risk_s = static_cast<double>(s.size), at_risk_b = static_cast<double>(b.size);
    for (std::size_t k = 0; k < grid.size(); ++k) {
      const double events = static_cast<double>(s.events[k] + b.events[k]);
      const double at_risk = at_risk_s + at_risk_b;
      if (events > 0) {
        observed += static_cast<double>(s.events[k]);
        expected += events * at_risk_s / at_risk;
        if (at_risk > 1)
          variance += events * (at_risk_s / at_risk) * (at_risk_b / at_risk) * (at_risk - events) / (at_risk - 1);
      }
      at_risk_s -= static_cast<double>(s.ending[k]);
      at_risk_b -= static_cast<double>(b.ending[k]);
    }
  }
  const double chi2 = variance > 0 ? (observed - expected) * (observed - expected) / variance : kNaN;
  // The upper tail of chi-square with one degree of freedom: P(|Z| > sqrt(chi2)).
  return {chi2, std::erfc(std::sqrt(chi2 / 2.0)), observed, expected};
}

std::vector<KaplanMeierBandPoint> kaplan_meier_band(std::span<const KaplanMeierPoint> curve) {
  std::vector<KaplanMeierBandPoint> out;
  out.reserve(curve.size());
  double greenwood = 0.0;  // sum of d / (n (n - d)); undefined (NaN) from the time S reaches 0
  for (const KaplanMeierPoint& p : curve) {
    const auto n = static_cast<double>(p.at_risk), d = static_cast<double>(p.events);
    greenwood += p.at_risk > p.events ? d / (n * (n - d)) : kNaN;
    KaplanMeierBandPoint q{p.time, p.survival, p.survival, p.survival, p.at_risk, p.events};
    const double log_s = std::log(p.survival);
    if (std::isfinite(greenwood) && p.survival > 0.0 && p.survival < 1.0) {
      const double half = kZ95 * std::sqrt(greenwood) / std::abs(log_s);
      q.lower = std::clamp(std::pow(p.survival, std::exp(half)), 0.0, 1.0);
      q.upper = std::clamp(std::pow(p.survival, std::exp(-half)), 0.0, 1.0);
    }
    out.push_back(q);
  }
  return out;
}

}  // namespace kyosei
