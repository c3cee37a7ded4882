// kyosei's typed exceptions as Python exceptions of the same names:
//
//   kyosei.Error(Exception)                 base of every error kyosei raises on purpose
//   kyosei.ScenarioError(Error, ValueError) a bad scenario file or override; .file .line .column
//                                           .key .problem, str() is "file:line:col: key: problem"
//   kyosei.UsageError(Error, ValueError)    misuse of the API (bad argument, finished run)
//   kyosei.OutputError(Error, OSError)      a result that cannot be written or read
//   kyosei.ResourceError(Error, MemoryError) a run too big for the memory available, or for the
//                                           engine's ids (resource_guard.hpp)
#include <string>

#include "bindings.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei::python {
namespace {

// The exception types live as long as the interpreter: the module holds a reference, and so do
// these pointers (never released, as pybind11's own register_exception does).
PyObject* error_type = nullptr;
PyObject* scenario_error_type = nullptr;
PyObject* usage_error_type = nullptr;
PyObject* output_error_type = nullptr;
PyObject* resource_error_type = nullptr;

PyObject* new_exception(py::module_& m, const char* name, py::tuple bases, const char* doc, py::dict attributes) {
  const std::string qualified = std::string("kyosei.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), attributes.ptr());
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

void raise_scenario_error(const ScenarioError& e) {
  py::object exception = py::reinterpret_borrow<py::object>(scenario_error_type)(e.what());
  exception.attr("file") = e.file();
  exception.attr("line") = e.line();
  exception.attr("column") = e.column();
  exception.attr("key") = e.key();
  exception.attr("problem") = e.problem();
  PyErr_SetObject(scenario_error_type, exception.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  const py::handle exception(PyExc_Exception), value_error(PyExc_ValueError), os_error(PyExc_OSError),
      memory_error(PyExc_MemoryError);
  error_type =
      new_exception(m, "Error", py::make_tuple(exception), "Base of every error kyosei raises on purpose.", py::dict());
  const py::handle error(error_type);
  py::dict scenario_attributes;
  scenario_attributes["file"] = py::str("");
  scenario_attributes["line"] = 0;
  scenario_attributes["column"] = 0;
  scenario_attributes["key"] = py::str("");
  scenario_attributes["problem"] = py::str("");
  scenario_error_type =
      new_exception(m, "ScenarioError", py::make_tuple(error, value_error),
                    "A scenario file, dictionary or override is wrong.\n\n"
                    "str(e) is 'file:line:col: key.path: problem (expected ...)', the message the CLI prints.\n"
                    "Attributes: file (the file, '--set' for an override), line and column (1-based; 0 when\n"
                    "unknown), key (the dotted key path), problem (what is wrong).",
                    scenario_attributes);
  usage_error_type =
      new_exception(m, "UsageError", py::make_tuple(error, value_error),
                    "The API was misused: a bad argument value, stepping a finished run, ...", py::dict());
  output_error_type = new_exception(
      m, "OutputError", py::make_tuple(error, os_error),
      "A result file could not be written or read (it exists, I/O failure, not a kyosei file).", py::dict());
  resource_error_type =
      new_exception(m, "ResourceError", py::make_tuple(error, memory_error),
                    "A run would need more memory than is available (the estimate and the budget are in the\n"
                    "message; KYOSEI_MEMORY_LIMIT sets the budget), or more entities than the engine can number.",
                    py::dict());

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioError& e) {
      raise_scenario_error(e);
    } catch (const UsageError& e) {
      PyErr_SetString(usage_error_type, e.what());
    } catch (const OutputError& e) {
      PyErr_SetString(output_error_type, e.what());
    } catch (const ResourceError& e) {
      PyErr_SetString(resource_error_type, e.what());
    } catch (const Error& e) {
      PyErr_SetString(error_type, e.what());
    }
  });
}

}  // namespace kyosei::python
