// The indices of a finished sensitivity study from its runs (sensitivity.hpp): each point's output
// averaged over replicates, the factors' positions in their ranges, the rankings, and the tables.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <sstream>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {
namespace {

// Where each point put each factor, as a share of its range (a switch: 0 or 1).
Matrix factor_positions(const SensitivityStudy& study) {
  Matrix positions;
  for (const Variant& v : study.plan.variants) {
    std::vector<double> row;
    for (std::size_t j = 0; j < study.factors.size(); ++j) {
      const SensitivityFactor& f = study.factors[j];
      const double value = v.cells[j].number;
      row.push_back(f.two_valued ? (value == f.min ? 0.0 : 1.0) : (value - f.min) / (f.max - f.min));
    }
    positions.push_back(std::move(row));
  }
  return positions;
}

// Each point's output: the mean over its replicates, NaN if any replicate's is not finite.
std::vector<double> point_outputs(const RunPlan& plan, const std::vector<const RunRecord*>& by_run,
                                  std::size_t column) {
  std::vector<double> out(plan.variants.size(), 0.0);
  for (std::size_t run = 0; run < plan.runs.size(); ++run) {
    const double value = by_run[run]->metrics[column];
    double& sum = out[plan.runs[run].variant];
    sum = std::isfinite(value) ? sum + value / plan.replicates : NAN;
  }
  return out;
}

// Indices of `keys` sorted by decreasing key, NaN last, ties in the order of the factors.
std::vector<std::size_t> ranking(const std::vector<double>& keys) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (std::isnan(keys[b])) return !std::isnan(keys[a]);
    return keys[a] > keys[b];
  });
  return order;
}

