// Plan headers, located errors and checked values for the plan readers (yaml_support.hpp).
#include "yaml_support.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <system_error>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/io/scenario_yaml.hpp"

namespace kyosei::ensemble {
namespace {

// A scalar as the text of an override: quoted scalars stay quoted, so that the loader's rule
// "a quoted number is text" holds in sweep files too.
std::string override_text(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (!node.IsScalar()) {
    YAML::Emitter out;
    out << YAML::Flow << node;
    return out.c_str();
  }
  if (node.Tag() == "!") {
    std::string quoted = "'";
    for (const char c : node.Scalar()) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'";
  }
  return node.Scalar();
}

}  // namespace

YAML::Node parse_yaml(std::string_view text, const std::string& file) {
  return parse_checked_yaml(text, file, "sweep and region", "sweep or region settings");
}

std::string unknown_key(const std::string& key, const std::vector<std::string_view>& known) {
  std::string_view best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : known) {
    const std::size_t d = edit_distance(key, candidate);
    if (best.empty() || d < best_distance) best = candidate, best_distance = d;
  }
  if (!best.empty() && best_distance <= std::max<std::size_t>(2, key.size() / 3))
    return "unknown key '" + key + "' (did you mean '" + std::string(best) + "'?)";
  std::string list;
  for (std::string_view candidate : known) list += (list.empty() ? "" : ", ") + std::string(candidate);
  return "unknown key '" + key + "' (expected one of " + list + ")";
}

void check_keys(const YAML::Node& mapping, const std::vector<std::string_view>& known, const std::string& file,
                const std::string& prefix) {
  std::map<std::string, Where> seen;
  for (const auto& entry : mapping) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) fail(file, where(key), prefix, "found " + describe(key) + " as a key (expected a name)");
    const std::string path = prefix.empty() ? key.Scalar() : prefix + "." + key.Scalar();
    const auto [earlier, inserted] = seen.emplace(key.Scalar(), where(key));
    if (!inserted)
      fail(file, where(key), path,
           "duplicate key (already written at line " + std::to_string(earlier->second.line) + ")");
    if (std::find(known.begin(), known.end(), key.Scalar()) == known.end())
      fail(file, where(key), path, unknown_key(key.Scalar(), known));
  }
}

const ParamSpec& parameter(const std::string& key, const std::string& file, Where at) {
  const ParamSpec* spec = find_parameter(key);
  if (spec == nullptr) {
    std::string problem = "unknown parameter '" + key + "'";
    const auto closest = closest_parameters(key);
    if (!closest.empty()) problem += " (did you mean '" + std::string(closest.front()) + "'?)";
    fail(file, at, key, problem);
  }
  if (key == "run.seed")
    fail(file, at, key, "the seed of each run is derived from the seed: key (expected no run.seed here)");
  return *spec;
}

double parameter_value(const Scenario& base, const ParamSpec& spec, const YAML::Node& node, const std::string& file,
                       const std::string& key) {
  if (node.IsScalar() && node.Tag() != "?" && node.Tag() != "!")
    fail(file, where(node), key, "YAML tag '" + node.Tag() + "' is not supported");
  Scenario probe = base;
  probe.timeline.clear();  // checked with the value alone: the base's own timeline is not at issue
  try {
    apply_overrides(probe, {std::string(spec.path) + "=" + override_text(node)});
  } catch (const ScenarioError& e) {
    fail(file, where(node), key, e.problem());
  }
  return spec.get(probe);
}

std::vector<std::pair<std::string, YAML::Node>> parameter_entries(const YAML::Node& mapping, const std::string& file,
                                                                  const std::string& prefix, std::string_view skip) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  std::map<std::string, Where> seen;
  const auto walk = [&](auto&& self, const YAML::Node& node, const std::string& path_prefix) -> void {
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar())
        fail(file, where(key), prefix, "found " + describe(key) + " as a key (expected a parameter)");
      const std::string path = path_prefix.empty() ? key.Scalar() : path_prefix + "." + key.Scalar();
      if (path_prefix.empty() && !skip.empty() && key.Scalar() == skip) continue;
      if (entry.second.IsMap() && find_parameter(path) == nullptr) {
        self(self, entry.second, path);
        continue;
      }
      const auto [earlier, inserted] = seen.emplace(path, where(key));
      if (!inserted)
        fail(file, where(key), prefix + "." + path,
             "duplicate key (already written at line " + std::to_string(earlier->second.line) + ")");
      parameter(path, file, where(key));
      if (!entry.second.IsDefined() || entry.second.IsNull())
        fail(file, where(key), prefix + "." + path, "found an empty value (expected a value of the parameter)");
      out.emplace_back(path, entry.second);
    }
  };
  if (!mapping.IsMap())
    fail(file, where(mapping), prefix, "found " + describe(mapping) + " (expected a mapping of parameters)");
  walk(walk, mapping, "");
  return out;
}

