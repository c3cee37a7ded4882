// The uncertainty report of a replicated comparison (compare_report.hpp).
#include "compare_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "../io/json_writer.hpp"
#include "cli.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::cli {
namespace {

constexpr const char* kCsvNames[] = {"uncertainty_metrics.csv", "uncertainty_detection.csv", "uncertainty_km.csv"};

// Every episode of every replicate, with its detection time (censored at the replicate's horizon).
DetectionTimes pooled_times(const std::vector<DetectionTimes>& replicates) {
  DetectionTimes all;
  for (const DetectionTimes& d : replicates) {
    all.time.insert(all.time.end(), d.time.begin(), d.time.end());
    all.detected.insert(all.detected.end(), d.detected.begin(), d.detected.end());
  }
  return all;
}

std::string band_cell(const Band& b, const std::string& unit) {
  return format_value(b.median, unit) + " [" + format_value(b.p10, unit) + ", " + format_value(b.p90, unit) + "]";
}

std::string interval_cell(double estimate, double lower, double upper, const std::string& unit) {
  return format_change(estimate, unit) + " [" + format_change(lower, unit) + ", " + format_change(upper, unit) + "]";
}

std::string p_value_cell(double p) {
  if (!std::isfinite(p)) return "-";
  if (p < 1e-300) return "<1e-300";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", p);
  return buffer;
}

}  // namespace

RunDigest digest_of(const Results& results, std::uint64_t seed, bool with_times) {
  RunDigest digest{results.summary, {}, seed};
  if (with_times)
    digest.times = detection_times(results.episodes, static_cast<std::int32_t>(results.series.day.size()));
  return digest;
}

Uncertainty compute_uncertainty(const ReplicatedRuns& runs, const BootstrapOptions& bootstrap) {
  Uncertainty u;
  u.names = runs.names;
  u.baseline = runs.baseline;
  u.replicates = runs.runs.front().size();
  u.seed = runs.seed;
  u.first_replicate = runs.first_replicate;
  u.bootstrap = bootstrap;
  const std::size_t scenarios = runs.names.size();

  // values[s][k]: the flattened summary of replicate k of scenario s.
  std::vector<std::vector<std::vector<double>>> values(scenarios);
  std::vector<std::vector<DetectionTimes>> times(scenarios);
  for (std::size_t s = 0; s < scenarios; ++s)
    for (const RunDigest* r : runs.runs[s]) {
      values[s].push_back(flatten_summary(r->summary));
      times[s].push_back(r->times);
    }

  const std::size_t metrics = metric_columns().size();
  u.bands.assign(metrics, {});
  u.differences.assign(metrics, {});
  for (std::size_t m = 0; m < metrics; ++m) {
    std::vector<std::vector<double>> by_scenario(scenarios);
    for (std::size_t s = 0; s < scenarios; ++s)
      for (const auto& replicate : values[s]) by_scenario[s].push_back(replicate[m]);
    for (std::size_t s = 0; s < scenarios; ++s) {
      u.bands[m].push_back(band_of(by_scenario[s]));
      u.differences[m].push_back(paired_difference(by_scenario[s], by_scenario[runs.baseline], bootstrap));
    }
  }

  for (std::size_t s = 0; s < scenarios; ++s) {
    const DetectionTimes all = pooled_times(times[s]);
    u.episodes.push_back(static_cast<std::int64_t>(all.time.size()));
    std::int64_t detected = 0;
    for (const std::uint8_t d : all.detected) detected += d;
    u.detected.push_back(detected);
    u.curves.push_back(kaplan_meier_band(kaplan_meier(all.time, all.detected)));
    u.rmst.push_back(rmst_difference(times[s], times[runs.baseline], kRmstHorizonDays, bootstrap));
    u.log_rank.push_back(log_rank(times[s], times[runs.baseline]));
  }
  return u;
}

