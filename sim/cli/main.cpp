// kyosei: the command-line tool. The only place that turns errors into exit codes (exit_codes.hpp,
// the README's table).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <new>
#include <optional>

#include "cli.hpp"
#include "compare_command.hpp"
#include "exit_codes.hpp"
#include "factorial_command.hpp"
#include "progress.hpp"
#include "region_command.hpp"
#include "report_command.hpp"
#include "state_layout_command.hpp"
#include "sensitivity_command.hpp"
#include "sweep_command.hpp"
#include "validate_model_command.hpp"
#include "kyosei/io/checkpoint.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_reader.hpp"
#include "kyosei/docs/output_docs.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/io/summary_json.hpp"
#include "kyosei/io/output_check.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "kyosei/version.hpp"

namespace cli = kyosei::cli;

namespace {

void add_checkpoint_option(CLI::App& app, cli::CheckpointPlan& c) {
  app.add_option("--checkpoint-every", c.every_days,
                 "Save the whole run state every DAYS simulated days (burn-in included) and when stopped by "
                 "SIGINT or SIGTERM, for `kyosei resume`")
      ->type_name("DAYS")
      ->check(CLI::PositiveNumber);
}

// Writes a finished run's result file and prints its summary (run and resume). When the file
// cannot be written, the results are saved elsewhere and the summary is printed all the same.
int finish_run(const cli::Outcome& result, const std::string& out, const kyosei::Scenario& scenario,
               const cli::RunSettings& s) {
  const std::string& name = scenario.name;
  if (result.signal != 0) return cli::save_interrupted({{&result, out, name}}, 0, s.force);
  bool written = false;
  std::exception_ptr unsaved;
  try {
    written = cli::write_result_or_save_elsewhere(out, result, s.force);
  } catch (const kyosei::OutputError&) {
    unsaved = std::current_exception();
  }
  for (const auto& [warning, count] : result.results.warnings)
    std::cerr << "kyosei: warning: " << warning << " counted " << count << " times (docs/ODD.md, \"Warnings\")\n";
  if (result.profile) std::cerr << cli::profile_table(*result.profile);
  if (s.json)
    std::cout << kyosei::summary_to_json(result.results.summary, name) << '\n';
  else
    std::cout << cli::population_and_horizon(scenario) << "\n\n"
              << cli::summary_table({name}, {&result.results.summary}, s.all_metrics);
  if (written && !s.json) std::cerr << "wrote " << out << '\n';
  if (unsaved) return cli::report_error(unsaved);
  return written ? cli::kSuccess : cli::kOutputFailed;
}

// The estimated size of a scenario's result file and its checkpoints, for the checks before the work.
double file_bytes(const kyosei::Scenario& scenario) { return kyosei::estimate_resources(scenario).file_bytes; }
double checkpoint_bytes(const kyosei::Scenario& scenario) { return kyosei::estimate_resources(scenario).bytes; }

int command_run(const std::string& path, const std::string& output, cli::RunSettings s,
                cli::CheckpointPlan checkpoints) {
  cli::install_interrupt_handlers();
  const kyosei::Scenario scenario = cli::load_with_overrides(path, s.overrides);
  s.snapshot_days = cli::snapshot_days(s, scenario);
  const std::string out = output.empty() ? cli::result_file_name(scenario.name) : output;
  kyosei::check_output_path(out, file_bytes(scenario) + cli::snapshot_file_bytes(scenario, s.snapshot_days.size()),
                            s.force);
  if (checkpoints.every_days > 0) {
    if (checkpoints.path.empty()) checkpoints.path = cli::checkpoint_path(out);
    kyosei::check_output_path(checkpoints.path, checkpoint_bytes(scenario), s.force);
    checkpoints.output = out;
  }
  cli::Progress progress(scenario.name, "days", scenario.run.burn_in_days + scenario.run.horizon_days);
  cli::exit_at_once_on_signal(true);
  const cli::Outcome outcome = cli::run_scenario(scenario, s, checkpoints, &progress);
  progress.finish();
  return finish_run(outcome, out, scenario, s);
}

// Continues a checkpointed run; with --scenario, first checks that the file (with --set) is the
// scenario the checkpoint was saved with.
int command_resume(const std::string& checkpoint, const std::string& output, const std::string& scenario_path,
                   const cli::RunSettings& s, cli::CheckpointPlan checkpoints) {
  cli::install_interrupt_handlers();
  if (scenario_path.empty() && !s.overrides.empty())
    throw kyosei::UsageError("--set needs --scenario: a resumed run keeps the scenario it was saved with");
  kyosei::Resumed resumed =
      kyosei::read_checkpoint(checkpoint, s.threads_given ? std::optional<int>(s.threads) : std::nullopt);
  kyosei::Simulation& sim = *resumed.simulation;
  if (!scenario_path.empty())
    kyosei::check_same_scenario(sim.scenario(), cli::load_with_overrides(scenario_path, s.overrides), scenario_path);
  const std::string out = output.empty() ? resumed.output : output;
  kyosei::check_output_path(
      out, file_bytes(sim.scenario()) + cli::snapshot_file_bytes(sim.scenario(), sim.options().snapshot_days.size()),
      s.force);
  if (checkpoints.every_days > 0) kyosei::check_output_path(checkpoint, checkpoint_bytes(sim.scenario()), true);
  std::cerr << "kyosei: resuming " << sim.scenario().name << " at day " << sim.days_done() << " of " << sim.days_total()
            << " from " << checkpoint << " (saved " << resumed.date << ")\n";
  checkpoints.path = checkpoint;
  checkpoints.output = out;
  cli::Progress progress(sim.scenario().name, "days", sim.days_total(), sim.days_done());
  const cli::Outcome outcome = cli::continue_run(sim, checkpoints, &progress);
  progress.finish();
  return finish_run(outcome, out, sim.scenario(), s);
}

// Reports every problem of the file, not only the first; then the overrides' (on a valid file).
int command_validate(const std::string& path, const cli::RunSettings& s) {
  const std::vector<kyosei::ScenarioError> problems = kyosei::scenario_file_problems(path);
  for (const kyosei::ScenarioError& problem : problems) std::cerr << "error: " << problem.what() << '\n';
  if (problems.size() > 1) std::cerr << path << ": " << problems.size() << " problems\n";
  if (!problems.empty()) return cli::kBadInput;
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
    std::cout << spec.path << " = " << kyosei::format_parameter_value(spec, spec.default_value) << " [" << spec.unit
              << "]\n    " << spec.meaning << "\n    source: " << spec.source << '\n';
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
  for (const auto& [name, value] : h.summary) {
    const auto& columns = kyosei::metric_columns();
    const auto column = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
    std::cout << "  " << name;
    if (column == columns.end())
      std::cout << " = " << value << '\n';  // a number of another kyosei version
    else
      std::cout << cli::unit_label(column->unit) << " = " << cli::format_value(value, column->unit) << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kyosei: a simulator of a community safety net (共生)"};
  app.set_version_flag("--version", std::string("kyosei ") + kyosei::kVersion);
  app.require_subcommand(1);

  cli::RunSettings settings;
  std::string scenario_path, output;
  bool markdown = false;

  CLI::App* run = app.add_subcommand("run", "Simulate one scenario, write its HDF5 result and print its summary");
  run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  run->add_option("-o,--output", output, "Result file (default: <scenario name>.h5)");
  cli::add_run_options(*run, settings);
  run->add_flag("--profile", settings.profile, "Print each phase's time and events per day on stderr after the run");
  cli::add_snapshot_days_option(*run, settings);
  cli::CheckpointPlan checkpoints;
  add_checkpoint_option(*run, checkpoints);
  run->add_option("--checkpoint", checkpoints.path, "Checkpoint file (default: <output>.checkpoint.h5)")
      ->needs("--checkpoint-every");

  std::string checkpoint_file;
  CLI::App* resume = app.add_subcommand("resume", "Continue a run from its checkpoint and write its HDF5 result");
  resume->add_option("checkpoint", checkpoint_file, "Checkpoint file (HDF5) from run --checkpoint-every")->required();
  resume->add_option("-o,--output", output, "Result file (default: the one the checkpointed run was to write)");
  resume->add_option("--scenario", scenario_path,
                     "Check first that this scenario file is the one the run was saved with");
  resume->add_option("--set", settings.overrides, "Override a parameter of --scenario's file before the check")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cli::add_threads_option(*resume, settings);
  resume->add_flag("--force", settings.force, "Overwrite an existing result file");
  resume->add_flag("--json", settings.json, "Print the summary as JSON on stdout instead of a table");
  add_checkpoint_option(*resume, checkpoints);

  cli::CompareSettings compare_settings;
  cli::add_compare_command(app, compare_settings, settings);

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
  cli::ValidateModelSettings validate_model_settings;
  cli::add_validate_model_command(app, validate_model_settings, settings);
  cli::add_sensitivity_command(app, sensitivity_settings, settings);
  cli::ReportSettings report_settings;
  cli::add_report_command(app, report_settings);
  cli::StateLayoutSettings state_layout_settings;
  cli::add_state_layout_command(app, state_layout_settings);

  if (cli::refuse_unknown_command(app, argc, argv)) return cli::kBadInput;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kSuccess : cli::kBadInput;
  }
  const auto dispatch = [&]() -> int {
    try {
      if (*sweep_settings.command) return cli::command_sweep(sweep_settings, settings);
      if (*region_settings.command) return cli::command_region(region_settings, settings);
      if (*sensitivity_settings.command) return cli::command_sensitivity(sensitivity_settings, settings);
      if (*factorial_settings.command) return cli::command_factorial(factorial_settings, settings);
      if (*validate_model_settings.command) return cli::command_validate_model(validate_model_settings, settings);
      if (*report_settings.command) return cli::command_report(report_settings);
      if (*state_layout_settings.command) return cli::command_state_layout(state_layout_settings);
      if (*run) return command_run(scenario_path, output, settings, checkpoints);
      if (*resume) return command_resume(checkpoint_file, output, scenario_path, settings, checkpoints);
      if (*compare_settings.command) return cli::command_compare(compare_settings, settings);
      if (*validate) return command_validate(scenario_path, settings);
      if (*params) return command_params(markdown);
      if (*inspect) return command_inspect(scenario_path, allow_incomplete);
      if (*outputs) std::cout << kyosei::output_dictionary_markdown();
      return cli::kSuccess;
    } catch (...) {
      return cli::report_error(std::current_exception());
    }
  };
  return cli::exit_with(dispatch());
}
