// The side-by-side summary table of `kyosei run` and `kyosei compare`, made from the summary
// field table so that a new summary number appears here without edits (the deprecated detection
// numbers stay in the result files, not here).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string_view>

#include "cli.hpp"
#include "kyosei/analysis/summary_fields.hpp"
#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::cli {
namespace {

struct Row {
  std::string label;
  std::string unit;
  std::function<double(const Summary&)> value;
};

void add_group(std::vector<Row>& rows, const std::string& group,
               std::function<const DetectionEstimate&(const Summary&)> pick) {
#define KYOSEI_ROW(name, unit, meaning) \
  rows.push_back({group + " " #name, unit, [pick](const Summary& s) { return static_cast<double>(pick(s).name); }});
  KYOSEI_DETECTION_FIELDS(KYOSEI_ROW)  // in metric_columns()'s order; the headline list picks the new ones
#undef KYOSEI_ROW
}

std::vector<Row> rows() {
  std::vector<Row> out;
  add_group(out, "all needs:", [](const Summary& s) -> const DetectionEstimate& { return s.overall; });
  for (int f = 0; f < kFieldCount; ++f)
    add_group(out, std::string(kFieldNames[f]) + ":",
              [f](const Summary& s) -> const DetectionEstimate& { return s.by_field[f]; });
  add_group(out, "no compound:", [](const Summary& s) -> const DetectionEstimate& { return s.no_compound; });
  for (int t = 0; t < kCompoundTagCount; ++t)
    add_group(out, std::string(kCompoundTagNames[t]) + ":",
              [t](const Summary& s) -> const DetectionEstimate& { return s.by_compound[t]; });
#define KYOSEI_ROW(name, unit, meaning) \
  out.push_back({#name, unit, [](const Summary& s) { return static_cast<double>(s.name); }});
  KYOSEI_SUMMARY_SCALARS(KYOSEI_ROW)
#undef KYOSEI_ROW
  return out;
}

}  // namespace

std::string unit_label(const std::string& unit) { return unit == "day" ? " (days)" : ""; }

std::string render_table(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::size_t> width(cells.front().size(), 0);
  for (const auto& line : cells)
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  std::ostringstream out;
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - line[c].size(), ' ');
      out << (c == 0 ? line[c] + pad : "  " + pad + line[c]);
    }
    out << '\n';
  }
  return out.str();
}

std::string summary_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries,
                          bool all) {
  const bool difference = summaries.size() == 2;
  std::vector<std::string> header = {"metric"};
  header.insert(header.end(), names.begin(), names.end());
  if (difference) header.push_back("difference");
  std::vector<std::vector<std::string>> cells = {header};
  const std::vector<Row> table = rows();  // in the order of metric_columns()
  for (const std::size_t m : shown_metrics(all)) {
    const Row& row = table[m];
    std::vector<std::string> line = {row.label + unit_label(row.unit)};
    for (const Summary* s : summaries) line.push_back(format_value(row.value(*s), row.unit));
    if (difference) line.push_back(format_change(row.value(*summaries[1]) - row.value(*summaries[0]), row.unit));
    cells.push_back(line);
  }
  return render_table(cells) + all_metrics_note(all);
}

const std::vector<std::string>& headline_metrics() {
  // Edit here to change what a run and a comparison lead with (names as in metric_columns()).
  static const std::vector<std::string> headline = {"overall.episodes",           "overall.contact_365",
                                                    "overall.detection_365",      "overall.detection_median_days",
                                                    "overall.crisis_365",         "overall.engagement_365",
                                                    "by_field.gap.detection_365", "by_compound.8050.detection_365",
                                                    "mean_isolation_residents",   "mean_wait_days",
                                                    "solitary_deaths_per_100k",   "cost_yen_per_year"};
  return headline;
}

std::vector<std::size_t> shown_metrics(bool all) {
  const std::vector<MetricColumn>& columns = metric_columns();
  std::vector<std::size_t> shown;
  if (all) {
    for (std::size_t m = 0; m < columns.size(); ++m) shown.push_back(m);
    return shown;
  }
  for (const std::string& name : headline_metrics())
    for (std::size_t m = 0; m < columns.size(); ++m)
      if (columns[m].name == name) shown.push_back(m);
  return shown;
}

std::string all_metrics_note(bool all) {
  if (all) return "";
  return "(the headline metrics; --all shows all " + std::to_string(metric_columns().size()) + ")\n";
}

std::string population_and_horizon(const Scenario& scenario) {
  const auto whole = [](std::int64_t n) { return format_value(static_cast<double>(n), "person"); };  // 0 digits
  return whole(scenario.population.residents) + " residents, horizon " + whole(scenario.run.horizon_days) +
         " days after a burn-in of " + whole(scenario.run.burn_in_days) + " days";
}

std::string cost_effectiveness_table(const std::vector<std::string>& names,
                                     const std::vector<const Summary*>& summaries, std::size_t baseline, double years) {
  const Summary& base = *summaries[baseline];
  std::vector<std::string> header = {"against " + names[baseline]};
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> extra_cost = {"extra cost (yen/year)"},
                           extra_municipal = {"extra municipal cost (yen/year)"},
                           days_saved = {"acceptance-days saved per year (within 365 days, crises included)"},
                           per_day = {"yen per detection-day saved"},
                           more_found = {"more needs found before a crisis within 365 days per year"},
                           per_need = {"yen per more need found before a crisis within 365 days"};
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    if (i == baseline) continue;
    const Summary& s = *summaries[i];
    header.push_back(names[i]);
    const double cost = s.cost_yen_per_year - base.cost_yen_per_year;
    const double episodes_per_year = static_cast<double>(s.overall.episodes) / years;
    // Restricted mean times to acceptance (to 365 days, crises included: deprecated) times the
    // needs arising in a year; needs found before a crisis within 365 days (cumulative incidence).
    const double saved = (base.overall.rmst_days - s.overall.rmst_days) * episodes_per_year;
    const double found = (s.overall.detection_365 - base.overall.detection_365) * episodes_per_year;
    extra_cost.push_back(format_value(cost, "yen"));
    extra_municipal.push_back(format_value(s.municipal_cost_yen_per_year - base.municipal_cost_yen_per_year, "yen"));
    days_saved.push_back(format_value(saved, "day"));
    per_day.push_back(saved > 0 ? format_value(cost / saved, "yen") : "-");
    more_found.push_back(format_value(found, "need"));
    per_need.push_back(found > 0 ? format_value(cost / found, "yen") : "-");
  }
  cells = {header, extra_cost, extra_municipal, days_saved, per_day, more_found, per_need};
  return render_table(cells);
}

}  // namespace kyosei::cli
