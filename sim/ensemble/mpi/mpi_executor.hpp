#pragma once
// The MPI executor (after FLAME GPU's MPI ensemble): rank 0 is the manager; it
// hands the runs of a plan, largest first, to the other ranks one at a time as each reports its
// previous run back, and runs some itself on a thread of its own. Every rank expands the same plan
// from the same file; a worker runs a run, writes its HDF5 file into the (shared) output directory
// and sends its summary back; the manager alone writes the manifest and the summary tables. Only
// the main thread calls MPI (MPI_THREAD_FUNNELED).
#include <mpi.h>

#include <string>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::mpi {

class ManagerExecutor final : public Executor {
public:
  explicit ManagerExecutor(MPI_Comm comm);
  std::string describe() const override;
  void execute(const RunPlan& plan, const std::vector<std::size_t>& pending, const std::string& run_dir,
               const ExecuteOptions& options, const std::function<void(RunRecord&&)>& record) override;
  // Tells every worker to return from serve(); call once, whatever happened.
  void release_workers();

private:
  MPI_Comm comm_;
  int size_ = 1;
  bool released_ = false;
};

// A worker rank's loop: runs what the manager sends until it says stop.
void serve(MPI_Comm comm, const RunPlan& plan, const std::string& run_dir, int run_threads);

}  // namespace kyosei::mpi