std::int64_t integer_value(const YAML::Node& node, const std::string& file, const std::string& key, std::int64_t min,
                           std::int64_t max) {
  const std::string expected = " (expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (!node.IsScalar() || node.Tag() != "?") fail(file, where(node), key, "found " + describe(node) + expected);
  const std::string& text = node.Scalar();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size() || error != std::errc{})
    fail(file, where(node), key, "'" + text + "' is not an integer" + expected);
  if (value < min || value > max) fail(file, where(node), key, "value " + text + " out of range" + expected);
  return value;
}

double real_value(const YAML::Node& node, const std::string& file, const std::string& key) {
  if (!node.IsScalar() || node.Tag() != "?")
    fail(file, where(node), key, "found " + describe(node) + " (expected a number)");
  const std::string& text = node.Scalar();
  std::string_view digits = text;
  if (digits.size() > 1 && digits[0] == '+') digits.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || end != digits.data() + digits.size() || error != std::errc{} || !std::isfinite(value))
    fail(file, where(node), key, "'" + text + "' is not a number (expected a finite number)");
  return value;
}

std::string text_value(const YAML::Node& node, const std::string& file, const std::string& key) {
  if (!node.IsScalar() || node.Scalar().empty())
    fail(file, where(node), key, "found " + describe(node) + " (expected text)");
  return node.Scalar();
}

std::string relative_to(const std::string& file, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(file).parent_path() / p).lexically_normal().string();
}

Scenario load_base_scenario(const YAML::Node& node, const std::string& file, const std::string& key) {
  const std::string path = relative_to(file, text_value(node, file, key));
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored))
    fail(file, where(node), key, "no scenario file " + path + " (expected a path relative to this file)");
  return load_scenario(path);
}

void set_parameter(Scenario& scenario, const ParamSpec& spec, double value) {
  spec.set(scenario, value);
  if (!scenario.source_text.empty() && !scenario.source_text.ends_with('\n')) scenario.source_text += '\n';
  std::string text = format_parameter_value(spec, value);
  if (spec.type == ParamType::real) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    text.assign(buffer, result.ptr);
  }
  scenario.source_text += "# --set " + std::string(spec.path) + "=" + text + "\n";
}

void apply_set(Scenario& base, const YAML::Node& set, const std::string& file, std::set<std::string>& fixed) {
  for (const auto& [key, node] : parameter_entries(set, file, "set")) {
    const ParamSpec& spec = *find_parameter(key);
    set_parameter(base, spec, parameter_value(base, spec, node, file, "set." + key));
    fixed.insert(key);
  }
  const auto problems = validate(base);
  if (!problems.empty()) fail(file, where(set), problems.front().key, problems.front().problem);
}

RunPlan read_plan_header(const YAML::Node& root, std::string_view text, const std::string& file,
                         const std::string& kind) {
  RunPlan plan;
  plan.kind = kind;
  plan.source_path = file;
  plan.source_text = std::string(text);
  plan.name = root["name"] ? text_value(root["name"], file, "name") : std::filesystem::path(file).stem().string();
  if (root["description"]) text_value(root["description"], file, "description");
  if (root["replicates"])
    plan.replicates = static_cast<int>(integer_value(root["replicates"], file, "replicates", 1, 100000));
  if (root["seed"]) plan.seed = static_cast<std::uint64_t>(integer_value(root["seed"], file, "seed", 0, INT64_MAX));
  return plan;
}

}  // namespace kyosei::ensemble
