// The side-by-side summary table of `kyosei run` and `kyosei compare`, made from the summary
// field table so that a new summary number appears here without edits.
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

std::string format(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "-";
  char buffer[32];
  if (unit == "share") std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * v);
  else if (v == std::floor(v) && std::abs(v) < 1e15) std::snprintf(buffer, sizeof buffer, "%.0f", v);
  else std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string format_difference(double a, double b, const std::string& unit) {
  if (!std::isfinite(a) || !std::isfinite(b)) return "-";
  char buffer[32];
  if (unit == "share") std::snprintf(buffer, sizeof buffer, "%+.1f pt", 100 * (b - a));
  else std::snprintf(buffer, sizeof buffer, "%+.1f", b - a);
  return buffer;
}

void add_group(std::vector<Row>& rows, const std::string& group,
               std::function<const DetectionEstimate&(const Summary&)> pick) {
#define KYOSEI_ROW(name, unit, meaning) \
  rows.push_back({group + " " #name, unit, [pick](const Summary& s) { return static_cast<double>(pick(s).name); }});
  KYOSEI_DETECTION_FIELDS(KYOSEI_ROW)
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

std::string summary_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries) {
  const bool difference = summaries.size() == 2;
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = {"metric"};
  header.insert(header.end(), names.begin(), names.end());
  if (difference) header.push_back("difference");
  cells.push_back(header);
  for (const Row& row : rows()) {
    std::vector<std::string> line = {row.label + (row.unit == "day" ? " (days)" : "")};
    for (const Summary* s : summaries) line.push_back(format(row.value(*s), row.unit));
    if (difference) line.push_back(format_difference(row.value(*summaries[0]), row.value(*summaries[1]), row.unit));
    cells.push_back(line);
  }
  std::vector<std::size_t> width(header.size(), 0);
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

}  // namespace kyosei::cli
