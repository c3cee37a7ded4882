// Simulation: runs with the GIL released. The engine calls back once a simulated month; the
// callback takes the GIL, checks for Ctrl-C (so a notebook can interrupt a long run) and calls the
// Python progress function, whose exception or False return stops the run. A run saves its whole
// state to a checkpoint and continues from one as `kyosei run --checkpoint-every` and `kyosei
// resume` do (checkpoint.hpp), so a Python run and a CLI run resume each other's files.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/io/checkpoint.hpp"

namespace kyosei::python {
namespace {

RunOptions checked_options(long long seed, long long replicate, int threads,
                           const std::vector<std::int32_t>& snapshot_days) {
  if (seed < 0) throw UsageError("seed must be a non-negative integer, got " + std::to_string(seed));
  if (replicate < 0 || replicate > std::numeric_limits<std::uint32_t>::max())
    throw UsageError("replicate must be in 0 .. 4294967295, got " + std::to_string(replicate));
  if (threads < 0) throw UsageError("threads must be 0 (all cores) or positive, got " + std::to_string(threads));
  RunOptions options{static_cast<std::uint64_t>(seed), static_cast<std::uint32_t>(replicate), threads};
  options.snapshot_days = snapshot_days;
  return options;
}

// The engine's Simulation, with a guard against two Python threads driving it at once (every
// method runs without the GIL, so nothing else would stop them).
class SimulationHandle {
public:
  SimulationHandle(const Scenario& scenario, long long seed, long long replicate, int threads,
                   const std::vector<std::int32_t>& snapshot_days) {
    const RunOptions options = checked_options(seed, replicate, threads, snapshot_days);
    py::gil_scoped_release release;
    simulation_ = std::make_unique<Simulation>(scenario, options);
  }

  explicit SimulationHandle(std::unique_ptr<Simulation> simulation) : simulation_(std::move(simulation)) {}

  // (handle, the result file the saved run was to write, when it was saved).
  static py::tuple resume(const std::string& path, std::optional<int> threads) {
    if (threads && *threads < 0)
      throw UsageError("threads must be 0 (all cores) or positive, got " + std::to_string(*threads));
    Resumed resumed;
    {
      py::gil_scoped_release release;
      resumed = read_checkpoint(path, threads);
    }
    return py::make_tuple(SimulationHandle(std::move(resumed.simulation)), resumed.output, resumed.date);
  }

  void save_checkpoint(const std::string& path, const std::string& output) const {
    const Busy busy(*this);
    py::gil_scoped_release release;
    write_checkpoint(path, *simulation_, output);
  }

  void step(long long days) {
    if (days < 0) throw UsageError("days must be non-negative, got " + std::to_string(days));
    const Busy busy(*this);
    py::gil_scoped_release release;
    for (long long i = 0; i < days; ++i) simulation_->step();
  }

  bool run(const py::object& progress) {
    if (!progress.is_none() && !PyCallable_Check(progress.ptr()))
      throw UsageError("progress must be a callable progress(done, total) or None");
    const Busy busy(*this);
    std::optional<py::error_already_set> error;
    {
      py::gil_scoped_release release;
      simulation_->run([&](std::int64_t done, std::int64_t total) {
        py::gil_scoped_acquire acquire;
        try {
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
          if (progress.is_none()) return true;
          const py::object answer = progress(done, total);
          return answer.is_none() || PyObject_IsTrue(answer.ptr()) == 1;
        } catch (py::error_already_set& e) {
          error.emplace(std::move(e));
          return false;
        }
      });
    }
    if (error) throw std::move(*error);
    return simulation_->finished();
  }

  std::shared_ptr<Results> results() const {
    const Busy busy(*this);
    py::gil_scoped_release release;
    return std::make_shared<Results>(simulation_->results());
  }

