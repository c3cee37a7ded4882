// Text for the command-line tools (sweep.hpp): the plan of an ensemble and what a call did.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei {

std::string describe_plan(const RunPlan& plan) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"run_id", "variant"};
  for (const PlanColumn& c : plan.columns) header.push_back(c.name);
  for (const char* name : {"replicate", "seed", "residents_x_days"}) header.emplace_back(name);
  rows.push_back(header);
  for (const PlannedRun& run : plan.runs) {
    std::vector<std::string> row = {run.id, std::to_string(run.variant)};
    const Variant& v = plan.variants[run.variant];
    for (std::size_t c = 0; c < plan.columns.size(); ++c)
      row.push_back(plan.columns[c].text            ? v.cells[c].text
                    : std::isnan(v.cells[c].number) ? "-"
                                                    : format_number(v.cells[c].number));
    row.push_back(std::to_string(run.replicate));
    row.push_back(std::to_string(run.seed));
    row.push_back(format_number(run.cost));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream out;
  out << plan.kind << " " << plan.name << ": " << plan.variants.size()
      << (plan.kind == "region" ? " municipalities" : " variants") << " x " << plan.replicates
      << " replicates = " << plan.runs.size() << " runs, seed " << plan.seed << " ("
      << (plan.seeds == SeedMode::common ? "common random numbers across variants" : "independent seeds per variant")
      << ")\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out << (c ? "  " : "") << row[c] << (c + 1 < row.size() ? std::string(width[c] - row[c].size(), ' ') : "");
    out << '\n';
  }
  return out.str();
}

std::string describe_report(const RunPlan& plan, const EnsembleReport& report, const EnsembleOptions& options,
                            const Executor& executor) {
  std::ostringstream out;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", report.wall_s);
  out << plan.kind << " " << plan.name << ": " << report.runs << " runs; " << report.previously
      << " had finished before, " << report.finished << " finished now (" << executor.describe() << ") in " << seconds;
  if (options.shards > 1)
    out << "; shard " << options.shard << " of " << options.shards << ", " << report.done << " of " << report.runs
        << " runs finished in all";
  out << '\n';
  if (report.complete) {
    out << "wrote";
    for (std::size_t i = 0; i < report.written.size(); ++i) out << (i ? ", " : " ") << report.written[i];
    out << " and " << report.runs << " result files in " << run_directory(options.directory) << '\n';
  } else if (options.shards > 1 && report.done == report.runs) {
    out << "every run has finished: run the same command without --shard to write the summary tables\n";
  }
  return out.str();
}

}  // namespace kyosei
