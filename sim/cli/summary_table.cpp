// The side-by-side summary table of `kyosei run` and `kyosei compare`, made from the summary
// field table so that a new summary number appears here without edits (the deprecated detection
// numbers stay in the result files, not here).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "cli.hpp"
#include "kyosei/summary_fields.hpp"

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
  KYOSEI_PATHWAY_FIELDS(KYOSEI_ROW)
#undef KYOSEI_ROW
}

std::vector<Row> rows() {
  std::vector<Row> out;
  add_group(out, "all needs:", [](const Summary& s) -> const DetectionEstimate& { return s.overall; });
  for (int f = 0; f < kFieldCount; ++f)
    add_group(out, std::string(kFieldNames[f]) + ":", [f](const Summary& s) -> const DetectionEstimate& { return s.by_field[f]; });
  add_group(out, "no compound:", [](const Summary& s) -> const DetectionEstimate& { return s.no_compound; });
  for (int t = 0; t < kCompoundTagCount; ++t)
    add_group(out, std::string(kCompoundTagNames[t]) + ":", [t](const Summary& s) -> const DetectionEstimate& { return s.by_compound[t]; });
#define KYOSEI_ROW(name, unit, meaning) \
  out.push_back({#name, unit, [](const Summary& s) { return static_cast<double>(s.name); }});
  KYOSEI_SUMMARY_SCALARS(KYOSEI_ROW)
#undef KYOSEI_ROW
  return out;
}

}  // namespace

std::string format_value(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "-";
  char buffer[32];
  if (unit == "share") std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * v);
  else if (v == std::floor(v) && std::abs(v) < 1e15) std::snprintf(buffer, sizeof buffer, "%.0f", v);
  else std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string format_change(double change, const std::string& unit) {
  if (!std::isfinite(change)) return "-";
  char buffer[32];
  if (unit == "share") std::snprintf(buffer, sizeof buffer, "%+.1f pt", 100 * change);
  else std::snprintf(buffer, sizeof buffer, "%+.1f", change);
  return buffer;
}

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

std::string summary_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries) {
  const bool difference = summaries.size() == 2;
  std::vector<std::string> header = {"metric"};
  header.insert(header.end(), names.begin(), names.end());
  if (difference) header.push_back("difference");
  std::vector<std::vector<std::string>> cells = {header};
  for (const Row& row : rows()) {
    std::vector<std::string> line = {row.label + (row.unit == "day" ? " (days)" : "")};
    for (const Summary* s : summaries) line.push_back(format_value(row.value(*s), row.unit));
    if (difference) line.push_back(format_change(row.value(*summaries[1]) - row.value(*summaries[0]), row.unit));
    cells.push_back(line);
  }
  return render_table(cells);
}

std::string cost_effectiveness_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries,
                                     std::size_t baseline, double years) {
  const Summary& base = *summaries[baseline];
  std::vector<std::string> header = {"against " + names[baseline]};
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> extra_cost = {"extra cost (yen/year)"}, extra_municipal = {"extra municipal cost (yen/year)"},
                           days_saved = {"acceptance-days saved per year (within 365 days, crises included)"},
                           per_day = {"yen per detection-day saved"}, more_found = {"more needs found before a crisis within 365 days per year"},
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
