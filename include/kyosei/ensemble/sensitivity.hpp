#pragma once
// Sensitivity analysis: which parameters move the outputs most. Two methods over chosen
// parameters, each a run plan (sweep.hpp) run by the same executors, manifest and resumption:
//
// - Morris elementary effects (Morris 1991): r trajectories through a grid of p levels in the unit
//   cube of the parameters, each step moving one parameter by delta = p / (2 (p - 1)) of its range.
//   With `candidates`, the r trajectories are the most spread of that many random ones (Campolongo,
//   Cariboni and Saltelli 2007), chosen greedily (Ruano et al. 2012: drop the candidate that adds
//   least to the spread until r remain). An elementary effect is the change of the output divided
//   by the change of the parameter as a share of its range: the change of the output if the
//   parameter moved across its whole range (min to max), in the output's units, so the parameters
//   are comparable. mu is their mean, mu* the mean of their absolute values (Campolongo 2007),
//   sigma their standard deviation (interactions and non-linearity), and mu* has a bootstrap
//   percentile 95% interval over trajectories.
// - Latin hypercube samples, with standardized regression coefficients (SRC: the linear effect of
//   one standard deviation of a parameter, in standard deviations of the output) and partial rank
//   correlation coefficients (PRCC: the monotone effect of a parameter with the others' removed;
//   Marino et al. 2008), each with a 95% interval and a p-value.
//
// A sensitivity file (YAML; paths relative to the file):
//
//   name: morris_levers
//   base: ../full_juso.yaml                 # the scenario every point starts from (required)
//   set: {population.residents: 4000}       # fixed overrides (optional)
//   morris: {trajectories: 10, levels: 4, candidates: 40}   # or lhs: {samples: 40}; exactly one
//   parameters:                             # the factors: a range inside the parameter's own range,
//     outreach.workers: {min: 0, max: 2}    #   or the two values of a switch
//     intake.handoff: [cold, warm]
//   outputs: [overall.rmst_days, mean_isolation_residents]  # summary numbers (metric_columns())
//   replicates: 2                           # runs per point, averaged (common random numbers)
//   seed: 7                                 # the design's and the runs' seed
//   bootstrap: 1000                         # resamples for the interval of mu* (0: none)
//
// Defaults: morris levels 4, candidates none (plain Morris 1991); outputs overall.detection_365,
// overall.detection_median_days, mean_isolation_residents, cost_yen_per_year; replicates 1; seed 1; bootstrap
// 1000. Every point's replicate r runs with the seed of replicate r (common random numbers, as a
// sweep's `seeds: common`), so an elementary effect compares two points that share their residents
// and life events. A point's output is the mean over its replicates (NaN if a replicate's is NaN:
// a median that the survival curve never reached); effects and samples with NaN are left out and
// counted. Runs are "p<point>_r<replicate>"; Morris point t (k + 1) + s is step s of trajectory t.
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei {

// Rows of numbers: design points, or samples of parameters.
using Matrix = std::vector<std::vector<double>>;

// ---- designs in the unit cube ------------------------------------------------------------

struct MorrisOptions {
  std::size_t trajectories = 10;
  int levels = 4;              // p: even, at least 2
  std::size_t candidates = 0;  // 0: r random trajectories; else the r most spread of this many
  std::uint64_t seed = 1;
};

// delta = p / (2 (p - 1)): the step of every trajectory, as a share of the unit range.
double morris_delta(int levels);

// r trajectories of k + 1 points each, trajectory-major (point t (k + 1) + s). Each point is on the
// grid {0, 1/(p-1), ..., 1}; each step changes one factor by +delta or -delta, each factor once
// per trajectory, in a random order. Throws UsageError for odd or too few levels, or candidates
// fewer than trajectories.
Matrix morris_trajectories(std::size_t factors, const MorrisOptions& options);

// Campolongo's spread of two trajectories: the sum over their pairs of points of the distance.
double trajectory_distance(std::span<const std::vector<double>> a, std::span<const std::vector<double>> b);

// n points in the unit cube, one in each 1/n stratum of every factor, strata in a random order
// and a random point within each. Factor j draws from derive_seed(seed, j + 1, 0) (a sweep's
// latin_hypercube section gives the same points).
Matrix latin_hypercube(std::size_t samples, std::size_t factors, std::uint64_t seed);

// ---- statistics --------------------------------------------------------------------------

struct MorrisIndices {
  double mu = 0, mu_star = 0, sigma = 0;
  double mu_star_low = 0, mu_star_high = 0;  // bootstrap percentile 95% interval (NaN: none)
  std::size_t effects = 0;                   // finite elementary effects used
};

// The indices of each factor from a Morris design: `positions` are the points as shares of each
// factor's range (what was run, after rounding to whole numbers; 0 or 1 for a switch), trajectory-
// major with factors + 1 points each, `outputs` one per point. Throws UsageError when a step
// changes other than exactly one factor.
std::vector<MorrisIndices> morris_indices(const Matrix& positions, std::span<const double> outputs,
                                          std::size_t bootstrap, std::uint64_t seed);

struct RegressionIndices {
  double src = 0, src_low = 0, src_high = 0, src_p = 0;      // t interval of the coefficient
  double prcc = 0, prcc_low = 0, prcc_high = 0, prcc_p = 0;  // Fisher z interval, t test
};

struct Regression {
  std::vector<RegressionIndices> factors;
  double r_squared = 0;     // of the linear fit of the output on the factors
  std::size_t samples = 0;  // rows used (those with a finite output)
};

// SRC and PRCC of each column of `x` (one row per sample) on `y`. Rows with a non-finite y are
// left out; indices that cannot be estimated (a constant column or output, too few rows) are NaN.
Regression regression_indices(const Matrix& x, std::span<const double> y);

// Ranks 1..n, ties given their average rank.
std::vector<double> average_ranks(std::span<const double> values);

// ---- a sensitivity file ------------------------------------------------------------------

enum class SensitivityMethod { morris, lhs };

struct SensitivityFactor {
  std::string key;
  double min = 0, max = 0;  // a range; for a switch the two values (as the parameter table codes them)
  bool two_valued = false;  // a switch: min below 0.5 of the unit range, max from 0.5 up
  bool integer = false;     // values rounded to whole numbers
};

struct SensitivityStudy {
  SensitivityMethod method = SensitivityMethod::morris;
  MorrisOptions morris;
  std::size_t samples = 0;  // lhs
  std::size_t bootstrap = 1000;
  std::vector<SensitivityFactor> factors;
  std::vector<std::string> outputs;  // metric_columns() names
  Matrix design;                     // the unit-cube points
  RunPlan plan;                      // one variant per point, kind "sensitivity"
};

// Reads a sensitivity file and expands it. Throws ScenarioError "file:line:col: key: problem" for
// a bad file (unknown keys or outputs with a "did you mean", bounds outside a parameter's range,
// a method's settings out of range, ...) and for a bad base scenario.
SensitivityStudy load_sensitivity(const std::string& path);
SensitivityStudy parse_sensitivity(std::string_view text, const std::string& path);

// ---- results -----------------------------------------------------------------------------

// The ranking of the factors for one output, most influential first (Morris: by mu*; LHS: by
// |PRCC|; NaN last).
struct SensitivityRanking {
  std::string output, unit;
  std::vector<std::string> parameters;    // ranked
  std::vector<std::vector<double>> rows;  // per ranked parameter, one value per column
  double r_squared = NAN;                 // lhs
  std::size_t samples = 0;                // lhs: samples used; morris: points with a finite output
};

struct SensitivityResult {
  SensitivityMethod method = SensitivityMethod::morris;
  std::vector<std::string> columns;  // morris: mu_star mu_star_low mu_star_high mu sigma effects;
                                     // lhs: prcc prcc_low prcc_high prcc_p src src_low src_high src_p
  std::vector<SensitivityRanking> outputs;
};

// The indices of a finished study from its runs' records (one per run of study.plan, any order).
SensitivityResult analyse_sensitivity(const SensitivityStudy& study, const std::vector<RunRecord>& records);

// DIR/sensitivity.csv: output, unit, rank, parameter, the columns, then r_squared and samples.
std::string sensitivity_csv(const SensitivityResult& result);

// The rankings as text tables for a terminal, with what the numbers mean.
std::string describe_sensitivity(const SensitivityStudy& study, const SensitivityResult& result);

// For the command-line tools, once every run has finished: analyses the records, writes
// DIR/sensitivity.csv (replacing it whole) and returns describe_sensitivity's text.
std::string write_sensitivity(const SensitivityStudy& study, const std::vector<RunRecord>& records,
                              const std::string& directory);

}  // namespace kyosei