  // The population now, owned by the arrays' base (a capsule), computed without the GIL.
  py::dict snapshot() const {
    const Busy busy(*this);
    PopulationSnapshot* taken = nullptr;
    {
      py::gil_scoped_release release;
      taken = new PopulationSnapshot(simulation_->snapshot());
    }
    const py::capsule owner(taken, [](void* p) { delete static_cast<PopulationSnapshot*>(p); });
    return snapshot_dict(*taken, owner);
  }

  const Simulation& simulation() const { return *simulation_; }

private:
  struct Busy {
    explicit Busy(const SimulationHandle& h) : handle(h) {
      if (handle.busy_) throw UsageError("this Simulation is already busy in another thread");
      handle.busy_ = true;
    }
    ~Busy() { handle.busy_ = false; }
    const SimulationHandle& handle;
  };

  std::unique_ptr<Simulation> simulation_;
  mutable bool busy_ = false;  // read and written with the GIL held only
};

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<SimulationHandle>(m, "Simulation",
                               "One simulated municipality: Simulation(scenario, seed, replicate, "
                               "threads). Builds the population on construction.")
      .def(py::init<const Scenario&, long long, long long, int, const std::vector<std::int32_t>&>(),
           py::arg("scenario"), py::arg("seed") = 1, py::arg("replicate") = 0, py::arg("threads") = 0,
           py::arg("snapshot_days") = std::vector<std::int32_t>{},
           "snapshot_days: recorded days (ascending, within the horizon) at whose end the population "
           "is kept in the results (Results.snapshots), as kyosei run --snapshot-days; UsageError otherwise.")
      .def("snapshot", &SimulationHandle::snapshot,
           "The population now, at the end of the last day simulated (as built, before the first): "
           "{'day': recorded day (negative in the burn-in), 'residents', 'households', 'ties': "
           "{column: numpy array}} with the columns of docs/outputs.md, 'Population snapshots'.")
      .def("step", &SimulationHandle::step, py::arg("days") = 1,
           "Advances `days` days (UsageError once the run is finished).")
      .def("run", &SimulationHandle::run, py::arg("progress") = py::none(),
           "Runs to the horizon without the GIL. progress(done, total) is called once a simulated "
           "month with the GIL held; returning False stops the run, an exception stops it and "
           "propagates. Ctrl-C raises KeyboardInterrupt. Returns True if the horizon was reached.")
      .def_static("resume", &SimulationHandle::resume, py::arg("path"), py::arg("threads") = py::none(),
                  "Reads a checkpoint (from kyosei run --checkpoint-every or save_checkpoint): returns "
                  "(Simulation at the saved day, the result file it was to write, the date it was saved). "
                  "OutputError for a missing, damaged or foreign file.")
      .def("save_checkpoint", &SimulationHandle::save_checkpoint, py::arg("path"), py::arg("output") = "",
           "Saves the whole state to `path` (written to a temporary name and renamed); `output` is the "
           "result file kyosei resume will write.")
      .def("results", &SimulationHandle::results, "The recorded days so far as a Results object.")
      .def_property_readonly(
          "days_done", [](const SimulationHandle& h) { return h.simulation().days_done(); },
          "Days simulated so far, burn-in included.")
      .def_property_readonly(
          "days_total", [](const SimulationHandle& h) { return h.simulation().days_total(); },
          "Days of the whole run, burn-in included.")
      .def_property_readonly("finished", [](const SimulationHandle& h) { return h.simulation().finished(); })
      .def_property_readonly("seed", [](const SimulationHandle& h) { return h.simulation().options().seed; })
      .def_property_readonly("replicate", [](const SimulationHandle& h) { return h.simulation().options().replicate; })
      .def_property_readonly("threads", [](const SimulationHandle& h) { return h.simulation().options().threads; })
      .def_property_readonly("snapshot_days",
                             [](const SimulationHandle& h) { return h.simulation().options().snapshot_days; })
      .def_property_readonly("scenario", [](const SimulationHandle& h) { return h.simulation().scenario(); });
}

}  // namespace kyosei::python
