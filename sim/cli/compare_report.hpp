#pragma once
// The uncertainty report of `kyosei compare --replicates N` (N >= 2): for every summary number
// the median and 10-90% band of each scenario over replicates and the paired difference from the
// baseline with its 95% bootstrap CI; for the detection time of all needs, the episodes of every
// replicate pooled: Kaplan-Meier curves with 95% bands, restricted means to 365 days and their
// difference from the baseline (95% CI, paired bootstrap over replicates), and the log-rank test
// stratified by replicate. As text tables, JSON and CSV files.
#include <cstdint>
#include <string>
#include <vector>

#include "kyosei/model/results.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/analysis/uncertainty.hpp"

namespace kyosei::cli {

// What a comparison keeps of a finished run: its full results go to its file as soon as it ends,
// so that memory holds a few numbers and one detection time per need for each run, not every
// table of every replicate.
struct RunDigest {
  Summary summary;
  DetectionTimes times;  // every need, censored at the horizon; left empty without replicates
  std::uint64_t seed = 0;
};
RunDigest digest_of(const Results& results, std::uint64_t seed, bool with_times);

// The replicated runs of a comparison: runs[s][k] is replicate first_replicate + k of scenario s,
// all with the same seed (common random numbers).
struct ReplicatedRuns {
  std::vector<std::string> names;
  std::vector<std::vector<const RunDigest*>> runs;
  std::size_t baseline = 0;
  std::uint64_t seed = 0;
  std::uint32_t first_replicate = 0;
};

struct Uncertainty {
  std::vector<std::string> names;
  std::size_t baseline = 0;
  std::size_t replicates = 0;
  std::uint64_t seed = 0;
  std::uint32_t first_replicate = 0;
  BootstrapOptions bootstrap;
  // One entry per metric_columns() (sweep.hpp), each with one entry per scenario; the
  // baseline's own difference is left out of every output.
  std::vector<std::vector<Band>> bands;
  std::vector<std::vector<PairedDifference>> differences;
  // Detection time of all needs, per scenario.
  std::vector<std::int64_t> episodes, detected;
  std::vector<std::vector<KaplanMeierBandPoint>> curves;
  std::vector<RmstDifference> rmst;  // .scenario: its pooled restricted mean; against the baseline
  std::vector<LogRank> log_rank;
};

Uncertainty compute_uncertainty(const ReplicatedRuns& runs, const BootstrapOptions& bootstrap = {});

// The three tables for the terminal: bands, paired differences, detection time.
std::string uncertainty_tables(const Uncertainty& u, bool all = false);
// The same numbers as one JSON object (the Kaplan-Meier curves are in uncertainty_km.csv only).
std::string uncertainty_json(const Uncertainty& u);

// The files written with -o DIR: uncertainty_metrics.csv (metric, scenario: band and difference),
// uncertainty_detection.csv (scenario: restricted mean, its difference, log-rank) and
// uncertainty_km.csv (scenario, day: survival with its band).
struct CsvFile {
  std::string name;
  std::string text;
};
std::vector<CsvFile> uncertainty_csv(const Uncertainty& u);
std::vector<std::string> uncertainty_csv_names();

}  // namespace kyosei::cli
