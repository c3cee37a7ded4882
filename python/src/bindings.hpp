#pragma once
// kyosei._core: the thin layer of the two-layer bindings. It checks
// arguments, releases the GIL while the engine works, returns numpy arrays that view the engine's
// memory and keep their owner alive, and maps kyosei's C++ exceptions to Python types of the same
// names. Everything Pythonic (DataFrames, plots, replicates) lives in the kyosei package on top.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <utility>
#include <vector>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/results.hpp"

namespace kyosei::python {

namespace py = pybind11;

// A read-only view of `values` shaped `shape`, kept alive by `owner`.
template <class T>
py::array view(const std::vector<T>& values, std::vector<py::ssize_t> shape, py::handle owner) {
  static const T empty{};  // an empty vector may have no data pointer; a view still needs one
  const void* data = values.empty() ? static_cast<const void*>(&empty) : values.data();
  py::array array(py::dtype::of<T>(), std::move(shape), {}, data, owner);
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return array;
}

template <class T>
py::array view(const std::vector<T>& values, py::handle owner) {
  return view(values, {static_cast<py::ssize_t>(values.size())}, owner);
}

// Copies a 1-D array (any numeric dtype numpy can cast safely enough) into a vector.
template <class T>
std::vector<T> to_vector(const py::dict& columns, const char* group, const char* name) {
  if (!columns.contains(name)) throw UsageError(std::string(group) + ": missing column '" + name + "'");
  const auto array = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(columns[name]);
  if (!array) throw UsageError(std::string(group) + "['" + name + "'] is not a numeric array");
  if (array.ndim() != 1) throw UsageError(std::string(group) + "['" + name + "'] is not one-dimensional");
  return std::vector<T>(array.data(), array.data() + array.size());
}

// snapshot.cpp: a population snapshot as {"day": D, "residents", "households", "ties": {column:
// read-only view kept alive by `owner`}}, and back (UsageError on missing or misshapen columns).
py::dict snapshot_dict(const PopulationSnapshot& snapshot, py::handle owner);
PopulationSnapshot snapshot_from_dict(const py::dict& d);

void bind_errors(py::module_& m);      // errors.cpp: Error, ScenarioError, UsageError, OutputError
void bind_fields(py::module_& m);      // fields.cpp: the field tables and enumeration names
void bind_scenario(py::module_& m);    // scenario.cpp: Scenario, parameter_table
void bind_results(py::module_& m);     // results.cpp: Results and its array views
void bind_simulation(py::module_& m);  // simulation.cpp: Simulation with GIL-free run()
void bind_output(py::module_& m);      // output.cpp: HDF5 writer, version
void bind_statistics(py::module_& m);  // statistics.cpp: Kaplan-Meier, bootstrap, log-rank

}  // namespace kyosei::python
