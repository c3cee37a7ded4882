// The kyosei._core extension module: one bind_* call per concept (bindings.hpp).
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "kyosei._core: thin bindings to the kyosei engine. Use the kyosei package instead; this "
      "module checks arguments, releases the GIL during runs and returns read-only numpy views "
      "of the engine's results.";
  kyosei::python::bind_errors(m);
  kyosei::python::bind_fields(m);
  kyosei::python::bind_scenario(m);
  kyosei::python::bind_results(m);
  kyosei::python::bind_simulation(m);
  kyosei::python::bind_output(m);
  kyosei::python::bind_statistics(m);
}
