// Adapter: YAML scenario files to a validated Scenario.
//
// A file is read in three passes, each refusing what the next must never see:
//   1. the bytes: control characters and broken UTF-8 (yaml-cpp would read them as text);
//   2. yaml-cpp's event stream: aliases, nesting deeper than kMaxDepth, a second document;
//   3. yaml-cpp's tree: every key path must name a parameter of the table (params.hpp) or a
//      section of them, and every value must fit its parameter's type and range.
// Then validate() checks what spans several parameters. Every problem is a ScenarioError that
// points at the line and column of the key or value concerned.
#include "kyosei/io/scenario_yaml.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <system_error>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "checked_yaml.hpp"

namespace kyosei {
namespace {

// ---- values -------------------------------------------------------------------------------

std::string range_text(const ParamSpec& spec) {
  return format_parameter_value(spec, spec.min) + " to " + format_parameter_value(spec, spec.max);
}

// What a value of `spec` must be: the "(expected ...)" of every message about a value.
std::string expected_value(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::integer: return "an integer from " + range_text(spec);
    case ParamType::real: return "a number from " + range_text(spec);
    case ParamType::boolean: return "true or false";
    case ParamType::choice: {
      std::string names;
      for (std::string_view name : spec.choices) names += (names.empty() ? "" : ", ") + std::string(name);
      return "one of " + names;
    }
  }
  return {};
}

// A parameter's value read from a scalar, or what is wrong with the scalar.
struct Reading {
  double value = 0;
  std::string problem;  // empty when the value is good
};

Reading type_error(const ParamSpec& spec, const std::string& problem) {
  return {0, problem + " (expected " + expected_value(spec) + ")"};
}

Reading out_of_range(const ParamSpec& spec, const std::string& text) {
  return {0, "value " + text + " out of range (expected " + range_text(spec) + ")"};
}

Reading within_range(const ParamSpec& spec, const std::string& text, double value) {
  if (value < spec.min || value > spec.max) return out_of_range(spec, text);
  return {value, {}};
}

// YAML allows a leading '+' on numbers; std::from_chars does not.
std::string_view without_plus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  return text;
}

Reading read_integer(const ParamSpec& spec, const std::string& text) {
  const std::string_view digits = without_plus(text);
  const char* last = digits.data() + digits.size();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), last, value);
  if (digits.empty() || end != last) return type_error(spec, "'" + text + "' is not an integer");
  if (error == std::errc::result_out_of_range) return out_of_range(spec, text);
  return within_range(spec, text, static_cast<double>(value));
}

bool is_yaml_infinity_or_nan(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  for (std::string_view special : {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})
    if (text == special) return true;
  return false;
}

// std::from_chars, unlike strtod, does not depend on the locale's decimal point.
Reading read_real(const ParamSpec& spec, const std::string& text) {
  const std::string_view number = without_plus(text);
  if (is_yaml_infinity_or_nan(number)) return type_error(spec, "'" + text + "' is not a finite number");
  const char* last = number.data() + number.size();
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), last, value);
  if (number.empty() || end != last) return type_error(spec, "'" + text + "' is not a number");
  if (error == std::errc::result_out_of_range)
    return type_error(spec, "'" + text + "' is beyond the range of a double");
  // from_chars also reads "inf" and "nan", which YAML does not take for numbers
  if (!std::isfinite(value)) return type_error(spec, "'" + text + "' is not a number");
  return within_range(spec, text, value);
}

Reading read_boolean(const ParamSpec& spec, const std::string& text) {
  if (text == "true") return {1, {}};
  if (text == "false") return {0, {}};
  return type_error(spec, "'" + text + "' is not a boolean");
}

Reading read_choice(const ParamSpec& spec, const std::string& text) {
  for (std::size_t i = 0; i < spec.choices.size(); ++i)
    if (spec.choices[i] == text) return {static_cast<double>(i), {}};
  return type_error(spec, "unknown value '" + text + "'");
}

