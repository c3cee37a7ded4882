#pragma once
// kyosei._core: the thin layer of the two-layer bindings. It checks
// arguments, releases the GIL while the engine works, returns numpy arrays that view the engine's
// memory and keep their owner alive, and maps kyosei's C++ exceptions to Python types of the same
// names. Everything Pythonic (DataFrames, plots, replicates) lives in the kyosei package on top.
#include <pybind11/pybind11.h>

namespace kyosei::python {

namespace py = pybind11;

void bind_errors(py::module_& m);      // errors.cpp: Error, ScenarioError, UsageError, OutputError
void bind_fields(py::module_& m);      // fields.cpp: the field tables and enumeration names
void bind_scenario(py::module_& m);    // scenario.cpp: Scenario, parameter_table
void bind_results(py::module_& m);     // results.cpp: Results and its array views
void bind_simulation(py::module_& m);  // simulation.cpp: Simulation with GIL-free run()
void bind_output(py::module_& m);      // output.cpp: HDF5 writer, version
void bind_statistics(py::module_& m);  // statistics.cpp: Kaplan-Meier, bootstrap, log-rank

}  // namespace kyosei::python