std::string uncertainty_tables(const Uncertainty& u, bool all) {
  const auto& columns = metric_columns();
  const std::string& base = u.names[u.baseline];
  std::ostringstream out;

  std::vector<std::vector<std::string>> bands = {{"metric"}};
  bands.front().insert(bands.front().end(), u.names.begin(), u.names.end());
  for (const std::size_t m : shown_metrics(all)) {
    std::vector<std::string> line = {columns[m].name + unit_label(columns[m].unit)};
    for (const Band& b : u.bands[m]) line.push_back(band_cell(b, columns[m].unit));
    bands.push_back(line);
  }
  out << "Median [10%, 90%] over " << u.replicates << " replicates\n" << render_table(bands) << all_metrics_note(all);
  if (u.names.size() < 2) return out.str();

  std::vector<std::vector<std::string>> differences = {{"metric"}};
  for (std::size_t s = 0; s < u.names.size(); ++s)
    if (s != u.baseline) differences.front().push_back(u.names[s] + " - " + base);
  for (const std::size_t m : shown_metrics(all)) {
    std::vector<std::string> line = {columns[m].name + unit_label(columns[m].unit)};
    for (std::size_t s = 0; s < u.names.size(); ++s) {
      if (s == u.baseline) continue;
      const PairedDifference& d = u.differences[m][s];
      line.push_back(interval_cell(d.mean, d.lower, d.upper, columns[m].unit));
    }
    differences.push_back(line);
  }
  out << "\nPaired differences from " << base << ", replicate by replicate (common random numbers): mean [95% "
      << "bootstrap CI, " << u.bootstrap.resamples << " resamples]\n"
      << render_table(differences) << all_metrics_note(all);

  std::vector<std::vector<std::string>> detection = {
      {"all needs, " + std::to_string(u.replicates) + " replicates pooled"}};
  detection.front().insert(detection.front().end(), u.names.begin(), u.names.end());
  std::vector<std::string> episodes = {"episodes"}, rmst = {"restricted mean to 365 days (days)"},
                           difference = {"difference from " + base + " [95% CI]"},
                           chi2 = {"log-rank chi2 vs " + base + " (replicate strata)"}, p = {"log-rank p"};
  for (std::size_t s = 0; s < u.names.size(); ++s) {
    episodes.push_back(std::to_string(u.episodes[s]));
    rmst.push_back(format_value(u.rmst[s].scenario, "day"));
    const bool self = s == u.baseline;
    difference.push_back(self ? "-" : interval_cell(u.rmst[s].difference, u.rmst[s].lower, u.rmst[s].upper, "day"));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", u.log_rank[s].chi2);
    chi2.push_back(self ? "-" : buffer);
    p.push_back(self ? "-" : p_value_cell(u.log_rank[s].p_value));
  }
  detection.insert(detection.end(), {episodes, rmst, difference, chi2, p});
  out << "\nTime to acceptance, crises included (deprecated: the headline is detection_365 above; "
      << "Kaplan-Meier; restricted-mean CI: paired bootstrap over replicates)\n"
      << render_table(detection);
  return out.str();
}

std::string uncertainty_json(const Uncertainty& u) {
  const auto& columns = metric_columns();
  JsonWriter w;
  w.value("seed", static_cast<std::int64_t>(u.seed));
  w.value("first_replicate", static_cast<std::int64_t>(u.first_replicate));
  w.value("replicates", static_cast<std::int64_t>(u.replicates));
  w.value("baseline", u.names[u.baseline]);
  w.open("bootstrap");
  w.value("resamples", static_cast<std::int64_t>(u.bootstrap.resamples));
  w.value("seed", static_cast<std::int64_t>(u.bootstrap.seed));
  w.value("level", 0.95);
  w.close();
  w.open("bands");
  for (std::size_t s = 0; s < u.names.size(); ++s) {
    w.open(u.names[s]);
    for (std::size_t m = 0; m < columns.size(); ++m) {
      const Band& b = u.bands[m][s];
      w.open(columns[m].name);
      w.value("p10", b.p10);
      w.value("median", b.median);
      w.value("p90", b.p90);
      w.value("count", static_cast<std::int64_t>(b.count));
      w.close();
    }
    w.close();
  }
  w.close();
  w.open("differences");
  for (std::size_t s = 0; s < u.names.size(); ++s) {
    if (s == u.baseline) continue;
    w.open(u.names[s]);
    for (std::size_t m = 0; m < columns.size(); ++m) {
      const PairedDifference& d = u.differences[m][s];
      w.open(columns[m].name);
      w.value("pairs", static_cast<std::int64_t>(d.pairs));
      w.value("mean", d.mean);
      w.value("lower", d.lower);
      w.value("upper", d.upper);
      w.close();
    }
    w.close();
  }
  w.close();
  w.open("detection");
  w.value("tau_days", kRmstHorizonDays);
  for (std::size_t s = 0; s < u.names.size(); ++s) {
    w.open(u.names[s]);
    w.value("episodes", u.episodes[s]);
    w.value("detected", u.detected[s]);
    w.value("rmst_days", u.rmst[s].scenario);
    if (s != u.baseline) {
      w.value("rmst_difference", u.rmst[s].difference);
      w.value("rmst_lower", u.rmst[s].lower);
      w.value("rmst_upper", u.rmst[s].upper);
      w.value("log_rank_chi2", u.log_rank[s].chi2);
      w.value("log_rank_p", u.log_rank[s].p_value);
      w.value("observed", u.log_rank[s].observed);
      w.value("expected", u.log_rank[s].expected);
    }
    w.close();
  }
  w.close();
  return std::move(w).finish();
}

