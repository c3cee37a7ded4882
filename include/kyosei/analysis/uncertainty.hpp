#pragma once
// Uncertainty across replicates: statistics on plain numbers and right-censored durations, with
// no knowledge of the engine. Replicate r of every scenario shares its seed and replicate number
// (common random numbers), so scenarios are compared replicate by replicate:
//   - band_of: median and 10-90% band of a number over replicates;
//   - paired_difference: mean of (scenario - baseline) per replicate with a 95% bootstrap CI;
//   - rmst_difference: restricted mean durations of the episodes of all replicates pooled, and
//     their difference with a 95% CI from a paired bootstrap over replicates;
//   - log_rank: the log-rank test stratified by replicate;
//   - kaplan_meier_band: a Kaplan-Meier curve with pointwise 95% Greenwood bands (log-log).
// Every level is 95% (z = 1.959964) and every band 10/50/90%. The bootstrap draws come from a
// std::mt19937_64 seeded with BootstrapOptions::seed (kBootstrapSeed unless changed), its
// output taken modulo the sample size (a bias below 1e-15 for any sample that fits in memory):
// the same numbers on every platform, whatever the thread count.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "kyosei/analysis/summary.hpp"

namespace kyosei {

// q-quantile (0 <= q <= 1) of the finite values, interpolated linearly between order statistics
// (Hyndman and Fan's type 7, numpy's default); NaN when no value is finite.
double quantile(std::span<const double> values, double q);

struct Band {
  double p10, median, p90;
  std::size_t count;  // finite values (a NaN median: that replicate's curve never reached 0.5)
};
Band band_of(std::span<const double> values);

inline constexpr std::uint64_t kBootstrapSeed = 20240611;

struct BootstrapOptions {
  int resamples = 2000;
  std::uint64_t seed = kBootstrapSeed;
};

// The indices that every bootstrap here resamples, for a sample of n: resample b is
// [b * n, (b + 1) * n) of the result (mt19937_64 from options.seed, each draw modulo n).
std::vector<std::size_t> bootstrap_picks(std::size_t n, const BootstrapOptions& options = {});

struct PairedDifference {
  std::size_t pairs;    // replicates where both numbers are finite
  double mean;          // mean over those pairs of scenario - baseline
  double lower, upper;  // 95% percentile bootstrap CI of the mean; NaN with fewer than 2 pairs
};
// scenario[r] - baseline[r] for each replicate r (the spans have one value per replicate).
PairedDifference paired_difference(std::span<const double> scenario, std::span<const double> baseline,
                                   const BootstrapOptions& options = {});

struct RmstDifference {
  double baseline, scenario;  // restricted means up to tau of the pooled episodes
  double difference;          // scenario - baseline
  double lower, upper;        // 95% CI: percentile bootstrap resampling replicates, the same
                              // replicates for both (pairs kept); NaN with fewer than 2 replicates
};
// durations[r]: the durations of replicate r (one entry per replicate, equal counts).
RmstDifference rmst_difference(std::span<const DetectionTimes> scenario, std::span<const DetectionTimes> baseline,
                               double tau, const BootstrapOptions& options = {});

struct LogRank {
  double chi2;      // (O - E)^2 / V summed over strata, 1 degree of freedom
  double p_value;   // upper tail of chi-square(1)
  double observed;  // events of the scenario, all strata
  double expected;  // under the null of equal hazards within each stratum
};
// Log-rank test of scenario against baseline with one stratum per replicate: replicate r of both
// (a population of its own) is compared within itself and the strata are summed
// (Mantel-Haenszel, hypergeometric variance at tied times).
LogRank log_rank(std::span<const DetectionTimes> scenario, std::span<const DetectionTimes> baseline);

struct KaplanMeierBandPoint {
  double time;
  double survival;
  double lower, upper;  // pointwise 95% band; equal to survival where undefined (S = 0 or 1)
  std::int64_t at_risk;
  std::int64_t events;
};
// Greenwood variance on the complementary log-log scale: S^exp(+-z sqrt(sum d/(n(n-d))) / |log S|),
// as python/kyosei/survival.py (transform "log-log").
std::vector<KaplanMeierBandPoint> kaplan_meier_band(std::span<const KaplanMeierPoint> curve);

}  // namespace kyosei
