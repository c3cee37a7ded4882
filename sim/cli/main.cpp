// kyosei: the command-line tool. The only place that turns errors into exit codes:
// 0 success, 1 internal error, 2 bad input (scenario, options, a run too big for the machine),
// 3 output refused or failed (also a result file that cannot be read), 128 + N stopped by signal
// N (130 SIGINT, 143 SIGTERM) after saving the results so far as <name>.incomplete.h5.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <new>

#include "cli.hpp"
#include "factorial_command.hpp"
#include "region_command.hpp"
#include "sensitivity_command.hpp"
#include "sweep_command.hpp"
#include "kyosei/errors.hpp"
#include "kyosei/hdf5_reader.hpp"
#include "kyosei/output_docs.hpp"
#include "kyosei/params.hpp"
#include "kyosei/resource_guard.hpp"
#include "kyosei/summary_json.hpp"
#include "kyosei/version.hpp"

namespace cli = kyosei::cli;

namespace {

void add_run_options(CLI::App& app, cli::RunSettings& s) {
  app.add_option("--seed", s.seed, "Random seed (default: the scenario's run.seed)")
      ->each([&s](const std::string&) { s.seed_given = true; });
  app.add_option("--replicate", s.replicate, "Replicate number: a separate random stream for the same seed");
  app.add_option("--threads", s.threads, "OpenMP threads (0: all cores)")->check(CLI::NonNegativeNumber);
  app.add_option("--set", s.overrides, "Override a parameter, e.g. --set intake.mode=integrated")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_flag("--force", s.force, "Overwrite existing result files");
  app.add_flag("--json", s.json, "Print the summary as JSON on stdout instead of a table");
}

// After SIGINT or SIGTERM: saves what was simulated under the incomplete names (the finished
// runs of a comparison too: the comparison is what is incomplete), never under the requested
// ones, and returns 128 + the signal. The summary is not printed: it would look like a result.
int save_interrupted(const std::vector<cli::Outcome>& results, const std::vector<std::string>& outputs,
                     const std::vector<std::string>& names, const cli::RunSettings& s) {
  const int signal = cli::interrupt_signal();
  const cli::Outcome& last = results.back();
  std::cerr << "kyosei: interrupted by " << (signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "a signal")
            << " at the end of day " << last.days_done << " of " << last.days_total << " of " << names[results.size() - 1]
            << (results.size() < names.size() ? "; the remaining scenarios were not run" : "") << '\n';
  for (std::size_t i = 0; i < results.size() && i < outputs.size(); ++i) {
    const std::string partial = cli::incomplete_path(outputs[i]);
    try {
      kyosei::write_results_hdf5(partial, results[i].results, results[i].provenance, s.force);
      std::cerr << "kyosei: saved " << (results[i].provenance.complete ? "the finished run" : "the results so far")
                << " in " << partial << " (complete=" << results[i].provenance.complete << "); nothing was written to "
                << outputs[i] << '\n';
    } catch (const kyosei::OutputError& e) {
      std::cerr << "kyosei: could not save the results so far: " << e.what() << '\n';
    }
  }
  return 128 + signal;
}

int command_run(const std::string& path, const std::string& output, const cli::RunSettings& s) {
  cli::install_interrupt_handlers();
  const kyosei::Scenario scenario = cli::load_with_overrides(path, s.overrides);
  const std::string out = output.empty() ? cli::result_file_name(scenario.name) : output;
  cli::check_writable(out, s.force);
  const cli::Outcome result = cli::run_scenario(scenario, s);
  if (result.signal != 0) return save_interrupted({result}, {out}, {scenario.name}, s);
  kyosei::write_results_hdf5(out, result.results, result.provenance, s.force);
  if (s.json) {
    std::cout << kyosei::summary_to_json(result.results.summary, scenario.name) << '\n';
  } else {
    std::cout << cli::summary_table({scenario.name}, {&result.results.summary});
    std::cerr << "wrote " << out << '\n';
  }
  return 0;
}

int command_compare(const std::vector<std::string>& paths, const std::string& directory, const std::string& baseline,
                    const cli::RunSettings& s) {
  cli::install_interrupt_handlers();
  std::vector<kyosei::Scenario> scenarios;
  for (const auto& path : paths) scenarios.push_back(cli::load_with_overrides(path, s.overrides));
  std::vector<std::string> names, outputs;
  for (const auto& scenario : scenarios) {
    names.push_back(scenario.name);
    // One plain file name each (result_file_name refuses '/' and ".."): never outside `directory`.
    if (!directory.empty()) outputs.push_back((std::filesystem::path(directory) / cli::result_file_name(scenario.name)).string());
  }
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (names[i] == names[j])
        throw kyosei::UsageError("two scenarios are named '" + names[i] + "': give each file a distinct name: key");
  const auto base = std::find(names.begin(), names.end(), baseline);
  if (!baseline.empty() && base == names.end())
    throw kyosei::UsageError("--baseline '" + baseline + "' names none of the scenarios compared");
  for (const auto& out : outputs) cli::check_writable(out, s.force);
  if (!directory.empty()) std::filesystem::create_directories(directory);
  // The same seed for every scenario: common random numbers make the differences sharper.
  // The files are written once every run has finished, so that an interrupted comparison leaves
  // none under the requested names.
  std::vector<cli::Outcome> results;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    results.push_back(cli::run_scenario(scenarios[i], s));
    if (results.back().signal != 0) return save_interrupted(results, outputs, names, s);
  }
  for (std::size_t i = 0; i < outputs.size(); ++i)
    kyosei::write_results_hdf5(outputs[i], results[i].results, results[i].provenance, s.force);
  if (s.json) {
    std::cout << "[";
    for (std::size_t i = 0; i < results.size(); ++i)
      std::cout << (i ? ",\n" : "\n") << kyosei::summary_to_json(results[i].results.summary, names[i]);
    std::cout << "\n]\n";
    return 0;
  }
  std::vector<const kyosei::Summary*> summaries;
  for (const auto& r : results) summaries.push_back(&r.results.summary);
  std::cout << "seed " << results.front().provenance.seed << ", horizon "
            << scenarios.front().run.horizon_days << " days after a burn-in of "
            << scenarios.front().run.burn_in_days << " days\n\n"
            << cli::summary_table(names, summaries);
  if (!baseline.empty())
    std::cout << '\n' << cli::cost_effectiveness_table(names, summaries, static_cast<std::size_t>(base - names.begin()),
                                                      static_cast<double>(scenarios.front().run.horizon_days) / 365.25);
  for (const auto& out : outputs) std::cerr << "wrote " << out << '\n';
  return 0;
}

