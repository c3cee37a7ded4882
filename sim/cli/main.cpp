// kyosei: the command-line tool. The only place that turns errors into exit codes:
// 0 success, 1 internal error, 2 bad input (scenario, options), 3 output refused or failed.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "kyosei/errors.hpp"
#include "kyosei/output_docs.hpp"
#include "kyosei/params.hpp"
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

int command_run(const std::string& path, const std::string& output, const cli::RunSettings& s) {
  const kyosei::Scenario scenario = cli::load_with_overrides(path, s.overrides);
  const std::string out = output.empty() ? scenario.name + ".h5" : output;
  cli::check_writable(out, s.force);
  const cli::Outcome result = cli::run_scenario(scenario, s);
  kyosei::write_results_hdf5(out, result.results, result.provenance, s.force);
  if (s.json) {
    std::cout << kyosei::summary_to_json(result.results.summary, scenario.name) << '\n';
  } else {
    std::cout << cli::summary_table({scenario.name}, {&result.results.summary});
    std::cerr << "wrote " << out << '\n';
  }
  return 0;
}

int command_compare(const std::vector<std::string>& paths, const std::string& directory, const cli::RunSettings& s) {
  std::vector<kyosei::Scenario> scenarios;
  for (const auto& path : paths) scenarios.push_back(cli::load_with_overrides(path, s.overrides));
  std::vector<std::string> names, outputs;
  for (const auto& scenario : scenarios) {
    names.push_back(scenario.name);
    if (!directory.empty()) outputs.push_back((std::filesystem::path(directory) / (scenario.name + ".h5")).string());
  }
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (names[i] == names[j])
        throw kyosei::UsageError("two scenarios are named '" + names[i] + "': give each file a distinct name: key");
  for (const auto& out : outputs) cli::check_writable(out, s.force);
  if (!directory.empty()) std::filesystem::create_directories(directory);
  // The same seed for every scenario: common random numbers make the differences sharper.
  std::vector<cli::Outcome> results;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    results.push_back(cli::run_scenario(scenarios[i], s));
    if (!outputs.empty()) kyosei::write_results_hdf5(outputs[i], results.back().results, results.back().provenance, s.force);
  }
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
  add_run_options(*compare, settings);

  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  validate->add_option("--set", settings.overrides, "Override a parameter")->type_name("KEY=VALUE");

  CLI::App* outputs = app.add_subcommand("outputs", "Describe every output dataset (docs/outputs.md)");
  outputs->add_flag("--markdown", markdown, "As Markdown (the default; kept for symmetry with params)");

  CLI::App* params = app.add_subcommand("params", "List every parameter with its default, unit, meaning and source");
  params->add_flag("--markdown", markdown, "As the Markdown table of docs/parameters.md");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*run) return command_run(scenario_path, output, settings);
    if (*compare) return command_compare(scenario_paths, output, settings);
    if (*validate) return command_validate(scenario_path, settings);
    if (*params) return command_params(markdown);
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
  } catch (const kyosei::OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