// The value `node` gives `spec`. Numbers and booleans must be plain scalars: in YAML a quoted
// "0.5" is text, and reading it as a number anyway would hide a typing mistake.
Reading read_value(const ParamSpec& spec, const YAML::Node& node) {
  if (!node.IsScalar()) return type_error(spec, "found " + describe(node));
  const std::string& text = node.Scalar();
  const bool quoted = node.Tag() == "!";
  if (node.Tag() != "?" && !quoted) return type_error(spec, "YAML tag '" + node.Tag() + "' is not supported");
  if (quoted && spec.type != ParamType::choice)
    return type_error(spec, "'" + text + "' is quoted, which makes it text");
  switch (spec.type) {
    case ParamType::integer: return read_integer(spec, text);
    case ParamType::real: return read_real(spec, text);
    case ParamType::boolean: return read_boolean(spec, text);
    case ParamType::choice: return read_choice(spec, text);
  }
  return {};
}

// ---- key paths ----------------------------------------------------------------------------

// Whether `path` is a section: the prefix of some parameter's path ("population.households").
bool is_section(const std::string& path) {
  for (const ParamSpec& spec : parameter_table())
    if (spec.path.size() > path.size() && spec.path.starts_with(path) && spec.path[path.size()] == '.') return true;
  return false;
}

// ".a.b" for the first keys nested under `node`, "" when it is not a mapping.
std::string first_nested_keys(const YAML::Node& node) {
  if (!node.IsMap() || node.size() == 0) return {};
  const auto first = node.begin();
  if (!first->first.IsScalar()) return {};
  return "." + first->first.Scalar() + first_nested_keys(first->second);
}

// The first `components` dot-separated components of `path`.
std::string leading_components(std::string_view path, std::size_t components) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < components; ++i) {
    end = path.find('.', i == 0 ? 0 : end + 1);
    if (end == std::string_view::npos) return std::string(path);
  }
  return std::string(path.substr(0, end));
}

// "unknown key 'x' (did you mean 'y'?)". The table is searched with the key's path extended by
// the keys nested under it, and the answer cut back to the key's depth, so that a misspelt
// section suggests the section: "populaton: {residents: 5}" suggests "population".
std::string unknown_key_problem(const std::string& path, const YAML::Node& value) {
  std::string problem = "unknown key '" + path + "'";
  const auto closest = closest_parameters(path + first_nested_keys(value));
  if (closest.empty()) return problem;
  const auto depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '.')) + 1;
  const std::string suggestion = leading_components(closest.front(), depth);
  if (suggestion != path) problem += " (did you mean '" + suggestion + "'?)";
  return problem;
}

// ---- pass 3: the tree ---------------------------------------------------------------------

// Walks the document's mappings, setting each parameter it names, and remembers where each key
// path was written: to find duplicates (yaml-cpp 0.7 keeps both entries silently) and to locate
// validate()'s problems.
class DocumentReader {
public:
  // With `errors`, a key's problem is recorded there and the reading goes on with the next key
  // (kyosei validate reports every problem of a file); without, the first one is thrown.
  DocumentReader(const std::string& file, Scenario& scenario, std::vector<ScenarioError>* errors = nullptr)
      : file_(file), scenario_(scenario), errors_(errors) {}

  void read(const YAML::Node& root) {
    if (root.IsNull()) fail(file_, where(root.Mark()), "", "no parameters found (expected a mapping of parameters)");
    if (!root.IsMap())
      fail(file_, where(root.Mark()), "", "found " + describe(root) + " (expected a mapping of parameters)");
    read_mapping(root, "");
  }

