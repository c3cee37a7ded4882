// Scenario: loaded and validated by the C++ loader, immutable from Python. A changed scenario is a
// new object made by `overridden`, which applies "key.path=value" assignments exactly as the CLI's
// --set does (same parsing, same checks, same error messages).
#include <pybind11/stl.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "bindings.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/io/scenario_yaml.hpp"

namespace kyosei::python {
namespace {

py::str str_of(std::string_view text) { return py::str(text.data(), text.size()); }

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::integer: return "integer";
    case ParamType::real: return "real";
    case ParamType::boolean: return "boolean";
    case ParamType::choice: return "choice";
  }
  return "?";
}

// A parameter value as Python writes it: int, float, bool, or the name of a choice.
py::object python_value(const ParamSpec& spec, double value) {
  switch (spec.type) {
    case ParamType::integer: return py::int_(static_cast<long long>(std::llround(value)));
    case ParamType::boolean: return py::bool_(value != 0.0);
    case ParamType::choice: {
      const auto index = static_cast<std::size_t>(std::llround(value));
      if (index < spec.choices.size()) return str_of(spec.choices[index]);
      return py::int_(static_cast<long long>(index));
    }
    case ParamType::real: break;
  }
  return py::float_(value);
}

const ParamSpec& parameter(std::string_view path) {
  if (const ParamSpec* spec = find_parameter(path)) return *spec;
  std::string message = "unknown parameter '" + std::string(path) + "'";
  const auto near = closest_parameters(path, 1);
  if (!near.empty()) message += " (did you mean '" + std::string(near.front()) + "'?)";
  throw py::key_error(message);
}

py::dict spec_dict(const ParamSpec& spec) {
  py::dict d;
  d["path"] = str_of(spec.path);
  d["type"] = type_name(spec.type);
  d["default"] = python_value(spec, spec.default_value);
  d["min"] = spec.type == ParamType::choice ? py::object(py::none()) : py::object(python_value(spec, spec.min));
  d["max"] = spec.type == ParamType::choice ? py::object(py::none()) : py::object(python_value(spec, spec.max));
  py::list choices;
  for (std::string_view choice : spec.choices) choices.append(str_of(choice));
  d["choices"] = py::tuple(choices);
  d["unit"] = str_of(spec.unit);
  d["meaning"] = str_of(spec.meaning);
  d["source"] = str_of(spec.source);
  return d;
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<Scenario>(m, "Scenario",
                       "A validated, immutable scenario (the C++ kyosei::Scenario). Make one with "
                       "Scenario.load, Scenario.parse or Scenario.defaults; change one with "
                       "overridden().")
      .def_static(
          "load",
          [](const std::string& path) {
            py::gil_scoped_release release;
            return load_scenario(path);
          },
          py::arg("path"), "Reads and validates a YAML scenario file (raises ScenarioError).")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& name) {
            py::gil_scoped_release release;
            return parse_scenario(text, name);
          },
          py::arg("text"), py::arg("name"),
          "Parses and validates YAML text; `name` stands for the file in error messages and gives "
          "the scenario its name when the text has no name: key.")
      .def_static("defaults", &Scenario::defaults, "Every parameter at its table default.")
      .def(
          "overridden",
          [](const Scenario& scenario, const std::vector<std::string>& assignments) {
            Scenario copy = scenario;
            apply_overrides(copy, assignments, "with_()");  // errors name Python's call, not the CLI's
            return copy;
          },
          py::arg("assignments"),
          "A copy with 'key.path=value' assignments applied and validated, as the CLI's --set "
          "(raises ScenarioError; this scenario is unchanged).")
      .def(
          "get",
          [](const Scenario& scenario, std::string_view path) {
            const ParamSpec& spec = parameter(path);
            return python_value(spec, spec.get(scenario));
          },
          py::arg("path"), "The value of the parameter at a dotted key path (KeyError if unknown).")
      .def(
          "values",
          [](const Scenario& scenario) {
            py::dict values;
            for (const ParamSpec& spec : parameter_table())
              values[str_of(spec.path)] = python_value(spec, spec.get(scenario));
            return values;
          },
          "Every parameter as {key path: value}, in the order of the parameter table.")
      .def_readonly("name", &Scenario::name)
      .def_readonly("source_path", &Scenario::source_path)
      .def_readonly("source_text", &Scenario::source_text)
      .def("__copy__", [](const Scenario& s) { return s; })
      .def(
          "__deepcopy__", [](const Scenario& s, py::dict) { return s; }, py::arg("memo"))
      .def("__repr__", [](const Scenario& s) { return "<kyosei._core.Scenario '" + s.name + "'>"; });

  m.def(
      "parameter_table",
      []() {
        py::list table;
        for (const ParamSpec& spec : parameter_table()) table.append(spec_dict(spec));
        return table;
      },
      "Every parameter as a dict: path, type, default, min, max, choices, unit, meaning, source.");
}

}  // namespace kyosei::python
