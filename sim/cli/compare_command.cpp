// `kyosei compare A.yaml B.yaml ...`: several scenarios run with the same seed (common random
// numbers) and compared. With --replicates N >= 2, replicate r of every scenario shares the seed
// and the replicate number, and the comparison carries its uncertainty (compare_report.hpp).
#include "compare_command.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "compare_report.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/io/summary_json.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "progress.hpp"
#include "exit_codes.hpp"
#include "kyosei/io/output_check.hpp"

namespace kyosei::cli {
namespace {

namespace fs = std::filesystem;

// The runs of a comparison, replicate-major: run k is replicate first + k / S of scenario k % S.
struct Plan {
  std::vector<Scenario> scenarios;
  std::vector<std::string> names;
  std::uint32_t first_replicate = 0;
  int replicates = 1;
  std::size_t size() const { return scenarios.size() * static_cast<std::size_t>(replicates); }
  std::size_t scenario_of(std::size_t k) const { return k % scenarios.size(); }
  std::uint32_t replicate_of(std::size_t k) const {
    return first_replicate + static_cast<std::uint32_t>(k / scenarios.size());
  }
  std::string label(std::size_t k) const {
    return names[scenario_of(k)] + (replicates > 1 ? " replicate " + std::to_string(replicate_of(k)) : "");
  }
};

// The result file of run k in `directory` (replicate_file).
std::string output_of(const Plan& plan, const std::string& directory, std::size_t k) {
  return replicate_file(directory, plan.names[plan.scenario_of(k)], plan.replicate_of(k), plan.first_replicate,
                        plan.replicates);
}

// How many runs fit in memory at once: each run alone passed the guard (Simulation checks it),
// but `jobs` of them run side by side, so their conservative estimates (resource_guard.hpp) must
// fit the budget together. Says so when it lowers the number.
int jobs_that_fit(const Plan& plan, int jobs) {
  const MemoryBudget budget = available_memory();
  if (budget.bytes == 0 || jobs <= 1) return jobs;
  double largest = 0;
  for (const Scenario& scenario : plan.scenarios) largest = std::max(largest, estimate_resources(scenario).bytes);
  const int fit = std::max(1, static_cast<int>(static_cast<double>(budget.bytes) / largest));
  if (fit >= jobs) return jobs;
  std::fprintf(stderr,
               "kyosei: %d runs at once instead of %d: each may need up to %s of memory and %s is available (%s)\n",
               fit, jobs, format_bytes(largest).c_str(), format_bytes(static_cast<double>(budget.bytes)).c_str(),
               budget.source.c_str());
  return fit;
}

// The runs of a comparison as they ended: a finished run is kept as its digest (its file, if
// any, written), a run stopped by a signal whole, to be saved as incomplete. A run never started
// has neither.
struct Runs {
  std::vector<std::optional<RunDigest>> finished;
  std::vector<std::optional<Outcome>> stopped;
  bool complete() const {
    return std::all_of(finished.begin(), finished.end(), [](const auto& f) { return f.has_value(); });
  }
};

// Runs every run of the plan, `jobs` at a time on threads, each into its own slot: the results
// are the same whatever the number of jobs. A finished run's results are written to pending[k]
// (when files were asked for) and dropped from memory. After a signal, the runs under way stop at
// the end of their day and no more start. The first error is rethrown once every thread has
// stopped.
Runs run_all(const Plan& plan, const RunSettings& settings, int jobs, std::vector<std::string>& pending) {
  Runs runs{std::vector<std::optional<RunDigest>>(plan.size()), std::vector<std::optional<Outcome>>(plan.size())};
  const auto cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = jobs_that_fit(plan, std::min<int>(jobs > 0 ? jobs : cores, static_cast<int>(plan.size())));
  RunSettings each = settings;
  if (jobs > 1 && each.threads == 0) each.threads = std::max(1, cores / jobs);  // share the cores
  long long days = 0;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    const Scenario& scenario = plan.scenarios[plan.scenario_of(k)];
    days += scenario.run.burn_in_days + scenario.run.horizon_days;
  }
  Progress progress("compare: " + std::to_string(plan.size()) + " runs", "days", days);
  exit_at_once_on_signal(true);  // until the first population is built
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr error;
  const auto work = [&] {
    while (!failed && interrupt_signal() == 0) {
      const std::size_t k = next++;
      if (k >= plan.size()) return;
      RunSettings one = each;
      one.replicate = plan.replicate_of(k);
      try {
        Outcome outcome = run_scenario(plan.scenarios[plan.scenario_of(k)], one, {}, &progress);
        if (outcome.signal != 0) {
          runs.stopped[k] = std::move(outcome);
          continue;  // the loop ends: the signal is set
        }
        if (!pending.empty()) keep_finished_run(pending[k], outcome.results, outcome.provenance);
        runs.finished[k] = digest_of(outcome.results, outcome.provenance.seed, plan.replicates > 1);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
    }
  };
  if (jobs == 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (int t = 0; t < jobs; ++t) threads.emplace_back(work);
    for (std::thread& thread : threads) thread.join();
  }
  progress.finish();
  exit_at_once_on_signal(false);
  if (error) std::rethrow_exception(error);
  return runs;
}

// Today's comparison of one replicate: the summaries side by side (and costs against --baseline).
void print_single(const Plan& plan, const std::vector<std::optional<RunDigest>>& runs, const std::string& baseline,
                  std::size_t base, bool json, bool all) {
  if (json) {
    std::cout << "[";
    for (std::size_t i = 0; i < runs.size(); ++i)
      std::cout << (i ? ",\n" : "\n") << summary_to_json(runs[i]->summary, plan.names[i]);
    std::cout << "\n]\n";
    return;
  }
  std::vector<const Summary*> summaries;
  for (const auto& r : runs) summaries.push_back(&r->summary);
  std::cout << "seed " << runs.front()->seed << ", " << population_and_horizon(plan.scenarios.front()) << "\n\n"
            << summary_table(plan.names, summaries, all);
  if (!baseline.empty())
    std::cout << '\n'
              << cost_effectiveness_table(plan.names, summaries, base,
                                          static_cast<double>(plan.scenarios.front().run.horizon_days) / 365.25);
}

// The replicated comparison: bands, paired differences, detection time; costs of the replicate
// means against --baseline.
Uncertainty print_replicated(const Plan& plan, const std::vector<std::optional<RunDigest>>& finished,
                             const std::string& baseline, std::size_t base, bool json, bool all) {
  ReplicatedRuns runs{plan.names, std::vector<std::vector<const RunDigest*>>(plan.scenarios.size()), base,
                      finished.front()->seed, plan.first_replicate};
  for (std::size_t k = 0; k < finished.size(); ++k) runs.runs[plan.scenario_of(k)].push_back(&*finished[k]);
  const Uncertainty u = compute_uncertainty(runs);
  if (json) {
    std::cout << uncertainty_json(u);
    return u;
  }
  std::cout << "seed " << u.seed << ", replicates " << plan.first_replicate << "-" << plan.replicate_of(plan.size() - 1)
            << " (common random numbers: replicate r of every scenario has the same seed and replicate number), "
            << population_and_horizon(plan.scenarios.front()) << "\n\n"
            << uncertainty_tables(u, all);
  if (!baseline.empty()) {
    std::vector<Summary> means;
    for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
      std::vector<double> mean(metric_columns().size(), 0.0);
      for (const RunDigest* r : runs.runs[s]) {
        const std::vector<double> values = flatten_summary(r->summary);
        for (std::size_t m = 0; m < mean.size(); ++m) mean[m] += values[m] / static_cast<double>(plan.replicates);
      }
      means.push_back(unflatten_summary(mean));
    }
    std::vector<const Summary*> summaries;
    for (const Summary& m : means) summaries.push_back(&m);
    std::cout << "\nCosts of the means over " << plan.replicates << " replicates\n"
              << cost_effectiveness_table(plan.names, summaries, base,
                                          static_cast<double>(plan.scenarios.front().run.horizon_days) / 365.25);
  }
  return u;
}

}  // namespace