std::string number(double value) {
  if (std::isnan(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string interval(double low, double high) {
  if (std::isnan(low) || std::isnan(high)) return "-";
  std::string text = "[";  // appended, not "[" + ...: GCC 12 warns falsely (-Wrestrict, PR 105651)
  text += number(low);
  text += ", ";
  text += number(high);
  text += ']';
  return text;
}

// Rows of cells as aligned text: the first column (names) left-aligned, the others right-aligned.
std::string aligned(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  std::ostringstream out;
  for (const auto& row : rows) {
    out << ' ';
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      out << "  " << (c == 1 ? row[c] + pad : pad + row[c]);
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace

SensitivityResult analyse_sensitivity(const SensitivityStudy& study, const std::vector<RunRecord>& records) {
  const RunPlan& plan = study.plan;
  std::vector<const RunRecord*> by_run(plan.runs.size(), nullptr);
  for (const RunRecord& r : records)
    if (r.run < by_run.size()) by_run[r.run] = &r;
  if (std::count(by_run.begin(), by_run.end(), nullptr) != 0)
    throw UsageError("the sensitivity analysis of " + plan.name + " needs every run of its plan");
  const Matrix positions = factor_positions(study);
  const auto& columns = metric_columns();

  SensitivityResult result;
  result.method = study.method;
  result.columns =
      study.method == SensitivityMethod::morris
          ? std::vector<std::string>{"mu_star", "mu_star_low", "mu_star_high", "mu", "sigma", "effects"}
          : std::vector<std::string>{"prcc", "prcc_low", "prcc_high", "prcc_p", "src", "src_low", "src_high", "src_p"};
  for (std::size_t o = 0; o < study.outputs.size(); ++o) {
    const auto column =
        static_cast<std::size_t>(std::find_if(columns.begin(), columns.end(),
                                              [&](const MetricColumn& c) { return c.name == study.outputs[o]; }) -
                                 columns.begin());
    if (column == columns.size()) throw UsageError("unknown summary number '" + study.outputs[o] + "'");
    const std::vector<double> y = point_outputs(plan, by_run, column);
    SensitivityRanking ranked;
    ranked.output = study.outputs[o];
    ranked.unit = columns[column].unit;
    ranked.samples =
        static_cast<std::size_t>(std::count_if(y.begin(), y.end(), [](double v) { return std::isfinite(v); }));
    std::vector<std::vector<double>> rows;
    std::vector<double> keys;
    if (study.method == SensitivityMethod::morris) {
      for (const MorrisIndices& m : morris_indices(positions, y, study.bootstrap, derive_seed(plan.seed, o + 1, 1))) {
        rows.push_back({m.mu_star, m.mu_star_low, m.mu_star_high, m.mu, m.sigma, static_cast<double>(m.effects)});
        keys.push_back(m.mu_star);
      }
    } else {
      const Regression regression = regression_indices(positions, y);
      ranked.r_squared = regression.r_squared;
      for (const RegressionIndices& r : regression.factors) {
        rows.push_back({r.prcc, r.prcc_low, r.prcc_high, r.prcc_p, r.src, r.src_low, r.src_high, r.src_p});
        keys.push_back(std::fabs(r.prcc));
      }
    }
    for (const std::size_t j : ranking(keys)) {
      ranked.parameters.push_back(study.factors[j].key);
      ranked.rows.push_back(rows[j]);
    }
    result.outputs.push_back(std::move(ranked));
  }
  return result;
}

std::string sensitivity_csv(const SensitivityResult& result) {
  const bool lhs = result.method == SensitivityMethod::lhs;
  std::ostringstream out;
  out << "output,unit,rank,parameter";
  for (const std::string& c : result.columns) out << ',' << c;
  out << (lhs ? ",r_squared" : "") << ",samples\n";
  for (const SensitivityRanking& r : result.outputs) {
    for (std::size_t i = 0; i < r.parameters.size(); ++i) {
      out << r.output << ',' << r.unit << ',' << i + 1 << ',' << r.parameters[i];
      for (const double v : r.rows[i]) out << ',' << format_number(v);
      if (lhs) out << ',' << format_number(r.r_squared);
      out << ',' << r.samples << '\n';
    }
  }
  return out.str();
}

std::string describe_sensitivity(const SensitivityStudy& study, const SensitivityResult& result) {
  const RunPlan& plan = study.plan;
  const std::size_t k = study.factors.size();
  std::ostringstream out;
  if (study.method == SensitivityMethod::morris) {
    out << "sensitivity " << plan.name << ": Morris elementary effects, " << study.morris.trajectories
        << " trajectories x " << k + 1 << " points (" << k << " parameters, " << study.morris.levels
        << " levels, steps of " << number(morris_delta(study.morris.levels)) << " of each range"
        << (study.morris.candidates ? ", the most spread of " + std::to_string(study.morris.candidates) + " candidates"
                                    : "")
        << "), " << plan.replicates << " replicate(s): " << plan.runs.size() << " runs\n"
        << "An elementary effect is the change of the output if the parameter moved across its whole range (min to "
           "max),\n"
           "in the output's units. mu* (the mean of their absolute values) ranks the parameters; mu is their mean (its "
           "sign\n"
           "the direction); sigma, their spread, near or above mu* marks interactions or a curved effect. 95% interval "
           "of\n"
           "mu*: bootstrap over trajectories.\n";
  } else {
    out << "sensitivity " << plan.name << ": Latin hypercube, " << study.samples << " samples of " << k
        << " parameters, " << plan.replicates << " replicate(s): " << plan.runs.size() << " runs\n"
        << "PRCC: partial rank correlation, the monotone effect of a parameter with the others' removed (ranks by "
           "|PRCC|).\n"
           "SRC: standardized regression coefficient, the linear effect of one standard deviation of the parameter in\n"
           "standard deviations of the output (trust it when R^2 is high). 95% intervals; p: two-sided test of zero.\n";
  }
  for (const SensitivityRanking& r : result.outputs) {
    out << '\n'
        << r.output << " (" << r.unit << "), " << r.samples << " of " << plan.variants.size()
        << (study.method == SensitivityMethod::morris ? " points" : " samples") << " with a value";
    if (study.method == SensitivityMethod::lhs) out << ", R^2 of the linear fit " << number(r.r_squared);
    out << '\n';
    std::vector<std::vector<std::string>> rows;
    if (study.method == SensitivityMethod::morris) {
      rows.push_back({"rank", "parameter", "mu*", "95% CI", "mu", "sigma", "effects"});
      for (std::size_t i = 0; i < r.parameters.size(); ++i) {
        const auto& v = r.rows[i];
        rows.push_back({std::to_string(i + 1), r.parameters[i], number(v[0]), interval(v[1], v[2]), number(v[3]),
                        number(v[4]), number(v[5])});
      }
    } else {
      rows.push_back({"rank", "parameter", "PRCC", "95% CI", "p", "SRC", "95% CI", "p"});
      for (std::size_t i = 0; i < r.parameters.size(); ++i) {
        const auto& v = r.rows[i];
        rows.push_back({std::to_string(i + 1), r.parameters[i], number(v[0]), interval(v[1], v[2]), number(v[3]),
                        number(v[4]), interval(v[5], v[6]), number(v[7])});
      }
    }
    out << aligned(rows);
  }
  return out.str();
}

std::string write_sensitivity(const SensitivityStudy& study, const std::vector<RunRecord>& records,
                              const std::string& directory) {
  const SensitivityResult result = analyse_sensitivity(study, records);
  write_text_file((std::filesystem::path(directory) / "sensitivity.csv").string(), sensitivity_csv(result));
  return describe_sensitivity(study, result);
}

}  // namespace kyosei