  // Where `key` was written, else the first of its children; line 1 when it was not written.
  Where where_written(const std::string& key) const {
    if (const auto found = written_.find(key); found != written_.end()) return found->second;
    const std::string child_prefix = key + ".";
    Where first{};
    for (const auto& [path, at] : written_)
      if (path.starts_with(child_prefix) &&
          (first.line == 0 || at.line < first.line || (at.line == first.line && at.column < first.column)))
        first = at;
    return first.line == 0 ? Where{1, 1} : first;
  }

private:
  void read_mapping(const YAML::Node& mapping, const std::string& prefix) {
    for (const auto& entry : mapping) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar())
        fail(file_, where(key.Mark()), prefix, "found " + describe(key) + " as a key (expected a parameter name)");
      const std::string path = prefix.empty() ? key.Scalar() : prefix + "." + key.Scalar();
      try {
        note_written(path, where(key.Mark()));
        read_entry(path, key, entry.second);
      } catch (const ScenarioError& e) {
        if (errors_ == nullptr) throw;
        errors_->push_back(e);  // a section's entries are read, and caught, one by one below it
      }
    }
  }

  void read_entry(const std::string& path, const YAML::Node& key, const YAML::Node& value) {
    const Where key_at = where(key.Mark());
    // yaml-cpp marks an empty value where the next token starts, often the next line
    const Where value_at = value.IsNull() ? key_at : where(value.Mark());
    if (path == "name" || path == "description") {
      read_text(path, value, value_at);
    } else if (path == "timeline") {
      read_timeline(value, value_at);
    } else if (const ParamSpec* spec = find_parameter(path)) {
      const Reading reading = read_value(*spec, value);
      if (!reading.problem.empty()) fail(file_, value_at, path, reading.problem);
      spec->set(scenario_, reading.value);
    } else if (is_section(path)) {
      if (value.IsMap()) {
        read_mapping(value, path);
      } else if (!value.IsNull()) {  // an empty section (entries commented out) keeps defaults
        fail(file_, value_at, path, "found " + describe(value) + " (expected a mapping of " + path + ".* parameters)");
      }
    } else {
      fail(file_, key_at, path, unknown_key_problem(path, value));
    }
  }

  // The two top-level keys that are not parameters: the display name and a free description.
  void read_text(const std::string& path, const YAML::Node& value, Where value_at) {
    if (!value.IsScalar() || (path == "name" && value.Scalar().empty()))
      fail(file_, value_at, path, "found " + describe(value) + " (expected text)");
    if (path == "name") scenario_.name = value.Scalar();
  }

  // timeline: a sequence of {day: N, set: {key.path: value, ...}}, applied on recorded day N.
  void read_timeline(const YAML::Node& value, Where value_at) {
    if (!value.IsSequence())
      fail(file_, value_at, "timeline", "found " + describe(value) + " (expected a sequence of {day, set} entries)");
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node& entry = value[i];
      const std::string at = "timeline[" + std::to_string(i) + "]";
      if (!entry.IsMap() || !entry["day"] || !entry["set"] || entry.size() != 2)
        fail(file_, where(entry.Mark()), at,
             "found " + describe(entry) + " (expected a mapping with exactly the keys day and set)");
      const YAML::Node day = entry["day"];
      std::int64_t first_day = 0;
      if (!day.IsScalar() ||
          std::from_chars(day.Scalar().data(), day.Scalar().data() + day.Scalar().size(), first_day).ec !=
              std::errc{} ||
          first_day < 0)
        fail(
            file_, where(day.Mark()), at + ".day",
            "found '" + (day.IsScalar() ? day.Scalar() : describe(day)) + "' (expected a whole number of days from 0)");
      const YAML::Node changes = entry["set"];
      if (!changes.IsMap())
        fail(file_, where(changes.Mark()), at + ".set",
             "found " + describe(changes) + " (expected a mapping of parameters)");
      std::map<std::string, Where> seen;
      read_changes(changes, "", first_day, at, seen);
    }
  }

  void read_changes(const YAML::Node& mapping, const std::string& prefix, std::int64_t day, const std::string& at,
                    std::map<std::string, Where>& seen) {
    for (const auto& entry : mapping) {
      const std::string path = prefix.empty() ? entry.first.Scalar() : prefix + "." + entry.first.Scalar();
      const Where key_at = where(entry.first.Mark());
      if (!seen.emplace(path, key_at).second) fail(file_, key_at, at + ".set." + path, "duplicate key");
      if (const ParamSpec* spec = find_parameter(path)) {
        if (path.starts_with("run.") || path.starts_with("population."))
          fail(file_, key_at, at + ".set." + path,
               "cannot change during a run (expected a policy, agency, service, detection, tie or cost parameter)");
        const Reading reading = read_value(*spec, entry.second);
        if (!reading.problem.empty()) fail(file_, where(entry.second.Mark()), at + ".set." + path, reading.problem);
        scenario_.timeline.push_back({day, path, reading.value});
      } else if (is_section(path) && entry.second.IsMap()) {
        read_changes(entry.second, path, day, at, seen);
      } else {
        fail(file_, key_at, at + ".set." + path, unknown_key_problem(path, entry.second));
      }
    }
  }

  void note_written(const std::string& path, Where at) {
    const auto [earlier, inserted] = written_.emplace(path, at);
    if (!inserted)
      fail(file_, at, path, "duplicate key (already written at line " + std::to_string(earlier->second.line) + ")");
  }

  const std::string& file_;
  Scenario& scenario_;
  std::vector<ScenarioError>* errors_;
  std::map<std::string, Where> written_;
};

