// Morris elementary effects (sensitivity.hpp): trajectories through the grid of levels, the
// Campolongo selection of the most spread, and mu, mu*, sigma with a bootstrap interval of mu*.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "design_random.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {
namespace {

using ensemble::DesignRandom;

// One trajectory on the grid of levels (Morris 1991): a base point whose every factor is on a
// level at most 1 - delta, each factor moved once by delta, up or down, in a random order.
Matrix random_trajectory(std::size_t factors, int levels, DesignRandom& random) {
  const int half = levels / 2;  // delta in levels
  const double scale = 1.0 / (levels - 1);
  std::vector<int> at(factors);
  std::vector<int> step(factors);
  for (std::size_t j = 0; j < factors; ++j) {
    const int base = static_cast<int>(random.below(static_cast<std::size_t>(half)));
    const bool up = random.below(2) == 0;
    at[j] = up ? base : base + half;
    step[j] = up ? half : -half;
  }
  std::vector<std::size_t> order(factors);
  std::iota(order.begin(), order.end(), std::size_t{0});
  random.shuffle(order);
  Matrix points;
  points.reserve(factors + 1);
  const auto point = [&] {
    std::vector<double> p(factors);
    for (std::size_t j = 0; j < factors; ++j) p[j] = at[j] * scale;
    return p;
  };
  points.push_back(point());
  for (const std::size_t j : order) {
    at[j] += step[j];
    points.push_back(point());
  }
  return points;
}

// Greedy selection of the `keep` most spread trajectories (Ruano, Ocampo-Martinez and Puig 2012):
// drop, one at a time, the one whose squared distances to the others remaining add least.
std::vector<std::size_t> most_spread(const std::vector<Matrix>& candidates, std::size_t keep) {
  const std::size_t m = candidates.size();
  std::vector<std::vector<double>> d2(m, std::vector<double>(m, 0));
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = a + 1; b < m; ++b) {
      const double d = trajectory_distance(candidates[a], candidates[b]);
      d2[a][b] = d2[b][a] = d * d;
    }
  std::vector<double> contribution(m, 0);
  for (std::size_t a = 0; a < m; ++a) contribution[a] = std::accumulate(d2[a].begin(), d2[a].end(), 0.0);
  std::vector<bool> alive(m, true);
  for (std::size_t remaining = m; remaining > keep; --remaining) {
    std::size_t worst = m;
    for (std::size_t a = 0; a < m; ++a)
      if (alive[a] && (worst == m || contribution[a] < contribution[worst])) worst = a;
    alive[worst] = false;
    for (std::size_t a = 0; a < m; ++a) contribution[a] -= d2[a][worst];
  }
  std::vector<std::size_t> chosen;
  for (std::size_t a = 0; a < m; ++a)
    if (alive[a]) chosen.push_back(a);
  return chosen;
}

double mean(std::span<const double> values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double mean_absolute(std::span<const double> values) {
  double sum = 0;
  for (const double v : values) sum += std::fabs(v);
  return sum / static_cast<double>(values.size());
}

// The q quantile of sorted values, linearly interpolated.
double quantile(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

double trajectory_distance(std::span<const std::vector<double>> a, std::span<const std::vector<double>> b) {
  double total = 0;
  for (const auto& p : a)
    for (const auto& q : b) {
      double squared = 0;
      for (std::size_t z = 0; z < p.size(); ++z) squared += (p[z] - q[z]) * (p[z] - q[z]);
      total += std::sqrt(squared);
    }
  return total;
}

Matrix morris_trajectories(std::size_t factors, const MorrisOptions& options) {
  if (options.levels < 2 || options.levels % 2 != 0)
    throw UsageError("Morris levels " + std::to_string(options.levels) +
                     " (expected an even number, at least 2; 4 is usual)");
  if (factors == 0 || options.trajectories == 0) throw UsageError("a Morris design needs factors and trajectories");
  if (options.candidates != 0 && options.candidates < options.trajectories)
    throw UsageError("Morris candidates " + std::to_string(options.candidates) + " fewer than the trajectories " +
                     std::to_string(options.trajectories));
  DesignRandom random(splitmix64(options.seed ^ 0x6d6f72726973ull));  // "morris": apart from other streams
  const std::size_t drawn = std::max(options.candidates, options.trajectories);
  std::vector<Matrix> candidates;
  for (std::size_t t = 0; t < drawn; ++t) candidates.push_back(random_trajectory(factors, options.levels, random));
  std::vector<std::size_t> chosen(drawn);
  std::iota(chosen.begin(), chosen.end(), std::size_t{0});
  if (drawn > options.trajectories) chosen = most_spread(candidates, options.trajectories);
  Matrix points;
  for (const std::size_t t : chosen) points.insert(points.end(), candidates[t].begin(), candidates[t].end());
  return points;
}

std::vector<MorrisIndices> morris_indices(const Matrix& positions, std::span<const double> outputs,
                                          std::size_t bootstrap, std::uint64_t seed) {
  if (positions.empty() || positions.size() != outputs.size())
    throw UsageError("Morris indices need one output per point (" + std::to_string(positions.size()) + " points, " +
                     std::to_string(outputs.size()) + " outputs)");
  const std::size_t factors = positions.front().size();
  const std::size_t per_trajectory = factors + 1;
  if (positions.size() % per_trajectory != 0)
    throw UsageError("a Morris design of " + std::to_string(factors) + " factors has " +
                     std::to_string(per_trajectory) + " points per trajectory, not a divisor of " +
                     std::to_string(positions.size()));
  std::vector<std::vector<double>> effects(factors);
  for (std::size_t start = 0; start < positions.size(); start += per_trajectory) {
    for (std::size_t s = start; s + 1 < start + per_trajectory; ++s) {
      std::size_t moved = factors;
      for (std::size_t j = 0; j < factors; ++j) {
        if (positions[s + 1][j] == positions[s][j]) continue;
        if (moved != factors)
          throw UsageError("step " + std::to_string(s) + " of a Morris design moves more than one factor");
        moved = j;
      }
      if (moved == factors) throw UsageError("step " + std::to_string(s) + " of a Morris design moves no factor");
      const double effect = (outputs[s + 1] - outputs[s]) / (positions[s + 1][moved] - positions[s][moved]);
      if (std::isfinite(effect)) effects[moved].push_back(effect);
    }
  }
  std::vector<MorrisIndices> out(factors);
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t j = 0; j < factors; ++j) {
    const std::vector<double>& e = effects[j];
    MorrisIndices& m = out[j];
    m.effects = e.size();
    if (e.empty()) {
      m.mu = m.mu_star = m.sigma = m.mu_star_low = m.mu_star_high = nan;
      continue;
    }
    m.mu = mean(e);
    m.mu_star = mean_absolute(e);
    double squares = 0;
    for (const double v : e) squares += (v - m.mu) * (v - m.mu);
    m.sigma = e.size() > 1 ? std::sqrt(squares / static_cast<double>(e.size() - 1)) : nan;
    m.mu_star_low = m.mu_star_high = nan;
    if (bootstrap > 0 && e.size() > 1) {
      DesignRandom random(derive_seed(seed, j + 1, 0));
      std::vector<double> means(bootstrap), sample(e.size());
      for (double& b : means) {
        for (double& v : sample) v = e[random.below(e.size())];
        b = mean_absolute(sample);
      }
      std::sort(means.begin(), means.end());
      m.mu_star_low = quantile(means, 0.025);
      m.mu_star_high = quantile(means, 0.975);
    }
  }
  return out;
}

}  // namespace kyosei
