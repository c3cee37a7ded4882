// Running the runs of a plan (sweep.hpp): one run to its HDF5 file, and the serial and threaded
// executors. Each run is a Simulation of its own (its own State and random streams), so runs on
// different threads share nothing but the plan, which they only read.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_output.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/ensemble/sweep.hpp"

namespace kyosei {
namespace {

// Runs start only while the conservative memory estimates (resource_guard.hpp) of the runs under
// way fit the memory available when the executor started; a run always starts when none is
// under way (Simulation's own check then decides).
class MemoryAdmission {
public:
  MemoryAdmission() : budget_(static_cast<double>(available_memory().bytes)) {}

  void acquire(double bytes, const std::function<bool()>& halted) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return budget_ <= 0 || running_ == 0 || in_use_ + bytes <= budget_ || halted(); });
    in_use_ += bytes;
    ++running_;
  }
  void release(double bytes) {
    {
      std::lock_guard lock(mutex_);
      in_use_ -= bytes;
      --running_;
    }
    cv_.notify_all();
  }
  void wake() { cv_.notify_all(); }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  double budget_ = 0, in_use_ = 0;
  int running_ = 0;
};

class ThreadExecutor final : public Executor {
public:
  explicit ThreadExecutor(int jobs)
      : jobs_(jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

  std::string describe() const override {
    return jobs_ == 1 ? "serial" : std::to_string(jobs_) + " runs at a time on threads";
  }

  void execute(const RunPlan& plan, const std::vector<std::size_t>& pending, const std::string& run_dir,
               const ExecuteOptions& options, const std::function<void(RunRecord&&)>& record) override {
    const auto stop = [&options] { return options.stop && options.stop(); };
    const std::size_t jobs = std::min<std::size_t>(static_cast<std::size_t>(jobs_), pending.size());
    if (jobs <= 1) {
      for (const std::size_t run : pending) {
        if (stop()) return;
        reset_peak_memory();  // one run at a time: each run's own peak
        std::optional<RunRecord> done = execute_run(plan, run, run_dir, options.run_threads, stop, options.building);
        if (!done) return;
        record(std::move(*done));
      }
      return;
    }

    std::mutex mutex;
    std::condition_variable cv;
    std::deque<RunRecord> finished;
    std::exception_ptr error;
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> next{0};
    std::size_t active = jobs;
    MemoryAdmission memory;
    const auto halted = [&] { return failed.load() || stop(); };
    const auto fail_with = [&](std::exception_ptr e) {
      std::lock_guard lock(mutex);
      if (!error) error = e;
      failed = true;
    };

    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < jobs; ++t) {
      threads.emplace_back([&, t] {
        for (;;) {
          if (halted()) break;
          const std::size_t i = next++;
          if (i >= pending.size()) break;
          const std::size_t run = pending[i];
          try {
            const double bytes = estimate_resources(plan.variants[plan.runs[run].variant].scenario).bytes;
            memory.acquire(bytes, halted);
            std::optional<RunRecord> done;
            try {
              if (!halted()) done = execute_run(plan, run, run_dir, options.run_threads, halted, options.building);
            } catch (...) {
              memory.release(bytes);
              throw;
            }
            memory.release(bytes);
            if (!done) break;
            done->worker = static_cast<int>(t);
            std::lock_guard lock(mutex);
            finished.push_back(std::move(*done));
          } catch (...) {
            fail_with(std::current_exception());
            memory.wake();
            break;
          }
          cv.notify_all();
        }
        {
          std::lock_guard lock(mutex);
          --active;
        }
        cv.notify_all();
      });
    }

    // Records are handed over on this thread only, in the order the runs finish.
    std::unique_lock lock(mutex);
    for (;;) {
      cv.wait(lock, [&] { return !finished.empty() || active == 0; });
      while (!finished.empty()) {
        RunRecord done = std::move(finished.front());
        finished.pop_front();
        lock.unlock();
        try {
          record(std::move(done));
        } catch (...) {
          fail_with(std::current_exception());
          memory.wake();
        }
        lock.lock();
      }
      if (active == 0 && finished.empty()) break;
    }
    lock.unlock();
    for (std::thread& thread : threads) thread.join();
    if (error) std::rethrow_exception(error);
  }

private:
  int jobs_;
};

}  // namespace

std::optional<RunRecord> execute_run(const RunPlan& plan, std::size_t run, const std::string& run_dir, int run_threads,
                                     const std::function<bool()>& stop, const BuildingHook& building) {
  const PlannedRun& planned = plan.runs.at(run);
  const Variant& variant = plan.variants.at(planned.variant);
  const auto start = std::chrono::steady_clock::now();
  const auto stopped = [&stop] { return stop && stop(); };
  RunOptions options{planned.seed, planned.replicate, run_threads};
  options.stop = stopped;  // checked while the population is built
  if (building) building(run, false);
  std::optional<Simulation> built;
  try {
    built.emplace(variant.scenario, options);
  } catch (const RunStopped&) {
    return std::nullopt;
  }
  Simulation& sim = *built;
  if (building) building(run, true);
  while (!sim.finished()) {  // a day at a time: a stop takes effect at the end of the day
    if (stopped()) return std::nullopt;
    sim.step();
  }
  const Results results = sim.results();
  Provenance p = provenance_of(variant.scenario, RunOptions{planned.seed, planned.replicate, run_threads}, true);
  p.scenario_name = plan.name + "/" + planned.id;
  // A file left by an attempt that was killed after writing it but before recording it is
  // replaced: only the manifest says that a run has finished.
  write_results_hdf5((std::filesystem::path(run_dir) / (planned.id + ".h5")).string(), results, p, true);
  RunRecord record;
  record.run = run;
  record.metrics = flatten_summary(results.summary);
  record.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  record.peak_memory_mib = peak_memory_mib();
  record.threads = run_threads;
  return record;
}

std::unique_ptr<Executor> thread_executor(int jobs) { return std::make_unique<ThreadExecutor>(jobs); }

}  // namespace kyosei
