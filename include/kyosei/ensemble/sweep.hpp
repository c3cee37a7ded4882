#pragma once
// Ensembles as run plans. A sweep file (or a region file, region.hpp)
// expands to a RunPlan: a list of runs, each a scenario variant, a replicate and a seed. The
// serial, threaded and MPI executors take the same list, largest run first. Each finished run is
// written to DIR/runs/<run id>.h5 and recorded, with its summary, in DIR/manifest.csv, so that an
// ensemble killed at any point and started again runs only what is missing; the tidy summary
// table (DIR/summary.csv and DIR/summary.h5) is made from the manifest in plan order and is the
// same byte for byte whatever the executor, the number of threads or ranks, or the interruptions.
// Each run's resource use (wall time, peak memory, threads, worker) is in DIR/resources.csv.
//
// A sweep file (YAML; paths relative to the file):
//
//   name: sweep_outreach
//   base: lever_outreach.yaml         # the scenario every variant starts from (required)
//   set: {population.residents: 20000} # fixed overrides of every variant (optional)
//   vary:                              # the variants: the product of the sections present
//     grid:                            # every combination; the last key varies fastest
//       outreach.workers: [0, 2, 4]                        # a list
//       participation.slots: {from: 0, to: 40, step: 20}   # a range, both ends included
//     variants:                        # explicit variants: mappings of parameters (and a name)
//       - {name: small_team, outreach.workers: 1}
//     latin_hypercube:                 # n samples, one per stratum of every parameter
//       samples: 20
//       seed: 7
//       parameters:
//         outreach.visits_per_worker_day: {min: 2, max: 8}
//         outreach.targeting: [random, risk, lists]
//   replicates: 3                      # runs per variant (default 1)
//   seed: 2024                         # the sweep seed (default 1)
//   seeds: common                      # common (default) or independent
//
// The sections of `vary` are crossed in the order written, the first varying slowest, and the
// variants numbered from 0 in that order; a parameter an explicit variant does not give keeps the
// base's value; range values are from + k x step rounded to 12 significant digits. Run ids are
// "v<variant>[-<name>]_r<replicate>" (v0003_r01, v0001-small_team_r00). Without `vary` the base
// scenario alone is replicated. Keys are parameters of the table (params.hpp); run.seed is
// refused, and a parameter is either fixed (set) or varied, in one section.
//
// Seeds: with `common` (common random numbers, the default) replicate r of every variant runs
// with seed derive_seed(seed, 0, r) and replicate number r, so the variants of a replicate share
// their population and life events and their differences are not noise. With `independent`,
// variant v uses derive_seed(seed, v + 1, r). Any run is reproduced by
// `kyosei run BASE --seed <seed> --replicate <replicate> --set ...` with the values of its row.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"

