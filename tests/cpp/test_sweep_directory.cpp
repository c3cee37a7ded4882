// Running a plan into an output directory (ensemble_directory.cpp, executor.cpp): the same summary
// whatever the executor, resumption after lost or unfinished runs, refusals, shards, and nothing
// written outside the directory.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/file.h>
#include <fcntl.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;
namespace fs = std::filesystem;

EnsembleReport run_into(const RunPlan& plan, const std::string& dir, int jobs, bool force = false,
                        std::function<bool()> stop = {}) {
  EnsembleOptions options;
  options.directory = dir;
  options.force = force;
  options.execute.stop = std::move(stop);
  const auto executor = thread_executor(jobs);
  return run_ensemble(plan, options, *executor);
}

RunPlan small_plan(int replicates = 2) { return parse_sweep(test::small_sweep(replicates), "small.yaml"); }

// The manifest without the lines of the given runs.
void forget(const fs::path& manifest, const std::set<std::string>& ids) {
  std::istringstream in(test::slurp(manifest));
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    const std::size_t first = line.find(',');
    const std::string id = line.substr(first + 1, line.find(',', first + 1) - first - 1);
    if (!ids.count(id)) kept += line + "\n";
  }
  test::write_file(manifest, kept);
}

TEST(SweepDirectory, SerialAndThreadsWriteTheSameSummary) {
  const ScratchDir dir;
  const RunPlan plan = small_plan();
  const EnsembleReport serial = run_into(plan, dir / "serial", 1);
  EXPECT_TRUE(serial.complete);
  EXPECT_EQ(serial.finished, 8u);
  const EnsembleReport threads = run_into(plan, dir / "threads", 3);
  EXPECT_TRUE(threads.complete);
  const std::string summary = test::slurp(dir / "serial/summary.csv");
  EXPECT_EQ(test::slurp(dir / "threads/summary.csv"), summary);
  EXPECT_EQ(test::count_lines(dir / "serial/summary.csv"), 9u);
  EXPECT_EQ(summary.rfind("run_id,variant,outreach.workers,outreach.targeting,replicate,seed,overall.episodes,", 0),
            0u);
  EXPECT_NE(summary.find("\nv0003_r01,3,3,lists,1,"), std::string::npos) << summary;
  for (const PlannedRun& run : plan.runs)
    EXPECT_TRUE(fs::exists(dir.path() / "serial/runs" / (run.id + ".h5"))) << run.id;

  // summary.h5: one column per field, one row per run, in plan order.
  const hid_t file = H5Fopen((dir / "threads/summary.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t dataset = H5Dopen2(file, "/runs/overall.median_days", H5P_DEFAULT);
  ASSERT_GE(dataset, 0);
  const hid_t space = H5Dget_space(dataset);
  EXPECT_EQ(H5Sget_simple_extent_npoints(space), 8);
  H5Sclose(space);
  H5Dclose(dataset);
  EXPECT_GT(H5Lexists(file, "/runs/outreach.targeting", H5P_DEFAULT), 0);
  EXPECT_GT(H5Lexists(file, "/runs/seed", H5P_DEFAULT), 0);
  H5Fclose(file);
}

// Each run's resource use goes into DIR/resources.csv, not into the summary (which must not vary).
TEST(SweepDirectory, EachRunsResourceUseIsInResourcesCsv) {
  const ScratchDir dir;
  const RunPlan plan = small_plan(1);
  EnsembleOptions options;
  options.directory = dir / "out";
  options.execute.run_threads = 2;
  const auto executor = thread_executor(1);
  const EnsembleReport report = run_ensemble(plan, options, *executor);
  ASSERT_TRUE(report.complete);
  std::istringstream table(test::slurp(dir / "out/resources.csv"));
  std::string line;
  std::getline(table, line);
  EXPECT_EQ(line, "run_id,wall_s,peak_memory_mib,threads,worker");
  std::size_t rows = 0;
  for (; std::getline(table, line); ++rows) {
    std::istringstream fields(line);
    std::string id, wall, peak, threads, worker;
    std::getline(fields, id, ',');
    std::getline(fields, wall, ',');
    std::getline(fields, peak, ',');
    std::getline(fields, threads, ',');
    std::getline(fields, worker);
    EXPECT_EQ(id, plan.runs[rows].id);
    EXPECT_GT(std::stod(wall), 0) << line;
    EXPECT_GT(std::stod(peak), 1) << line;  // MiB: the process is larger than that
    EXPECT_EQ(threads, "2") << line;
    EXPECT_EQ(worker, "0") << line;
  }
  EXPECT_EQ(rows, plan.runs.size());
  EXPECT_EQ(test::slurp(dir / "out/summary.csv").find("peak_memory"), std::string::npos);

  // A resumed ensemble keeps the figures of the runs it did not run again (from the manifest).
  fs::remove(dir.path() / "out/summary.csv");
  const std::string before = test::slurp(dir / "out/resources.csv");
  run_ensemble(plan, options, *executor);
  EXPECT_EQ(test::slurp(dir / "out/resources.csv"), before);
}

TEST(SweepDirectory, ResumingAfterLostRunsGivesTheSameSummary) {
  const ScratchDir dir;
  const RunPlan plan = small_plan();
  run_into(plan, dir / "whole", 2);
  const std::string reference = test::slurp(dir / "whole/summary.csv");

  run_into(plan, dir / "resumed", 2);
  // Lose two runs from the manifest, one run file, and the summaries.
  forget(dir.path() / "resumed/manifest.csv", {"v0001_r00", "v0002_r01"});
  fs::remove(dir.path() / "resumed/runs/v0003_r00.h5");
  fs::remove(dir.path() / "resumed/summary.csv");
  fs::remove(dir.path() / "resumed/summary.h5");
  const EnsembleReport report = run_into(plan, dir / "resumed", 1);
  EXPECT_EQ(report.previously, 5u);
  EXPECT_EQ(report.finished, 3u);
  EXPECT_TRUE(report.complete);
  EXPECT_EQ(test::slurp(dir / "resumed/summary.csv"), reference);

  // Once complete, another call runs nothing and writes the same table.
  const EnsembleReport again = run_into(plan, dir / "resumed", 2);
  EXPECT_EQ(again.finished, 0u);
  EXPECT_EQ(test::slurp(dir / "resumed/summary.csv"), reference);
}

TEST(SweepDirectory, StoppedMidwayThenResumedGivesTheSameSummary) {
  const ScratchDir dir;
  const RunPlan plan = small_plan(3);
  run_into(plan, dir / "whole", 2);
  const std::string reference = test::slurp(dir / "whole/summary.csv");

  for (const int jobs : {1, 2}) {
    const std::string out = dir / ("stopped" + std::to_string(jobs));
    std::atomic<int> calls{0};
    // Stops after a few checks: some runs finished, others abandoned midway.
    const EnsembleReport stopped = run_into(plan, out, jobs, false, [&calls] { return ++calls > 40; });
    EXPECT_FALSE(stopped.complete);
    EXPECT_LT(stopped.finished, plan.runs.size());
    EXPECT_FALSE(fs::exists(fs::path(out) / "summary.csv"));
    EXPECT_EQ(test::count_lines(fs::path(out) / "manifest.csv"), stopped.finished + 1);
    const EnsembleReport resumed = run_into(plan, out, 2);
    EXPECT_EQ(resumed.previously, stopped.finished);
    EXPECT_EQ(resumed.previously + resumed.finished, plan.runs.size());
    EXPECT_EQ(test::slurp(fs::path(out) / "summary.csv"), reference) << jobs;
  }
}

TEST(SweepDirectory, ALineCutShortByACrashIsIgnored) {
  const ScratchDir dir;
  const RunPlan plan = small_plan(1);
  run_into(plan, dir / "whole", 2);
  const std::string reference = test::slurp(dir / "whole/summary.csv");
  run_into(plan, dir / "cut", 2);
  forget(dir.path() / "cut/manifest.csv", {"v0002_r00"});
  std::ofstream(dir.path() / "cut/manifest.csv", std::ios::app) << "2,v0002_r00,0123";  // no newline: a crash
  const EnsembleReport report = run_into(plan, dir / "cut", 1);
  EXPECT_EQ(report.finished, 1u);
  EXPECT_EQ(test::slurp(dir / "cut/summary.csv"), reference);
  // The cut line stays alone on its line; the next record starts on a line of its own.
  EXPECT_NE(test::slurp(dir / "cut/manifest.csv").find("\n2,v0002_r00,0123\n2,v0002_r00,"), std::string::npos);
}

TEST(SweepDirectory, RefusesWhatItDidNotWriteUnlessForced) {
  const ScratchDir dir;
  const RunPlan plan = small_plan(1);
  test::write_file(dir.path() / "occupied/notes.txt", "mine");
  EXPECT_THROW(run_into(plan, dir / "occupied", 1), OutputError);
  EXPECT_FALSE(fs::exists(dir.path() / "occupied/runs"));
  run_into(plan, dir / "occupied", 1, true);  // --force: writes beside what is there
  EXPECT_TRUE(fs::exists(dir.path() / "occupied/summary.csv"));
  EXPECT_EQ(test::slurp(dir.path() / "occupied/notes.txt"), "mine");

  // Another plan (a parameter changed) in a directory of results: refused, then forced.
  const RunPlan changed = parse_sweep(test::small_sweep(1, 6), "small.yaml");
  try {
    run_into(changed, dir / "occupied", 1);
    FAIL() << "accepted";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  const EnsembleReport forced = run_into(changed, dir / "occupied", 1, true);
  EXPECT_EQ(forced.previously, 0u);
  EXPECT_EQ(forced.finished, changed.runs.size());
  EXPECT_EQ(test::slurp(dir.path() / "occupied/notes.txt"), "mine");

  // A plan that grows (more replicates) keeps the runs it shares with the smaller one.
  const EnsembleReport grown = run_into(parse_sweep(test::small_sweep(2, 6), "small.yaml"), dir / "occupied", 1);
  EXPECT_EQ(grown.previously, 4u);
  EXPECT_EQ(grown.finished, 4u);
}

TEST(SweepDirectory, ALockedManifestMeansAnotherSweepIsRunning) {
  const ScratchDir dir;
  const RunPlan plan = small_plan(1);
  fs::create_directories(dir.path() / "busy");
  const int fd = ::open((dir / "busy/manifest.csv").c_str(), O_WRONLY | O_CREAT, 0644);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  try {
    run_into(plan, dir / "busy", 1);
    ADD_FAILURE() << "accepted";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  ::close(fd);
}

// A file system without flock (ENOSYS on some Lustre mounts) is named as such, not taken for
// another kyosei holding the lock.
TEST(SweepDirectory, AFileSystemWithoutLocksIsNotTakenForAnotherSweep) {
  EXPECT_NE(manifest_lock_error("d/manifest.csv", EWOULDBLOCK).find("another kyosei is running"), std::string::npos);
  for (const int error : {ENOSYS, EOPNOTSUPP, ENOLCK}) {
    const std::string message = manifest_lock_error("d/manifest.csv", error);
    EXPECT_EQ(message.find("another kyosei"), std::string::npos) << message;
    EXPECT_NE(message.find("cannot lock d/manifest.csv (" + std::string(std::strerror(error)) +
                           "): its file system does not offer flock"),
              std::string::npos)
        << message;
  }
  const std::string other = manifest_lock_error("d/manifest.csv", EIO);
  EXPECT_EQ(other, "cannot lock d/manifest.csv: " + std::string(std::strerror(EIO)));
}

TEST(SweepDirectory, ShardsThenAFinalCallGiveTheSameSummary) {
  const ScratchDir dir;
  const RunPlan plan = small_plan();
  run_into(plan, dir / "whole", 2);
  const auto executor = thread_executor(1);
  std::size_t ran = 0;
  for (int shard = 0; shard < 3; ++shard) {
    EnsembleOptions options;
    options.directory = dir / "sharded";
    options.shard = shard;
    options.shards = 3;
    const EnsembleReport report = run_ensemble(plan, options, *executor);
    EXPECT_FALSE(report.complete);
    ran += report.finished;
    EXPECT_TRUE(fs::exists(dir.path() / ("sharded/manifest.shard-" + std::to_string(shard) + ".csv")));
  }
  EXPECT_EQ(ran, plan.runs.size());
  EXPECT_FALSE(fs::exists(dir.path() / "sharded/summary.csv"));
  EnsembleOptions final_call;
  final_call.directory = dir / "sharded";
  const EnsembleReport report = run_ensemble(plan, final_call, *executor);
  EXPECT_EQ(report.finished, 0u);
  EXPECT_TRUE(report.complete);
  EXPECT_EQ(test::slurp(dir / "sharded/summary.csv"), test::slurp(dir / "whole/summary.csv"));
  EnsembleOptions bad = final_call;
  bad.shards = 2;
  bad.force = true;
  EXPECT_THROW(run_ensemble(plan, bad, *executor), UsageError);
}

TEST(SweepDirectory, NothingIsWrittenOutsideTheDirectory) {
  const ScratchDir dir;
  const RunPlan plan =
      parse_sweep("name: ../../escape\nbase: " + test::source_path("scenarios/silo.yaml") + "\n" + test::kSmallSet +
                      "vary:\n  variants:\n    - {name: ../../../x, outreach.workers: 1}\n    - {name: /tmp/y, "
                      "outreach.workers: 2}\n",
                  "../evil.yaml");
  fs::create_directories(dir.path() / "a/b");
  // /tmp is shared: a file of that name from elsewhere must be left as it was, not be absent.
  const bool absolute_existed = fs::exists("/tmp/y.h5");
  const auto absolute_written = absolute_existed ? fs::last_write_time("/tmp/y.h5") : fs::file_time_type{};
  run_into(plan, dir / "a/b/out", 2);
  std::vector<std::string> outside;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    const std::string p = entry.path().string();
    if (p.rfind(dir / "a/b/out", 0) != 0 && entry.path() != dir.path() / "a" && entry.path() != dir.path() / "a/b")
      outside.push_back(p);
  }
  EXPECT_TRUE(outside.empty()) << outside.front();
  EXPECT_EQ(fs::exists("/tmp/y.h5"), absolute_existed);
  if (absolute_existed) {
    EXPECT_EQ(fs::last_write_time("/tmp/y.h5"), absolute_written);
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path() / "a/b/out/runs")) files += entry.is_regular_file();
  EXPECT_EQ(files, plan.runs.size());
}

}  // namespace
}  // namespace kyosei