std::vector<CsvFile> uncertainty_csv(const Uncertainty& u) {
  const auto& columns = metric_columns();
  const std::string base = csv_text(u.names[u.baseline]);
  const auto number = format_number;  // NaN as "NaN", like the sweep tables

  std::ostringstream metrics;
  metrics
      << "metric,unit,scenario,replicates,p10,median,p90,baseline,pairs,difference,difference_lower,difference_upper\n";
  for (std::size_t m = 0; m < columns.size(); ++m)
    for (std::size_t s = 0; s < u.names.size(); ++s) {
      const Band& b = u.bands[m][s];
      metrics << columns[m].name << ',' << columns[m].unit << ',' << csv_text(u.names[s]) << ',' << b.count << ','
              << number(b.p10) << ',' << number(b.median) << ',' << number(b.p90) << ',' << base;
      if (s == u.baseline) {
        metrics << ",,,,\n";
        continue;
      }
      const PairedDifference& d = u.differences[m][s];
      metrics << ',' << d.pairs << ',' << number(d.mean) << ',' << number(d.lower) << ',' << number(d.upper) << '\n';
    }

  std::ostringstream detection;
  detection << "scenario,replicates,episodes,detected,rmst_days,baseline,rmst_difference,rmst_lower,rmst_upper,"
               "log_rank_chi2,log_rank_p,observed,expected\n";
  for (std::size_t s = 0; s < u.names.size(); ++s) {
    detection << csv_text(u.names[s]) << ',' << u.replicates << ',' << u.episodes[s] << ',' << u.detected[s] << ','
              << number(u.rmst[s].scenario) << ',' << base;
    if (s == u.baseline) {
      detection << ",,,,,,,\n";
      continue;
    }
    const RmstDifference& r = u.rmst[s];
    const LogRank& l = u.log_rank[s];
    detection << ',' << number(r.difference) << ',' << number(r.lower) << ',' << number(r.upper) << ','
              << number(l.chi2) << ',' << number(l.p_value) << ',' << number(l.observed) << ',' << number(l.expected)
              << '\n';
  }

  std::ostringstream km;
  km << "scenario,days,survival,lower,upper,at_risk,events\n";
  for (std::size_t s = 0; s < u.names.size(); ++s)
    for (const KaplanMeierBandPoint& p : u.curves[s])
      km << csv_text(u.names[s]) << ',' << number(p.time) << ',' << number(p.survival) << ',' << number(p.lower) << ','
         << number(p.upper) << ',' << p.at_risk << ',' << p.events << '\n';

  return {{kCsvNames[0], metrics.str()}, {kCsvNames[1], detection.str()}, {kCsvNames[2], km.str()}};
}

std::vector<std::string> uncertainty_csv_names() { return {std::begin(kCsvNames), std::end(kCsvNames)}; }

}  // namespace kyosei::cli
