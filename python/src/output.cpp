// The HDF5 writer (the same function and layout as the CLI's output), the engine's own
// Kaplan-Meier estimator (for checks against the package's), and the version.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>
#include <span>
#include <string>

#include "bindings.hpp"
#include "kyosei/errors.hpp"
#include "kyosei/hdf5_output.hpp"
#include "kyosei/summary.hpp"
#include "kyosei/version.hpp"

namespace kyosei::python {
namespace {

void write_hdf5(const std::string& path, const Results& results, const std::string& scenario_name,
                const std::string& scenario_text, long long seed, long long replicate, int threads,
                bool complete, bool overwrite, const std::string& date, const std::string& version,
                const std::string& git_commit) {
  if (seed < 0 || replicate < 0) throw UsageError("seed and replicate must be non-negative");
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
        py::arg("complete") = true, py::arg("overwrite") = false, py::arg("date") = "",
        py::arg("version") = kVersion, py::arg("git_commit") = kGitCommit,
        "Writes Results to an HDF5 file with the CLI's layout and provenance attributes (to a "
        "temporary name, renamed when complete). OutputError if the file exists and overwrite is "
        "False, or on any I/O failure. date '' means now (UTC).");
  m.def(
      "kaplan_meier",
      [](py::array_t<double, py::array::c_style | py::array::forcecast> time,
         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> observed) {
        if (time.ndim() != 1 || observed.ndim() != 1) throw UsageError("kaplan_meier: expected 1-D arrays");
        std::vector<KaplanMeierPoint> curve;
        {
          const std::span<const double> t(time.data(), static_cast<std::size_t>(time.size()));
          const std::span<const std::uint8_t> o(observed.data(), static_cast<std::size_t>(observed.size()));
          py::gil_scoped_release release;
          curve = kaplan_meier(t, o);
        }
        py::array_t<double> times(curve.size()), survival(curve.size());
        py::array_t<std::int64_t> at_risk(curve.size()), events(curve.size());
        for (std::size_t i = 0; i < curve.size(); ++i) {
          times.mutable_at(i) = curve[i].time;
          survival.mutable_at(i) = curve[i].survival;
          at_risk.mutable_at(i) = curve[i].at_risk;
          events.mutable_at(i) = curve[i].events;
        }
        return py::make_tuple(times, survival, at_risk, events);
      },
      py::arg("time"), py::arg("observed"),
      "The engine's Kaplan-Meier curve: (times, survival, at_risk, events) at the event times.");
  m.def(
      "cumulative_incidence",
      [](py::array_t<double, py::array::c_style | py::array::forcecast> time,
         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> cause, int which) {
        if (time.ndim() != 1 || cause.ndim() != 1) throw UsageError("cumulative_incidence: expected 1-D arrays");
        std::vector<CumulativeIncidencePoint> curve;
        {
          const std::span<const double> t(time.data(), static_cast<std::size_t>(time.size()));
          const std::span<const std::uint8_t> c(cause.data(), static_cast<std::size_t>(cause.size()));
          py::gil_scoped_release release;
          curve = cumulative_incidence(t, c, which);
        }
        py::array_t<double> times(curve.size()), incidence(curve.size()), se(curve.size()), lower(curve.size()),
            upper(curve.size());
        for (std::size_t i = 0; i < curve.size(); ++i) {
          times.mutable_at(i) = curve[i].time;
          incidence.mutable_at(i) = curve[i].incidence;
          se.mutable_at(i) = curve[i].std_error;
          lower.mutable_at(i) = curve[i].lower;
          upper.mutable_at(i) = curve[i].upper;
        }
        return py::make_tuple(times, incidence, se, lower, upper);
      },
      py::arg("time"), py::arg("cause"), py::arg("which"),
      "The engine's Aalen-Johansen cumulative incidence of cause `which` (1-based; cause 0 is "
      "censoring): (times, incidence, std_error, lower, upper) at the times of any event.");
}

}  // namespace kyosei::python
