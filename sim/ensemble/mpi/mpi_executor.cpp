// The MPI manager and workers (mpi_executor.hpp). Messages, all from or to rank 0:
//   run     manager -> worker   int64 run index
//   stop    manager -> worker   nothing: return from serve()
//   result  worker -> manager   doubles: run index, wall seconds, the metrics
//   error   worker -> manager   chars: a kind letter (R resource, O output, U usage, S scenario,
//                               E other), then "run <run id>: <message>"
// Waiting ranks poll with MPI_Iprobe and sleep a millisecond between polls instead of blocking in
// MPI_Recv, which Open MPI spins in: with more ranks than cores (--oversubscribe) a spinning idle
// rank would take a core from a working one.
#include "mpi_executor.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei::mpi {
namespace {

constexpr int kTagRun = 1, kTagStop = 2, kTagResult = 3, kTagError = 4;

void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

char kind_of(const std::exception& e) {
  if (dynamic_cast<const ResourceError*>(&e)) return 'R';
  if (dynamic_cast<const OutputError*>(&e)) return 'O';
  if (dynamic_cast<const ScenarioError*>(&e)) return 'S';
  if (dynamic_cast<const UsageError*>(&e)) return 'U';
  return 'E';
}

[[noreturn]] void rethrow_as(char kind, const std::string& message) {
  switch (kind) {
    case 'R': throw ResourceError(message);
    case 'O': throw OutputError(message);
    case 'S':
    case 'U': throw UsageError(message);
    default: throw Error(message);
  }
}

}  // namespace

ManagerExecutor::ManagerExecutor(MPI_Comm comm) : comm_(comm) { MPI_Comm_size(comm_, &size_); }

std::string ManagerExecutor::describe() const {
  return "MPI: a manager and " + std::to_string(size_ - 1) + " worker rank" + (size_ == 2 ? "" : "s") +
         ", and one run at a time on the manager's own thread";
}

void ManagerExecutor::release_workers() {
  if (released_) return;
  released_ = true;
  for (int worker = 1; worker < size_; ++worker) MPI_Send(nullptr, 0, MPI_BYTE, worker, kTagStop, comm_);
}

