#pragma once
// DIR/summary.h5: the tidy summary table of an ensemble as column datasets (h5py, pandas and
// xarray read them directly), written to a temporary name and renamed when complete.
//
//   /                 attributes software, version, git_commit, kind, name, seed, seeds,
//                     replicates, runs, source (the sweep or region file's text), format_version
//   /runs/<column>    [runs] in plan order: run_id, variant, the plan's columns, replicate, seed,
//                     then every metric_columns() entry; attributes unit and description
//   /total/<column>   regions only: [replicates] replicate, municipalities, residents, metrics
#include <string>
#include <vector>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::ensemble {

void write_summary_hdf5(const std::string& path, const RunPlan& plan, const std::vector<RunRecord>& records);

}  // namespace kyosei::ensemble
