// `kyosei validate-model [SCENARIO]`: runs replicates of a scenario (default: the silo regime,
// the one docs/calibration.md describes) and sets each calibration target against the
// simulated median and 10-90% interval, as a table, JSON or CSV.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "validate_model_command.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/validation.hpp"
#include "kyosei/io/validation_json.hpp"
#include "kyosei/io/output_check.hpp"

namespace kyosei::cli {
namespace {

// Shares as percentages, everything else with four significant digits.
std::string number(double v, std::string_view unit) {
  if (!std::isfinite(v)) return "-";
  char buffer[32];
  if (unit == "share")
    std::snprintf(buffer, sizeof buffer, "%.2f%%", 100 * v);
  else
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

std::string target_text(const CalibrationTarget& t) {
  return t.low == t.high ? number(t.low, t.unit) : number(t.low, t.unit) + " - " + number(t.high, t.unit);
}

std::string tolerance_text(const CalibrationTarget& t) {
  char buffer[32];
  if (t.unit == "share")
    std::snprintf(buffer, sizeof buffer, "±%.2g pt", 100 * t.tolerance);
  else
    std::snprintf(buffer, sizeof buffer, "±%.3g", t.tolerance);
  return buffer;
}

// FAIL* marks a miss the model is known to make (CalibrationTarget::known_gap).
std::string status(const TargetCheck& c) { return c.pass ? "PASS" : c.target->known_gap.empty() ? "FAIL" : "FAIL*"; }

std::string as_table(const ValidationReport& report) {
  std::vector<std::vector<std::string>> rows = {{"target", "unit", "value", "simulated", "10-90%", "tolerance", ""}};
  for (const TargetCheck& c : report.checks) {
    const CalibrationTarget& t = *c.target;
    rows.push_back({std::string(t.name), std::string(t.unit), target_text(t), number(c.median, t.unit),
                    number(c.p10, t.unit) + " - " + number(c.p90, t.unit), tolerance_text(t), status(c)});
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  // Display width: "±" is one column but two bytes.
  auto columns = [](const std::string& s) {
    return s.size() - static_cast<std::size_t>(std::count(s.begin(), s.end(), '\xc2'));
  };
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], columns(row[c]));
  std::ostringstream out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - columns(row[c]), ' ');
      out << (c == 0 ? row[c] + pad : c == 1 ? "  " + row[c] + pad : "  " + pad + row[c]);
    }
    out << '\n';
  }
  return out.str();
}

// One row per target; text fields quoted (sources contain commas).
void write_csv(const std::string& path, const ValidationReport& report) {
  std::ofstream out(path);
  if (!out) throw OutputError("cannot write " + path);
  auto quoted = [](std::string_view s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + '"';
  };
  out << "target,unit,low,high,tolerance,median,p10,p90,pass,source,measured,known_gap\n";
  out.precision(10);
  for (const TargetCheck& c : report.checks) {
    const CalibrationTarget& t = *c.target;
    out << t.name << ',' << quoted(t.unit) << ',' << t.low << ',' << t.high << ',' << t.tolerance << ',' << c.median
        << ',' << c.p10 << ',' << c.p90 << ',' << (c.pass ? "PASS" : "FAIL") << ',' << quoted(t.source) << ','
        << quoted(t.measured) << ',' << quoted(t.known_gap) << '\n';
  }
  if (!out.flush()) throw OutputError("cannot write " + path);
}

}  // namespace

void add_validate_model_command(CLI::App& app, ValidateModelSettings& v, RunSettings& s) {
  CLI::App* cmd = app.add_subcommand("validate-model",
                                     "Run replicates of a scenario and compare the calibration targets "
                                     "(docs/calibration.md) with the simulated values");
  v.command = cmd;
  cmd->add_option("scenario", v.scenario,
                  "Scenario file (default: scenarios/silo.yaml, the regime the targets describe)");
  cmd->add_option("--replicates", v.replicates, "Replicates (common random numbers: one seed, replicates 0..N-1)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--seed", s.seed, "Seed (default: the scenario's run.seed)")->each([&s](const std::string&) {
    s.seed_given = true;
  });
  cmd->add_option("--threads", s.threads, "OpenMP threads (0: all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--set", s.overrides, "Override a parameter, e.g. --set conditions.withdrawal.onset=0.005")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--json", s.json, "Print the report as JSON on stdout");
  cmd->add_option("--csv", v.csv, "Also write the report as CSV to FILE");
  cmd->add_flag("--strict", v.strict, "Exit with status 4 when a target without a known gap fails");
}

int command_validate_model(const ValidateModelSettings& v, const RunSettings& s) {
  const Scenario scenario = load_with_overrides(v.scenario, s.overrides);
  const std::uint64_t seed = s.seed_given ? s.seed : static_cast<std::uint64_t>(scenario.run.seed);
  if (!v.csv.empty()) check_output_path(v.csv, 0, true);  // before the replicates run
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  const ValidationReport report = validate_model(scenario, seed, v.replicates, s.threads, [&](int done, int total) {
    if (show_progress) std::fprintf(stderr, "\r[validate-model] replicate %d of %d", done, total);
  });
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  if (!v.csv.empty()) write_csv(v.csv, report);
  if (s.json) {
    std::cout << validation_to_json(report, scenario.name);
  } else {
    std::cout << scenario.name << ": " << v.replicates << " replicates, seed " << seed << ", "
              << scenario.population.residents << " residents, " << scenario.run.horizon_days
              << " days after a burn-in of " << scenario.run.burn_in_days << " days\n"
              << "simulated: median over replicates; PASS when it lies within the tolerance of the target\n\n"
              << as_table(report) << '\n'
              << report.checks.size() - static_cast<std::size_t>(report.failures()) << " of " << report.checks.size()
              << " targets pass\n";
    for (const TargetCheck& c : report.checks)
      if (!c.pass && !c.target->known_gap.empty())
        std::cout << "* " << c.target->name << ": known gap: " << c.target->known_gap << '\n';
  }
  return v.strict && report.unexpected_failures() > 0 ? 4 : 0;
}

}  // namespace kyosei::cli