void ManagerExecutor::execute(const RunPlan& plan, const std::vector<std::size_t>& pending, const std::string& run_dir,
                              const ExecuteOptions& options, const std::function<void(RunRecord&&)>& record) {
  std::mutex mutex;  // guards queue, local_done, local_error
  std::deque<std::size_t> queue(pending.begin(), pending.end());
  std::deque<RunRecord> local_done;
  std::exception_ptr local_error;
  std::atomic<bool> halted{false};
  std::atomic<bool> local_running{true};
  const auto stop = [&] { return halted.load() || (options.stop && options.stop()); };
  const auto take = [&]() -> std::optional<std::size_t> {
    std::lock_guard lock(mutex);
    if (queue.empty() || stop()) return std::nullopt;
    const std::size_t run = queue.front();
    queue.pop_front();
    return run;
  };

  // The manager's own runs, on a thread that never calls MPI.
  std::thread local([&] {
    while (const auto run = take()) {
      try {
        reset_peak_memory();  // one run at a time beside the manager, whose memory is small
        std::optional<RunRecord> done = execute_run(plan, *run, run_dir, options.run_threads, stop);
        if (!done) break;
        std::lock_guard lock(mutex);
        local_done.push_back(std::move(*done));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!local_error) local_error = std::current_exception();
        halted = true;
        break;
      }
    }
    local_running = false;
  });

  std::optional<std::pair<char, std::string>> remote_error;
  std::exception_ptr record_error;
  const auto hand = [&](RunRecord&& r) {
    if (record_error) return;
    try {
      record(std::move(r));
    } catch (...) {
      record_error = std::current_exception();
      halted = true;
    }
  };

  std::vector<bool> busy(static_cast<std::size_t>(size_), false);
  int in_flight = 0;
  std::vector<double> buffer;
  for (;;) {
    bool progressed = false;
    for (int worker = 1; worker < size_; ++worker) {
      if (busy[static_cast<std::size_t>(worker)]) continue;
      const auto run = take();
      if (!run) break;
      const auto index = static_cast<std::int64_t>(*run);
      MPI_Send(&index, 1, MPI_INT64_T, worker, kTagRun, comm_);
      busy[static_cast<std::size_t>(worker)] = true;
      ++in_flight;
      progressed = true;
    }
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm_, &flag, &status);
    if (flag) {
      progressed = true;
      if (status.MPI_TAG == kTagResult) {
        int count = 0;
        MPI_Get_count(&status, MPI_DOUBLE, &count);
        buffer.resize(static_cast<std::size_t>(count));
        MPI_Recv(buffer.data(), count, MPI_DOUBLE, status.MPI_SOURCE, kTagResult, comm_, MPI_STATUS_IGNORE);
        RunRecord r;
        r.run = static_cast<std::size_t>(buffer[0]);
        r.wall_s = buffer[1];
        r.peak_memory_mib = buffer[2];
        r.threads = static_cast<int>(buffer[3]);
        r.worker = status.MPI_SOURCE;
        r.metrics.assign(buffer.begin() + 4, buffer.end());
        hand(std::move(r));
      } else {
        int count = 0;
        MPI_Get_count(&status, MPI_CHAR, &count);
        std::string text(static_cast<std::size_t>(count), '\0');
        MPI_Recv(text.data(), count, MPI_CHAR, status.MPI_SOURCE, kTagError, comm_, MPI_STATUS_IGNORE);
        if (!remote_error)
          remote_error.emplace(text.empty() ? 'E' : text[0],
                               "rank " + std::to_string(status.MPI_SOURCE) + ": " + text.substr(1));
        halted = true;
      }
      busy[static_cast<std::size_t>(status.MPI_SOURCE)] = false;
      --in_flight;
    }
    std::deque<RunRecord> finished;
    {
      std::lock_guard lock(mutex);
      finished.swap(local_done);
    }
    for (RunRecord& r : finished) hand(std::move(r)), progressed = true;
    if (in_flight == 0 && !local_running) {
      std::lock_guard lock(mutex);
      if (local_done.empty() && (queue.empty() || stop())) break;
    }
    if (!progressed) pause();
  }
  local.join();
  if (local_error) std::rethrow_exception(local_error);
  if (record_error) std::rethrow_exception(record_error);
  if (remote_error) rethrow_as(remote_error->first, remote_error->second);
}

void serve(MPI_Comm comm, const RunPlan& plan, const std::string& run_dir, int run_threads) {
  for (;;) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, comm, &flag, &status);
    if (!flag) {
      pause();
      continue;
    }
    if (status.MPI_TAG == kTagStop) {
      MPI_Recv(nullptr, 0, MPI_BYTE, 0, kTagStop, comm, MPI_STATUS_IGNORE);
      return;
    }
    std::int64_t index = 0;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagRun, comm, MPI_STATUS_IGNORE);
    try {
      reset_peak_memory();  // a worker runs one run at a time: each run's own peak
      const std::optional<RunRecord> done =
          execute_run(plan, static_cast<std::size_t>(index), run_dir, run_threads, {});
      std::vector<double> message = {static_cast<double>(index), done->wall_s, done->peak_memory_mib,
                                     static_cast<double>(done->threads)};
      message.insert(message.end(), done->metrics.begin(), done->metrics.end());
      MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, 0, kTagResult, comm);
    } catch (const std::exception& e) {
      const std::string text =
          std::string(1, kind_of(e)) + "run " + plan.runs[static_cast<std::size_t>(index)].id + ": " + e.what();
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kTagError, comm);
    }
  }
}

}  // namespace kyosei::mpi