int command_validate(const std::string& path, const cli::RunSettings& s) {
  const kyosei::Scenario scenario = cli::load_with_overrides(path, s.overrides);
  const kyosei::Scenario defaults = kyosei::Scenario::defaults();
  int changed = 0;
  for (const auto& spec : kyosei::parameter_table()) changed += spec.get(scenario) != spec.get(defaults);
  std::cout << path << ": valid (" << kyosei::parameter_table().size() << " parameters, " << changed
            << " differ from the defaults, " << scenario.timeline.size() << " timeline changes)\n";
  return 0;
}

int command_params(bool markdown) {
  if (markdown) {
    std::cout << kyosei::parameter_dictionary_markdown();
    return 0;
  }
  for (const auto& spec : kyosei::parameter_table())
    std::cout << spec.path << " = " << kyosei::format_parameter_value(spec, spec.default_value) << " ["
              << spec.unit << "]\n    " << spec.meaning << "\n    source: " << spec.source << '\n';
  return 0;
}

// Checks a result file (format_version, complete) and prints its provenance and headline numbers.
int command_inspect(const std::string& path, bool allow_incomplete) {
  const kyosei::ResultHeader h = kyosei::read_result_header(path, allow_incomplete);
  const kyosei::Provenance& p = h.provenance;
  std::cout << path << ": " << p.software << " result, format_version " << h.format_version << ", "
            << (p.complete ? "complete" : "INCOMPLETE (the run was stopped before its horizon)") << '\n'
            << "  version        " << p.version << (p.git_commit.empty() ? "" : " (" + p.git_commit + ")") << '\n'
            << "  date           " << p.date << '\n'
            << "  scenario       " << p.scenario_name << '\n'
            << "  seed           " << p.seed << ", replicate " << p.replicate << ", threads " << p.threads << '\n'
            << "  recorded       " << h.recorded_days << " days, " << h.episodes << " episodes, " << h.agencies
            << " agencies\n";
  for (const auto& [name, value] : h.summary) std::cout << "  " << name << " = " << value << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kyosei: a simulator of a community safety net (共生)"};
  app.set_version_flag("--version", std::string("kyosei ") + kyosei::kVersion);
  app.require_subcommand(1);

  cli::RunSettings settings;
  std::string scenario_path, output;
  std::vector<std::string> scenario_paths;
  bool markdown = false;

  CLI::App* run = app.add_subcommand("run", "Simulate one scenario, write its HDF5 result and print its summary");
  run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  run->add_option("-o,--output", output, "Result file (default: <scenario name>.h5)");
  add_run_options(*run, settings);

  CLI::App* compare = app.add_subcommand("compare", "Simulate several scenarios with the same seed and compare their summaries");
  compare->add_option("scenarios", scenario_paths, "Scenario files (YAML)")->required()->expected(1, -1);
  compare->add_option("-o,--output-dir", output, "Directory for the result files (<name>.h5 each); none written if omitted");
  std::string baseline;
  compare->add_option("--baseline", baseline, "Name of the scenario to cost the others against (cost per detection-day saved)");
  add_run_options(*compare, settings);

  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  validate->add_option("--set", settings.overrides, "Override a parameter")->type_name("KEY=VALUE");

  CLI::App* outputs = app.add_subcommand("outputs", "Describe every output dataset (docs/outputs.md)");
  outputs->add_flag("--markdown", markdown, "As Markdown (the default; kept for symmetry with params)");

  bool allow_incomplete = false;
  CLI::App* inspect = app.add_subcommand("inspect", "Check a result file and print its provenance and summary");
  inspect->add_option("file", scenario_path, "Result file (HDF5)")->required();
  inspect->add_flag("--allow-incomplete", allow_incomplete, "Accept a file whose run was stopped (complete=0)");

  CLI::App* params = app.add_subcommand("params", "List every parameter with its default, unit, meaning and source");
  params->add_flag("--markdown", markdown, "As the Markdown table of docs/parameters.md");

  cli::FactorialSettings factorial_settings;
  cli::add_factorial_command(app, factorial_settings, settings);
  cli::EnsembleSettings sweep_settings, region_settings, sensitivity_settings;
  cli::add_sweep_command(app, sweep_settings, settings);
  cli::add_region_command(app, region_settings, settings);
  cli::add_sensitivity_command(app, sensitivity_settings, settings);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*sweep_settings.command) return cli::command_sweep(sweep_settings, settings);
    if (*region_settings.command) return cli::command_region(region_settings, settings);
    if (*sensitivity_settings.command) return cli::command_sensitivity(sensitivity_settings, settings);
    if (*factorial_settings.command) return cli::command_factorial(factorial_settings, settings);
    if (*run) return command_run(scenario_path, output, settings);
    if (*compare) return command_compare(scenario_paths, output, baseline, settings);
    if (*validate) return command_validate(scenario_path, settings);
    if (*params) return command_params(markdown);
    if (*inspect) return command_inspect(scenario_path, allow_incomplete);
    if (*outputs) {
      std::cout << kyosei::output_dictionary_markdown();
      return 0;
    }
  } catch (const kyosei::ScenarioError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const kyosei::UsageError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const kyosei::ResourceError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const kyosei::OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 3;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory: the run needed more than the machine could give (the estimate "
                 "that KYOSEI_MEMORY_LIMIT bounds was too low for it)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
