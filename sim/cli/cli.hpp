#pragma once
// The command-line tool's pieces: options shared by the commands, running one scenario, and the
// side-by-side summary table.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kyosei/analysis/number_format.hpp"  // format_value, format_change: the tables' numbers
#include "kyosei/io/hdf5_output.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/run/simulation.hpp"

namespace CLI {
class App;
}

namespace kyosei::cli {

class Progress;

struct RunSettings {
  std::uint64_t seed = 0;
  bool seed_given = false;  // else the scenario's run.seed
  std::uint32_t replicate = 0;
  int threads = 0;
  bool threads_given = false;          // else, on resume, the checkpoint's
  std::vector<std::string> overrides;  // --set key.path=value
  bool force = false;
  bool json = false;
  bool all_metrics = false;                 // --all: every summary number, not only the headline ones
  bool profile = false;                     // run --profile: each phase's time and events on stderr
  std::string snapshot_days_text;           // run --snapshot-days, as given ("" for none)
  std::vector<std::int32_t> snapshot_days;  // the days it gives (snapshot_days())
};

// --seed, --replicate, --threads, --set, --force, --json (of run and compare).
void add_run_options(CLI::App& app, RunSettings& settings);
// --threads alone (resume: the rest is the checkpoint's).
void add_threads_option(CLI::App& app, RunSettings& settings);
// An old spelling of an option, kept for one release: sets the same value, with a warning on
// stderr that names the new spelling.
void add_deprecated_alias(CLI::App& app, const std::string& old_name, const std::string& new_name, int& value);

// run --snapshot-days D1,D2,... (snapshot_option.cpp). snapshot_days() reads the days and checks
// them against the scenario's horizon (UsageError naming the option: garbage, a day outside the
// recorded horizon, days out of order or given twice); snapshot_file_bytes() bounds what that many
// snapshots add to the result file, for the disk check before the run.
void add_snapshot_days_option(CLI::App& app, RunSettings& settings);
std::vector<std::int32_t> snapshot_days(const RunSettings& settings, const Scenario& scenario);
double snapshot_file_bytes(const Scenario& scenario, std::size_t snapshots);

// Checkpoints of a run (checkpoint.hpp): every `every_days` simulated days (0: never) and when a
// signal stops the run, the State is saved in `path`, noting `output`, the result file to write.
struct CheckpointPlan {
  std::int64_t every_days = 0;
  std::string path;
  std::string output;
};

// Loads a scenario file and applies the --set overrides (throws ScenarioError).
Scenario load_with_overrides(const std::string& path, const std::vector<std::string>& overrides);

struct Outcome {
  Results results;
  Provenance provenance;                       // complete: the run reached its horizon
  int signal = 0;                              // the signal (SIGINT, SIGTERM) that stopped it; 0 if none did
  std::int64_t days_done = 0, days_total = 0;  // burn-in included
  std::optional<PhaseProfile> profile;         // with RunSettings::profile
};

// Runs one scenario day by day to its horizon, advancing `progress` (progress.hpp) a day at a
// time when given. Stops at the end of the day on which SIGINT or SIGTERM arrived (see below).
Outcome run_scenario(const Scenario& scenario, const RunSettings& settings, const CheckpointPlan& checkpoints = {},
                     Progress* progress = nullptr);
// A large population takes seconds to build: says on `progress` that it is being built, or that
// it is (a line a batch log shows, and a state that tests wait for).
void announce_population(Progress* progress, const Scenario& scenario, bool built);
// The same for a run already under way (one restored from a checkpoint).
Outcome continue_run(Simulation& sim, const CheckpointPlan& checkpoints, Progress* progress = nullptr);
// A run as it stands: its results so far, complete if it reached its horizon; `signal` if one
// stopped it.
Outcome outcome_of(const Simulation& sim, int signal);
// The line announce_population writes ("" for a population small enough to build at once).
std::string population_note(const Scenario& scenario, bool built);

// The default checkpoint of a result file: "out.h5" gives "out.checkpoint.h5".
std::string checkpoint_path(const std::string& output);

// SIGINT and SIGTERM: the first sets a flag that run_scenario checks after every day; the handler
// is then reset, so a second signal ends the process at once (leaving no file but, at worst, a
// temporary one: "<name>.tmp-<pid>", or a comparison's "<name>.pending-<pid>").
// Async-signal-safe: the handler stores one lock-free atomic.
void install_interrupt_handlers();
int interrupt_signal();               // the first signal received, 0 if none
std::string signal_name(int signal);  // "SIGINT", "SIGTERM"
// While `at_once` is set, nothing computed would be lost: a signal ends the process at once, with
// a message and 128 + N, instead of at the end of a day (a population of millions takes seconds to
// build). Commands set it before their first run; run_scenario clears it once its population is
// built, so that from then on the runs stop at the end of a day and their results are saved.
void exit_at_once_on_signal(bool at_once);

// A run that an interrupted command had started: finished, or stopped at the end of a day.
struct StartedRun {
  const Outcome* outcome;    // null for a finished run whose results are already in `pending`
  std::string output;        // the file it was meant for ("" if none was asked for)
  std::string label;         // how the messages name it
  std::string pending = {};  // where a finished run of a comparison waits for its name
};
// After SIGINT or SIGTERM: saves each started run under incomplete_path(output), never under the
// requested name (the finished runs of a comparison too, moved from their pending files: the
// comparison is what is incomplete), says on stderr where the runs stopped and how many were never
// started, and returns 128 + the signal. The summary is not printed: it would look like a result.
int save_interrupted(const std::vector<StartedRun>& started, std::size_t not_started, bool force);

// Where the results of an interrupted command go instead of `path`: "out.h5" gives
// "out.incomplete.h5", so that nothing unfinished ever carries the requested name.
std::string incomplete_path(const std::string& path);

// The default result file of a scenario, "<name>.h5". Throws UsageError for a name that is not a
// plain file name ('/', '\\', "." or "..", or too long): results never land outside the directory
// they were meant for, whatever the scenario's name: key says.
std::string result_file_name(const std::string& scenario_name);

// The result file of replicate `replicate` of scenario `name` in `directory`, of `replicates`
// numbered from `first`: <name>.h5 for a single replicate, else <name>.r<replicate>.h5 with the
// numbers zero-padded to one width (so they sort). Refuses unsafe names (result_file_name).
std::string replicate_file(const std::string& directory, const std::string& name, std::uint32_t replicate,
                           std::uint32_t first, int replicates);
// Where a finished run of a command of several runs waits, whole, until every run has finished:
// "<output>.pending-<pid>", so that no file carries a requested name before the command is done.
std::string pending_path(const std::string& output);
// Writes a finished run to its pending file, or where save_elsewhere can (output_check.hpp), which
// then becomes its pending file (said on stderr): a finished run is never thrown away.
void keep_finished_run(std::string& pending, const Results& results, const Provenance& provenance);

// Refuses to overwrite an existing result without --force (before a rename).
void check_writable(const std::string& path, bool force);
// Writes a finished run's result file. When that fails at the end anyway (a full disk, a mount
// gone), saves it elsewhere (output_check.hpp) and says on stderr where; returns false then, and
// throws OutputError only when no place took it.
bool write_result_or_save_elsewhere(const std::string& path, const Outcome& outcome, bool force);
// Gives the result file `from` the name `to` (one rename: never half there), refusing to replace
// an existing `to` without --force (OutputError).
void move_result_file(const std::string& from, const std::string& to, bool force);
// Removes whichever of `paths` exist (a failed comparison's pending files).
void remove_files(const std::vector<std::string>& paths);

// The tables' numbers (number_format.hpp), as the tool's own.
using kyosei::format_change;
using kyosei::format_value;
// What a table adds to a metric's label for its unit: " (days)", or nothing (the names of the
// others say their unit: cost_yen_per_year, solitary_deaths_per_100k).
std::string unit_label(const std::string& unit);
// Rows of cells as text: columns padded to their widest cell, the first left-aligned.
std::string render_table(const std::vector<std::vector<std::string>>& cells);

// A table with one column per scenario, one row per headline metric (every summary number when
// `all`); with two scenarios, a difference column (second minus first).
std::string summary_table(const std::vector<std::string>& names, const std::vector<const Summary*>& summaries,
                          bool all = false);
// The names (metric_columns()) of the headline metrics, in the order the tables show them; the
// indices into metric_columns() that a table shows (every one when `all`), and the note under
// a headline table that says how to see the rest.
const std::vector<std::string>& headline_metrics();
std::vector<std::size_t> shown_metrics(bool all);
std::string all_metrics_note(bool all);
// "100,000 residents, horizon 3,650 days after a burn-in of 365 days": what a summary is of.
std::string population_and_horizon(const Scenario& scenario);
// The phases' times and events of a profiled run (kyosei run --profile).
std::string profile_table(const PhaseProfile& profile);

// Cost-effectiveness of each scenario against `baseline` (an index into `names`): extra cost,
// detection-days saved (restricted to 365 days) and more needs found within 365 days, per year of
// a horizon of `years`.
std::string cost_effectiveness_table(const std::vector<std::string>& names,
                                     const std::vector<const Summary*>& summaries, std::size_t baseline, double years);

}  // namespace kyosei::cli
