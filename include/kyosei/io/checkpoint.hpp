#pragma once
// Adapter: a run's complete State to an HDF5 checkpoint and back, so that a long run stopped by a
// time limit or a signal continues where it was and ends bit-identical to the uninterrupted run.
// The layout is described in sim/io/checkpoint.cpp. A checkpoint is trusted only when it was
// written by this very build (version and commit) in this checkpoint format, is complete, and
// every array passes both HDF5's Fletcher32 checksum and the checkpoint's whole-state checksum.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kyosei/model/scenario.hpp"
#include "kyosei/run/simulation.hpp"

namespace kyosei {

// The checkpoint format this kyosei writes and reads.
inline constexpr int kCheckpointFormatVersion = 10;

// Saves `sim` (scenario, options, State) to `path`, written to a temporary name and renamed, so
// that a kill while writing never leaves a damaged file under `path` (an earlier checkpoint there
// stays until the rename replaces it). `output` is the result file the run is to write, kept for
// `kyosei resume`. Throws OutputError on any failure.
void write_checkpoint(const std::string& path, const Simulation& sim, const std::string& output);

struct Resumed {
  std::unique_ptr<Simulation> simulation;  // at the day the checkpoint was saved
  std::string output;                      // the result file the saved run was to write
  std::string date;                        // when the checkpoint was saved (ISO 8601, UTC)
};

// Reads and checks a checkpoint and rebuilds its Simulation, with `threads` instead of the stored
// thread count when given (results do not depend on it). Throws OutputError "<path>: problem" for
// a missing, damaged, incomplete or foreign file (another kyosei version or commit, another
// checkpoint format), and ResourceError when this machine cannot hold the run.
Resumed read_checkpoint(const std::string& path, std::optional<int> threads = std::nullopt);

// A 64-bit FNV-1a fingerprint of every parameter value and the timeline (not the name or the file
// it came from): two scenarios with the same fingerprint simulate the same run.
std::uint64_t scenario_fingerprint(const Scenario& scenario);

// Throws UsageError naming the first parameter (or timeline change) in which `given` differs from
// `stored`, the scenario a checkpoint was saved with; `given_name` names `given` in the message.
void check_same_scenario(const Scenario& stored, const Scenario& given, const std::string& given_name);

}  // namespace kyosei
