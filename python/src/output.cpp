// The HDF5 writer (the same function and layout as the CLI's output) and the version.
#include <pybind11/stl.h>

#include <filesystem>
#include <memory>
#include <string>

#include "bindings.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_output.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/version.hpp"

namespace kyosei::python {
namespace {

void write_hdf5(const std::string& path, const Results& results, const std::string& scenario_name,
                const std::string& scenario_text, long long seed, long long replicate, int threads, bool complete,
                bool overwrite, const std::string& date, const std::string& version, const std::string& git_commit) {
  if (seed < 0 || replicate < 0) throw UsageError("seed and replicate must be non-negative");
  if (!overwrite && std::filesystem::exists(path))  // in Python's words, not the CLI's --force
    throw OutputError(path + " exists; pass overwrite=True to replace it");
  Provenance p;
  p.version = version;
  p.git_commit = git_commit;
  p.date = date.empty() ? utc_timestamp() : date;
  p.seed = static_cast<std::uint64_t>(seed);
  p.replicate = static_cast<std::uint32_t>(replicate);
  p.threads = threads;
  p.scenario_name = scenario_name;
  p.scenario_text = scenario_text;
  p.complete = complete;
  py::gil_scoped_release release;
  write_results_hdf5(path, results, p, overwrite);
}

}  // namespace

void bind_output(py::module_& m) {
  m.attr("__version__") = kVersion;
  m.attr("GIT_COMMIT") = kGitCommit;
  m.def("write_hdf5", &write_hdf5, py::arg("path"), py::arg("results"), py::arg("scenario_name"),
        py::arg("scenario_text"), py::arg("seed"), py::arg("replicate") = 0, py::arg("threads") = 0,
        py::arg("complete") = true, py::arg("overwrite") = false, py::arg("date") = "", py::arg("version") = kVersion,
        py::arg("git_commit") = kGitCommit,
        "Writes Results to an HDF5 file with the CLI's layout and provenance attributes (to a "
        "temporary name, renamed when complete). OutputError if the file exists and overwrite is "
        "False, or on any I/O failure. date '' means now (UTC).");
}

}  // namespace kyosei::python
