// kyosei: the command-line tool. The only place that turns errors into exit codes:
// 0 success, 1 internal error, 2 bad input (scenario, options, a run too big for the machine),
// 3 output refused or failed (also a result file or checkpoint that cannot be read), 128 + N
// stopped by signal N (130 SIGINT, 143 SIGTERM) after saving the results so far as
// <name>.incomplete.h5; 4 a calibration target missed under `validate-model --strict`.
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>
#include <optional>

#include "cli.hpp"
#include "compare_command.hpp"
#include "factorial_command.hpp"
#include "region_command.hpp"
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
#include "kyosei/version.hpp"

namespace cli = kyosei::cli;

namespace {

void add_checkpoint_option(CLI::App& app, cli::CheckpointPlan& c) {
  app.add_option("--checkpoint-every", c.every_days,
                 "Save the whole run state every DAYS simulated days (burn-in included) and when stopped by "
                 "SIGINT or SIGTERM, for `kyosei resume`")
      ->type_name("DAYS")->check(CLI::PositiveNumber);
}

// Writes a finished run's result file and prints its summary (run and resume).
int finish_run(const cli::Outcome& result, const std::string& out, const std::string& name, const cli::RunSettings& s) {
  if (result.signal != 0) return cli::save_interrupted({{&result, out, name}}, 0, s.force);
  kyosei::write_results_hdf5(out, result.results, result.provenance, s.force);
  for (const auto& [warning, count] : result.results.warnings)
    std::cerr << "kyosei: warning: " << warning << " counted " << count << " times (docs/ODD.md, \"Warnings\")\n";
  if (result.profile) std::cerr << cli::profile_table(*result.profile);
  if (s.json) {
    std::cout << kyosei::summary_to_json(result.results.summary, name) << '\n';
  } else {
    std::cout << cli::summary_table({name}, {&result.results.summary});
    std::cerr << "wrote " << out << '\n';
  }
  return 0;
}

int command_run(const std::string& path, const std::string& output, const cli::RunSettings& s,
                cli::CheckpointPlan checkpoints) {
  cli::install_interrupt_handlers();
  const kyosei::Scenario scenario = cli::load_with_overrides(path, s.overrides);
  const std::string out = output.empty() ? cli::result_file_name(scenario.name) : output;
  cli::check_writable(out, s.force);
  if (checkpoints.every_days > 0) {
    if (checkpoints.path.empty()) checkpoints.path = cli::checkpoint_path(out);
    cli::check_writable(checkpoints.path, s.force);
    checkpoints.output = out;
  }
  return finish_run(cli::run_scenario(scenario, s, checkpoints), out, scenario.name, s);
}

// Continues a checkpointed run; with --scenario, first checks that the file (with --set) is the
// scenario the checkpoint was saved with.
int command_resume(const std::string& checkpoint, const std::string& output, const std::string& scenario_path,
                   const cli::RunSettings& s, cli::CheckpointPlan checkpoints) {
  cli::install_interrupt_handlers();
  if (scenario_path.empty() && !s.overrides.empty())
    throw kyosei::UsageError("--set needs --scenario: a resumed run keeps the scenario it was saved with");
  kyosei::Resumed resumed = kyosei::read_checkpoint(checkpoint, s.threads_given ? std::optional<int>(s.threads) : std::nullopt);
  kyosei::Simulation& sim = *resumed.simulation;
  if (!scenario_path.empty())
    kyosei::check_same_scenario(sim.scenario(), cli::load_with_overrides(scenario_path, s.overrides), scenario_path);
  const std::string out = output.empty() ? resumed.output : output;
  cli::check_writable(out, s.force);
  std::cerr << "kyosei: resuming " << sim.scenario().name << " at day " << sim.days_done() << " of " << sim.days_total()
            << " from " << checkpoint << " (saved " << resumed.date << ")\n";
  checkpoints.path = checkpoint;
  checkpoints.output = out;
  return finish_run(cli::continue_run(sim, checkpoints), out, sim.scenario().name, s);
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
  bool markdown = false;

  CLI::App* run = app.add_subcommand("run", "Simulate one scenario, write its HDF5 result and print its summary");
  run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  run->add_option("-o,--output", output, "Result file (default: <scenario name>.h5)");
  cli::add_run_options(*run, settings);
  run->add_flag("--profile", settings.profile, "Print each phase's time and events per day on stderr after the run");
  cli::CheckpointPlan checkpoints;
  add_checkpoint_option(*run, checkpoints);
  run->add_option("--checkpoint", checkpoints.path, "Checkpoint file (default: <output>.checkpoint.h5)")
      ->needs("--checkpoint-every");

  std::string checkpoint_file;
  CLI::App* resume = app.add_subcommand("resume", "Continue a run from its checkpoint and write its HDF5 result");
  resume->add_option("checkpoint", checkpoint_file, "Checkpoint file (HDF5) from run --checkpoint-every")->required();
  resume->add_option("-o,--output", output, "Result file (default: the one the checkpointed run was to write)");
  resume->add_option("--scenario", scenario_path, "Check first that this scenario file is the one the run was saved with");
  resume->add_option("--set", settings.overrides, "Override a parameter of --scenario's file before the check")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
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
    if (*validate_model_settings.command) return cli::command_validate_model(validate_model_settings, settings);
    if (*run) return command_run(scenario_path, output, settings, checkpoints);
    if (*resume) return command_resume(checkpoint_file, output, scenario_path, settings, checkpoints);
    if (*compare_settings.command) return cli::command_compare(compare_settings, settings);
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