namespace kyosei {

enum class SeedMode { common, independent };

// splitmix64's finaliser: a bijective mix of 64 bits.
std::uint64_t splitmix64(std::uint64_t x);

// The seed of replicate `replicate` in stream `stream` (0: shared by all variants).
std::uint64_t derive_seed(std::uint64_t sweep_seed, std::uint64_t stream, std::uint64_t replicate);

// A column that describes the runs of a plan (the varied parameters, a municipality's name, ...).
struct PlanColumn {
  std::string name;
  bool text = false;  // text cells (a choice parameter, a name); numbers otherwise
  std::string unit;
  std::string meaning;
};

struct PlanCell {
  double number = 0;  // NaN: empty
  std::string text;
};

// One scenario of the plan with its cells, one per plan column.
struct Variant {
  Scenario scenario;
  std::vector<PlanCell> cells;
};

struct PlannedRun {
  std::string id;  // plain file name: [A-Za-z0-9_-], unique within the plan
  std::size_t variant = 0;
  std::uint32_t replicate = 0;
  std::uint64_t seed = 0;
  std::uint64_t fingerprint = 0;  // of everything that decides the run's results (and kyosei's version)
  double cost = 0;                // residents x days (burn-in included): the executors' order
};

struct RunPlan {
  std::string kind = "sweep";  // "sweep" or "region"
  std::string name;
  std::string source_path;
  std::string source_text;
  std::uint64_t seed = 1;
  SeedMode seeds = SeedMode::common;
  int replicates = 1;
  std::vector<PlanColumn> columns;
  std::vector<Variant> variants;
  std::vector<PlannedRun> runs;    // variant-major: run v * replicates + r
  std::vector<std::string> notes;  // things the user should know (printed by the CLI)
};

// Reads a sweep file and expands it. Throws ScenarioError "file:line:col: key: problem" for a bad
// sweep file (unknown keys with a "did you mean", parameters that do not exist, values out of
// range, ...) and for a bad base scenario.
RunPlan load_sweep(const std::string& path);
RunPlan parse_sweep(std::string_view text, const std::string& path);

// Fills in the runs of a plan whose variants are set: ids ("<prefix><variant>_r<replicate>"),
// seeds (`stream_of_variant(v)` is the seed stream of variant v), fingerprints and costs.
void add_runs(RunPlan& plan, const std::string& id_prefix, const std::vector<std::string>& id_suffixes,
              const std::function<std::uint64_t(std::size_t)>& stream_of_variant);

// Run indices, largest (residents x days) first, ties in plan order.
std::vector<std::size_t> largest_first(const RunPlan& plan);

// A name made safe for a file name: bytes outside [A-Za-z0-9_-] become '_' (dots and slashes too),
// at most `max` bytes; "" if nothing is left but underscores.
std::string sanitize_name(std::string_view name, std::size_t max = 40);

// ---- the summary metrics --------------------------------------------------------------------

struct MetricColumn {
  std::string name;  // "overall.median_days", "by_field.gap.within_365", "share_bounced", ...
  std::string unit;
  std::string meaning;
};

// Every Summary number (KYOSEI_DETECTION_FIELDS of each group, then KYOSEI_SUMMARY_SCALARS).
const std::vector<MetricColumn>& metric_columns();
std::vector<double> flatten_summary(const Summary& summary);
Summary unflatten_summary(std::span<const double> values);

// ---- execution ------------------------------------------------------------------------------

struct RunRecord {
  std::size_t run = 0;          // index into plan.runs
  std::vector<double> metrics;  // flatten_summary of the run
  double wall_s = 0;
  int worker = 0;              // thread or rank that ran it
  double peak_memory_mib = 0;  // peak_memory_mib() when it finished (see ensemble_directory.cpp)
  int threads = 1;             // OpenMP threads of the run
};

// The process's peak resident memory in MiB (VmHWM of /proc/self/status; getrusage's ru_maxrss
// where that is missing), and its reset (Linux's /proc/self/clear_refs), so that a process that
// runs one run at a time reports each run's own peak.
double peak_memory_mib();
void reset_peak_memory();

// Called with a run's index before its population is built (built = false) and after (true).
using BuildingHook = std::function<void(std::size_t run, bool built)>;

// Simulates one run of the plan and writes DIR/runs/<id>.h5 (replacing a stale file of an
// unfinished attempt). Returns nothing if `stop` returned true before the run finished (checked
// while the population is built, RunOptions::stop, and after every simulated day); nothing is
// written then.
std::optional<RunRecord> execute_run(const RunPlan& plan, std::size_t run, const std::string& run_dir, int run_threads,
                                     const std::function<bool()>& stop, const BuildingHook& building = {});

struct ExecuteOptions {
  int run_threads = 1;         // OpenMP threads inside each run
  std::function<bool()> stop;  // true: start no more runs and abandon those under way
  BuildingHook building;       // optional, from the thread that runs the run
};

// Runs `pending` (run indices, in the order to start them) and calls `record` once for each
// finished run, always from the calling thread. Throws the first run's error after the runs
// under way have finished.
class Executor {
public:
  virtual ~Executor() = default;
  virtual std::string describe() const = 0;
  virtual void execute(const RunPlan& plan, const std::vector<std::size_t>& pending, const std::string& run_dir,
                       const ExecuteOptions& options, const std::function<void(RunRecord&&)>& record) = 0;
};

// `jobs` runs at once on threads of this process (0: one per core); 1 is the serial executor.
std::unique_ptr<Executor> thread_executor(int jobs);

// ---- an ensemble's output directory -------------------------------------------------------

struct EnsembleOptions {
  std::string directory;
  bool force = false;  // start over: remove the manifest, summaries and run files of DIR
  int shard = 0;       // with shards > 1: run only the runs at positions shard, shard + shards, ...
  int shards = 1;      //   of the largest-first order, record them in manifest.shard-<k>.csv and
                       //   write no summary (a final run without --shard writes it)
  ExecuteOptions execute;
  std::function<void(std::size_t done, std::size_t total, const RunRecord&)> progress;
};

struct EnsembleReport {
  std::size_t runs = 0;              // in the plan
  std::size_t previously = 0;        // finished before this call
  std::size_t finished = 0;          // by this call
  std::size_t done = 0;              // finished runs of the plan after this call, in every manifest
  bool complete = false;             // every run finished and the summaries written (never with shards)
  std::vector<std::string> written;  // summary files
  std::vector<RunRecord> records;    // when complete: every run's, in plan order
  double wall_s = 0;
};

// Prepares DIR (refusing, with OutputError, results of another plan or kyosei version, or a
// non-empty directory that holds no manifest, unless options.force), runs what is missing with
// `executor` and, when every run has finished, writes DIR/summary.csv, DIR/summary.h5 and
// DIR/resources.csv (and, for a region, DIR/total.csv). Nothing is ever written outside DIR.
EnsembleReport run_ensemble(const RunPlan& plan, const EnsembleOptions& options, Executor& executor);

// The files of DIR.
std::string manifest_path(const std::string& directory, int shard = 0, int shards = 1);
std::string run_directory(const std::string& directory);
// Why the manifest's lock (flock) could not be taken, from its errno: another process holds it
// (EWOULDBLOCK), or the file system does not offer flock (ENOSYS, EOPNOTSUPP, ENOLCK: some Lustre
// and NFS mounts), or another failure.
std::string manifest_lock_error(const std::string& manifest, int error);

// The tidy summary table of `records` (one per run of the plan, in any order) as CSV text: run_id,
// variant, the plan's columns, replicate, seed, then metric_columns(). NaN is written "NaN".
std::string summary_csv(const RunPlan& plan, const std::vector<RunRecord>& records);
// Each run's resource use, as DIR/resources.csv: run_id, wall_s, peak_memory_mib, threads, worker
// (in plan order; the meaning of each in ensemble_directory.cpp).
std::string resources_csv(const RunPlan& plan, const std::vector<RunRecord>& records);

// For the command-line tools: the plan as a table (run id, variant, columns, replicate, seed,
// residents x days), and what an ensemble did ("24 runs: 10 finished before, 14 now, ...").
std::string describe_plan(const RunPlan& plan);
std::string describe_report(const RunPlan& plan, const EnsembleReport& report, const EnsembleOptions& options,
                            const Executor& executor);

// Text written to a temporary name beside `path` and renamed, so that no reader sees half a file.
// Throws OutputError.
void write_text_file(const std::string& path, const std::string& text);

// Shortest text that reads back to the same double; "NaN", "inf", "-inf".
std::string format_number(double value);

// A CSV cell of text, quoted (inner quotes doubled) when it holds a comma, quote, line break or
// edge space.
std::string csv_text(const std::string& text);

}  // namespace kyosei