// Throws the first cross-parameter problem, placed where `locate` says its key was written.
template <class Locate>
void check_valid(const Scenario& scenario, const std::string& file, Locate locate) {
  const std::vector<ValidationProblem> problems = validate(scenario);
  if (problems.empty()) return;
  const ValidationProblem& first = problems.front();
  fail(file, locate(first.key), first.key, first.problem);
}

// ---- overrides ----------------------------------------------------------------------------

// An override's value, parsed as YAML so that it follows exactly the rules of a file's values.
YAML::Node parse_override_value(const std::string& source, const std::string& key, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(source, {}, key, "cannot read value '" + text + "': " + e.msg);
  }
}

void apply_override(Scenario& scenario, const std::string& assignment, const std::string& source) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos) fail(source, {}, "", "'" + assignment + "' has no '=' (expected key.path=value)");
  const std::string key = assignment.substr(0, equals);
  const ParamSpec* spec = find_parameter(key);
  if (spec == nullptr) fail(source, {}, key, unknown_key_problem(key, YAML::Node()));
  const YAML::Node value = parse_override_value(source, key, assignment.substr(equals + 1));
  const Reading reading = read_value(*spec, value);
  if (!reading.problem.empty()) fail(source, {}, key, reading.problem);
  spec->set(scenario, reading.value);

  // The stored text records the override, so an output file says how its scenario was made.
  if (!scenario.source_text.empty() && !scenario.source_text.ends_with('\n')) scenario.source_text += '\n';
  scenario.source_text += "# --set " + assignment + "\n";
}

}  // namespace

Scenario parse_scenario(std::string_view yaml_text, const std::string& name) {
  Scenario scenario = Scenario::defaults();
  scenario.name = std::filesystem::path(name).stem().string();
  DocumentReader reader(name, scenario);
  reader.read(parse_checked_yaml(yaml_text, name, "scenario", "parameters"));
  check_valid(scenario, name, [&](const std::string& key) { return reader.where_written(key); });
  scenario.source_path = name;
  scenario.source_text = std::string(yaml_text);
  return scenario;
}

Scenario load_scenario(const std::string& path) { return parse_scenario(read_text_file(path), path); }

std::vector<ScenarioError> scenario_file_problems(const std::string& path) {
  std::vector<ScenarioError> errors;
  try {
    const std::string text = read_text_file(path);
    Scenario scenario = Scenario::defaults();
    DocumentReader reader(path, scenario, &errors);
    reader.read(parse_checked_yaml(text, path, "scenario", "parameters"));
    if (!errors.empty()) return errors;  // a key left at its default could add false problems
    for (const ValidationProblem& problem : validate(scenario)) {
      const Where at = reader.where_written(problem.key);
      errors.emplace_back(path, at.line, at.column, problem.key, problem.problem);
    }
  } catch (const ScenarioError& e) {  // unreadable, not YAML, or not a mapping: nothing more to say
    errors.push_back(e);
  }
  return errors;
}

void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments, const std::string& source) {
  Scenario updated = scenario;  // all or nothing: a bad override leaves `scenario` untouched
  for (const std::string& assignment : assignments) apply_override(updated, assignment, source);
  check_valid(updated, source, [](const std::string&) { return Where{}; });
  scenario = std::move(updated);
}

}  // namespace kyosei
