// `kyosei sensitivity`: a sensitivity file to a run plan, run as a sweep is, and its rankings.
#include "sensitivity_command.hpp"

#include <filesystem>
#include <iostream>

#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei::cli {

void add_sensitivity_command(CLI::App& app, EnsembleSettings& s, RunSettings& run) {
  add_plan_command(app, "sensitivity",
                   "Rank parameters by their influence on the outputs (Morris elementary effects or a Latin hypercube "
                   "with PRCC), run like a sweep into a directory",
                   "Sensitivity file (YAML; see scenarios/sensitivity/)", s, run);
}

int command_sensitivity(const EnsembleSettings& s, const RunSettings& run) {
  const SensitivityStudy study = load_sensitivity(s.file);
  return run_plan_command(study.plan, s, run, [&](const EnsembleReport& report) {
    std::cout << write_sensitivity(study, report.records, s.output);
    std::cerr << "wrote " << (std::filesystem::path(s.output) / "sensitivity.csv").string() << '\n';
  });
}

}  // namespace kyosei::cli
