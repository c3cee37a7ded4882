// Standardized regression coefficients and partial rank correlation coefficients of a Latin
// hypercube sample (sensitivity.hpp), with Eigen for the least squares and Boost.Math for the t
// distribution.
#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Columns scaled to mean 0 and standard deviation 1; false if one is constant.
bool standardize(Eigen::MatrixXd& m) {
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const double mean = m.col(j).mean();
    m.col(j).array() -= mean;
    const double sd = std::sqrt(m.col(j).squaredNorm() / static_cast<double>(m.rows() - 1));
    if (!(sd > 0)) return false;
    m.col(j) /= sd;
  }
  return true;
}

Eigen::MatrixXd with_intercept(const Eigen::MatrixXd& m) {
  Eigen::MatrixXd out(m.rows(), m.cols() + 1);
  out.col(0).setOnes();
  out.rightCols(m.cols()) = m;
  return out;
}

// Two-sided p-value of t with `df` degrees of freedom.
double two_sided_p(double t, double df) {
  if (!std::isfinite(t)) return std::isnan(t) ? kNaN : 0.0;
  const boost::math::students_t dist(df);
  return 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

double t_quantile_975(double df) { return boost::math::quantile(boost::math::students_t(df), 0.975); }

// The SRC of each column: the coefficients of the standardized output on the standardized
// factors, with their t intervals and p-values; and R^2.
void fill_src(const Eigen::MatrixXd& z, const Eigen::VectorXd& zy, Regression& out) {
  const Eigen::Index n = z.rows(), k = z.cols();
  const Eigen::MatrixXd a = with_intercept(z);
  const Eigen::MatrixXd normal = a.transpose() * a;
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(normal);
  if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > 1e-12)) return;  // collinear factors
  const Eigen::VectorXd beta = ldlt.solve(a.transpose() * zy);
  const Eigen::VectorXd residual = zy - a * beta;
  const double df = static_cast<double>(n - k - 1);
  const double variance = residual.squaredNorm() / df;
  const Eigen::MatrixXd covariance = variance * ldlt.solve(Eigen::MatrixXd::Identity(k + 1, k + 1));
  out.r_squared = 1 - residual.squaredNorm() / zy.squaredNorm();  // zy has mean 0
  const double t975 = t_quantile_975(df);
  for (Eigen::Index j = 0; j < k; ++j) {
    RegressionIndices& f = out.factors[static_cast<std::size_t>(j)];
    const double se = std::sqrt(covariance(j + 1, j + 1));
    f.src = beta(j + 1);
    f.src_low = f.src - t975 * se;
    f.src_high = f.src + t975 * se;
    f.src_p = two_sided_p(se > 0 ? f.src / se : INFINITY, df);
  }
}

// The PRCC of column j: the correlation of the residuals of rank(x_j) and rank(y) after a linear
// fit on the ranks of the other factors (Marino et al. 2008).
void fill_prcc(const Eigen::MatrixXd& ranks, const Eigen::VectorXd& rank_y, Regression& out) {
  const Eigen::Index n = ranks.rows(), k = ranks.cols();
  const double df = static_cast<double>(n - k - 1);  // n - 2 - (k - 1 controls)
  for (Eigen::Index j = 0; j < k; ++j) {
    Eigen::MatrixXd controls(n, k);  // intercept and the other factors
    controls.col(0).setOnes();
    for (Eigen::Index c = 0, at = 1; c < k; ++c)
      if (c != j) controls.col(at++) = ranks.col(c);
    const auto qr = controls.colPivHouseholderQr();
    const Eigen::VectorXd rx = ranks.col(j) - controls * qr.solve(Eigen::VectorXd(ranks.col(j)));
    const Eigen::VectorXd ry = rank_y - controls * qr.solve(rank_y);
    // Nothing left of x_j or y once the others are removed (a constant output): NaN.
    // (Ranks are spaced by at least 1/2: the tolerance need not shrink below that scale.)
    const auto negligible = [](const Eigen::VectorXd& residual, const Eigen::VectorXd& v) {
      return !(residual.squaredNorm() > 1e-12 * std::max(1.0, (v.array() - v.mean()).matrix().squaredNorm()));
    };
    if (negligible(rx, ranks.col(j)) || negligible(ry, rank_y)) continue;
    const double denominator = std::sqrt(rx.squaredNorm() * ry.squaredNorm());
    RegressionIndices& f = out.factors[static_cast<std::size_t>(j)];
    const double r = std::clamp(rx.dot(ry) / denominator, -1.0, 1.0);
    f.prcc = r;
    f.prcc_p = two_sided_p(r * std::sqrt(df / (1 - r * r)), df);
    const double z = std::atanh(std::clamp(r, -1 + 1e-15, 1 - 1e-15));
    const double half = 1.959963984540054 / std::sqrt(df - 1);  // se of z: 1 / sqrt(n - 3 - (k - 1))
    f.prcc_low = std::tanh(z - half);
    f.prcc_high = std::tanh(z + half);
  }
}

}  // namespace

std::vector<double> average_ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t end = i + 1;
    while (end < order.size() && values[order[end]] == values[order[i]]) ++end;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(end)) / 2;  // mean of i+1 .. end
    for (std::size_t t = i; t < end; ++t) ranks[order[t]] = rank;
    i = end;
  }
  return ranks;
}

Regression regression_indices(const Matrix& x, std::span<const double> y) {
  if (x.size() != y.size()) throw UsageError("regression indices need one output per sample");
  const std::size_t k = x.empty() ? 0 : x.front().size();
  Regression out;
  out.r_squared = kNaN;
  out.factors.assign(k, RegressionIndices{kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < y.size(); ++i)
    if (std::isfinite(y[i])) rows.push_back(i);
  out.samples = rows.size();
  const auto n = static_cast<Eigen::Index>(rows.size());
  if (k == 0 || rows.size() < k + 3) return out;  // no degrees of freedom left for the intervals

  Eigen::MatrixXd z(n, static_cast<Eigen::Index>(k));
  Eigen::VectorXd zy(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) z(i, static_cast<Eigen::Index>(j)) = x[rows[i]][j];
    zy(i) = y[rows[i]];
  }
  Eigen::MatrixXd ranks(n, static_cast<Eigen::Index>(k));
  for (Eigen::Index j = 0; j < ranks.cols(); ++j) {
    const Eigen::VectorXd column = z.col(j);
    const std::vector<double> r = average_ranks(std::span<const double>(column.data(), column.size()));
    ranks.col(j) = Eigen::Map<const Eigen::VectorXd>(r.data(), n);
  }
  const std::vector<double> ry = average_ranks(std::span<const double>(zy.data(), zy.size()));
  const Eigen::VectorXd rank_y = Eigen::Map<const Eigen::VectorXd>(ry.data(), n);

  Eigen::MatrixXd zy_matrix = zy;
  if (standardize(z) && standardize(zy_matrix)) fill_src(z, zy_matrix.col(0), out);
  fill_prcc(ranks, rank_y, out);
  return out;
}

}  // namespace kyosei
