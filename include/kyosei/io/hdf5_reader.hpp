#pragma once
// Adapter: checking a result file before anything reads it (the HDF5 layout is described in
// sim/io/hdf5_output.cpp and docs/outputs.md). Readers refuse what they cannot trust: a missing
// or non-HDF5 file, a file of another format_version, or a run that was stopped (complete=0).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kyosei/io/hdf5_output.hpp"

namespace kyosei {

// The format_version this kyosei reads (and writes).
inline constexpr int kResultFormatVersion = 1;

struct ResultHeader {
  int format_version = 0;
  Provenance provenance;           // every root attribute; complete from the `complete` attribute
  std::int64_t recorded_days = 0;  // length of /series/day
  std::int64_t episodes = 0;       // length of /episodes/onset_day
  std::int64_t agencies = 0;       // length of /agencies/name
  // The numeric attributes of /summary and /summary/overall ("overall.median_days"), in name order.
  std::vector<std::pair<std::string, double>> summary;
};

// Opens `path` read-only and checks it. Throws OutputError "<path>: <problem>" when the file is
// missing or unreadable, not HDF5, not a kyosei result, of another format_version, or incomplete
// (complete=0, unless allow_incomplete).
ResultHeader read_result_header(const std::string& path, bool allow_incomplete = false);

}  // namespace kyosei
