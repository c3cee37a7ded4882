#pragma once
// The one parameter table (docs/parameters.md): every scenario parameter with its
// key path, type, default, range, unit, meaning and source. The YAML loader, the defaults, the
// `kyosei params` listing and docs/parameters.md are all made from it.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/model/scenario.hpp"

namespace kyosei {

enum class ParamType { integer, real, boolean, choice };

struct ParamSpec {
  std::string_view path;  // dotted key path in the YAML file, e.g. "intake.mode"
  ParamType type;
  double default_value;  // for a choice: the index into `choices`
  double min;            // inclusive bounds, checked at load time
  double max;
  std::span<const std::string_view> choices;  // names of a choice parameter, by index
  std::string_view unit;
  std::string_view meaning;
  std::string_view source;  // a citation, or the reasoning where no source exists
  void (*set)(Scenario&, double);
  double (*get)(const Scenario&);
};

// Every parameter, in the order of the documentation.
std::span<const ParamSpec> parameter_table();

// The parameter at `path`, or nullptr.
const ParamSpec* find_parameter(std::string_view path);

// Levenshtein distance between two strings, for "did you mean" messages.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `n` known key paths closest to `path` (edit distance), for "did you mean" messages.
std::vector<std::string_view> closest_parameters(std::string_view path, std::size_t n = 1);

// A value as the documentation and YAML write it ("silo", "0.25", "true").
std::string format_parameter_value(const ParamSpec& spec, double value);

// docs/parameters.md: the table as Markdown, one table per section (`kyosei params --markdown`).
std::string parameter_dictionary_markdown();

// One cross-parameter problem found by validate(): the key it concerns and what is wrong.
struct ValidationProblem {
  std::string key;
  std::string problem;
};

// Checks that go beyond a single parameter's range (shares that must sum to one, ...).
std::vector<ValidationProblem> validate(const Scenario& scenario);

}  // namespace kyosei