void add_compare_command(CLI::App& app, CompareSettings& c, RunSettings& s) {
  CLI::App* cmd =
      app.add_subcommand("compare", "Simulate several scenarios with the same seed and compare their summaries");
  c.command = cmd;
  cmd->add_option("scenarios", c.scenarios, "Scenario files (YAML)")->required()->expected(1, -1);
  cmd->add_option("-o,--output-dir", c.directory,
                  "Directory for the result files (<name>.h5 each, <name>.r<k>.h5 with replicates) and, with "
                  "replicates, the uncertainty tables (uncertainty_*.csv); none written if omitted");
  cmd->add_option("--baseline", c.baseline,
                  "Name of the scenario to compare the others with (default: the first) and to cost them against "
                  "(cost per detection-day saved; only when given)");
  cmd->add_option("--replicates", c.replicates,
                  "Replicates per scenario, numbered from --replicate: replicate r of every scenario shares the seed "
                  "and replicate number; with 2 or more, medians with 10-90% bands, paired differences with 95% "
                  "bootstrap CIs, restricted mean detection times and log-rank tests")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--jobs", c.jobs, "Runs at once on threads (0: one per core); the results do not depend on it")
      ->check(CLI::NonNegativeNumber);
  add_run_options(*cmd, s);
}

int command_compare(const CompareSettings& c, const RunSettings& s) {
  install_interrupt_handlers();
  Plan plan;
  for (const auto& path : c.scenarios) plan.scenarios.push_back(load_with_overrides(path, s.overrides));
  for (const auto& scenario : plan.scenarios) plan.names.push_back(scenario.name);
  plan.first_replicate = s.replicate;
  plan.replicates = c.replicates;
  for (std::size_t i = 0; i < plan.names.size(); ++i)
    for (std::size_t j = i + 1; j < plan.names.size(); ++j)
      if (plan.names[i] == plan.names[j])
        throw UsageError("two scenarios are named '" + plan.names[i] + "': give each file a distinct name: key");
  const auto base = std::find(plan.names.begin(), plan.names.end(), c.baseline);
  if (!c.baseline.empty() && base == plan.names.end())
    throw UsageError("--baseline '" + c.baseline + "' names none of the scenarios compared");
  const auto baseline = c.baseline.empty() ? std::size_t{0} : static_cast<std::size_t>(base - plan.names.begin());

  // One plain file name each (result_file_name refuses '/' and ".."): never outside the directory.
  std::vector<std::string> outputs, tables;
  if (!c.directory.empty()) {
    for (std::size_t k = 0; k < plan.size(); ++k) outputs.push_back(output_of(plan, c.directory, k));
    if (plan.replicates > 1)
      for (const std::string& name : uncertainty_csv_names()) tables.push_back((fs::path(c.directory) / name).string());
  }
  if (!c.directory.empty()) {
    double bytes = 0;
    for (std::size_t k = 0; k < plan.size(); ++k)
      bytes += estimate_resources(plan.scenarios[plan.scenario_of(k)]).file_bytes;
    check_output_directory(c.directory, bytes);
  }
  for (const auto& out : outputs) check_output_path(out, 0, s.force);
  for (const auto& out : tables) check_output_path(out, 0, s.force);

  // Each run's file is written as the run finishes, under a pending name, and takes its name once
  // every run has finished: an interrupted comparison leaves none under the requested names.
  std::vector<std::string> pending;
  for (const std::string& out : outputs) pending.push_back(pending_path(out));
  Runs runs;
  try {
    runs = run_all(plan, s, c.jobs, pending);
  } catch (...) {
    remove_files(pending);
    throw;
  }
  if (!runs.complete()) {
    std::vector<StartedRun> started;
    for (std::size_t k = 0; k < plan.size(); ++k) {
      const std::string output = outputs.empty() ? "" : outputs[k];
      if (runs.finished[k]) started.push_back({nullptr, output, plan.label(k), outputs.empty() ? "" : pending[k]});
      if (runs.stopped[k]) started.push_back({&*runs.stopped[k], output, plan.label(k), ""});
    }
    return save_interrupted(started, plan.size() - started.size(), s.force);
  }
  // All or none take their names. When they cannot (a mount gone), the finished runs stay whole
  // under their pending names, and the summary is printed all the same.
  bool named = true;
  try {
    for (const std::string& out : outputs) check_writable(out, s.force);
    for (std::size_t k = 0; k < outputs.size(); ++k) move_result_file(pending[k], outputs[k], s.force);
  } catch (const OutputError& e) {
    named = false;
    std::cerr << "kyosei: error: " << e.what() << '\n';
    for (std::size_t k = 0; k < outputs.size(); ++k)
      if (fs::exists(pending[k])) std::cerr << "kyosei: " << plan.label(k) << " is kept in " << pending[k] << '\n';
  }
  if (plan.replicates == 1) {
    print_single(plan, runs.finished, c.baseline, baseline, s.json, s.all_metrics);
  } else {
    const Uncertainty u = print_replicated(plan, runs.finished, c.baseline, baseline, s.json, s.all_metrics);
    if (!tables.empty()) {
      const std::vector<CsvFile> files = uncertainty_csv(u);
      for (const CsvFile& file : files) write_text_file(fs::path(c.directory) / file.name, file.text);
    }
  }
  if (!named) return kOutputFailed;
  if (!s.json) {
    for (const auto& out : outputs) std::cerr << "wrote " << out << '\n';
    for (const auto& out : tables) std::cerr << "wrote " << out << '\n';
  }
  return kSuccess;
}

}  // namespace kyosei::cli
