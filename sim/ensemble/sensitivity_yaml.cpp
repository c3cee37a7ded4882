// Sensitivity files to studies (sensitivity.hpp): the base scenario and its fixed overrides, the
// factors with their ranges, the method's design, and the run plan of its points.
#include <algorithm>
#include <cmath>
#include <set>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/ensemble/sensitivity.hpp"
#include "yaml_support.hpp"

namespace kyosei {
namespace {

using namespace ensemble;

constexpr std::size_t kMaxPoints = 100'000;  // each holds a copy of the scenario

const std::vector<std::string> kDefaultOutputs = {"overall.detection_365", "overall.detection_median_days",
                                                  "mean_isolation_residents", "cost_yen_per_year"};

std::size_t count_value(const YAML::Node& node, const std::string& file, const std::string& key, std::size_t min,
                        std::size_t max) {
  return static_cast<std::size_t>(
      integer_value(node, file, key, static_cast<std::int64_t>(min), static_cast<std::int64_t>(max)));
}

// A factor: a range {min, max} inside the parameter's own range, or the two values of a switch.
SensitivityFactor read_factor(const Scenario& base, const ParamSpec& spec, const YAML::Node& node,
                              const std::string& file, const std::string& key) {
  SensitivityFactor f;
  f.key = std::string(spec.path);
  const bool discrete = spec.type == ParamType::choice || spec.type == ParamType::boolean;
  if (node.IsSequence()) {
    if (node.size() != 2)
      fail(file, where(node), key,
           "a list of " + std::to_string(node.size()) +
               " values (expected the two values of a switch, e.g. [cold, warm]; a factor of more values has no order "
               "to rank: give a range or fix it in set:)");
    f.two_valued = true;
    f.min = parameter_value(base, spec, node[0], file, key + "[0]");
    f.max = parameter_value(base, spec, node[1], file, key + "[1]");
    if (f.min == f.max) fail(file, where(node[1]), key + "[1]", "the same value twice (expected two different values)");
    return f;
  }
  if (!node.IsMap())
    fail(file, where(node), key,
         "found " + describe(node) +
             (discrete ? " (expected the two values of a switch, e.g. [cold, warm])"
                       : " (expected a range {min, max} or the two values of a switch)"));
  if (discrete)
    fail(file, where(node), key, "a range of a choice or boolean parameter (expected a list of its two values)");
  check_keys(node, {"min", "max"}, file, key);
  for (const char* bound : {"min", "max"})
    if (!node[bound]) fail(file, where(node), key + "." + bound, "missing (expected {min, max})");
  f.min = parameter_value(base, spec, node["min"], file, key + ".min");
  f.max = parameter_value(base, spec, node["max"], file, key + ".max");
  if (!(f.min < f.max)) fail(file, where(node["max"]), key + ".max", "max is not above min (expected min < max)");
  f.integer = spec.type == ParamType::integer;
  return f;
}

// The value of factor f at u in [0, 1]: a switch's first value below 0.5 and its second from 0.5
// up; a whole-number parameter rounded to the nearest (Morris: a grid) or uniform over the whole
// numbers of the range (Latin hypercube, as a sweep's).
double factor_value(const SensitivityFactor& f, double u, SensitivityMethod method) {
  if (f.two_valued) return u < 0.5 ? f.min : f.max;
  if (!f.integer) return f.min + u * (f.max - f.min);
  if (method == SensitivityMethod::morris) return std::round(f.min + u * (f.max - f.min));
  return std::min(f.max, f.min + std::floor(u * (f.max - f.min + 1)));
}

std::vector<std::string> read_outputs(const YAML::Node& node, const std::string& file) {
  if (!node.IsSequence() || node.size() == 0)
    fail(file, where(node), "outputs",
         "found " + describe(node) + " (expected a list of summary numbers, e.g. [overall.rmst_days])");
  std::vector<std::string_view> known;
  for (const MetricColumn& c : metric_columns()) known.emplace_back(c.name);
  std::vector<std::string> outputs;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string key = "outputs[" + std::to_string(i) + "]";
    const std::string name = text_value(node[i], file, key);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      const auto closest = std::min_element(known.begin(), known.end(), [&](std::string_view a, std::string_view b) {
        return edit_distance(name, a) < edit_distance(name, b);
      });
      fail(file, where(node[i]), key,
           "unknown summary number '" + name + "' (did you mean '" + std::string(*closest) +
               "'? the columns of a sweep's summary.csv, e.g. overall.rmst_days)");
    }
    if (std::find(outputs.begin(), outputs.end(), name) != outputs.end())
      fail(file, where(node[i]), key, "'" + name + "' twice");
    outputs.push_back(name);
  }
  return outputs;
}

void read_morris(const YAML::Node& node, const std::string& file, MorrisOptions& morris) {
  if (!node.IsMap())
    fail(file, where(node), "morris", "found " + describe(node) + " (expected {trajectories, levels, candidates})");
  check_keys(node, {"trajectories", "levels", "candidates"}, file, "morris");
  if (node["trajectories"])
    morris.trajectories = count_value(node["trajectories"], file, "morris.trajectories", 2, 10000);
  if (node["levels"]) {
    morris.levels = static_cast<int>(integer_value(node["levels"], file, "morris.levels", 2, 100));
    if (morris.levels % 2 != 0)
      fail(file, where(node["levels"]), "morris.levels",
           "an odd number of levels (expected an even number: 4 is usual)");
  }
  if (node["candidates"]) {
    morris.candidates = count_value(node["candidates"], file, "morris.candidates", 1, 2000);
    if (morris.candidates < morris.trajectories)
      fail(file, where(node["candidates"]), "morris.candidates",
           "fewer than the trajectories (expected more candidates to choose the most spread from, e.g. 4 to 10 times "
           "as many)");
  }
}

}  // namespace

SensitivityStudy parse_sensitivity(std::string_view text, const std::string& file) {
  const YAML::Node root = parse_yaml(text, file);
  if (!root.IsMap())
    fail(file, where(root), "",
         "found " + describe(root) + " (expected a mapping with base, parameters, morris or lhs)");
  check_keys(root,
             {"name", "description", "base", "set", "parameters", "morris", "lhs", "outputs", "replicates", "seed",
              "bootstrap"},
             file, "");
  if (!root["base"])
    fail(file, {1, 1}, "base", "missing (expected the path of the base scenario, relative to this file)");
  if (!root["parameters"])
    fail(file, {1, 1}, "parameters", "missing (expected a mapping of parameters to {min, max} or [a, b])");
  if (static_cast<bool>(root["morris"]) == static_cast<bool>(root["lhs"]))
    fail(file, where(root["lhs"] ? root["lhs"] : root), root["lhs"] ? "lhs" : "morris",
         root["lhs"] ? "both morris: and lhs: (expected one method)"
                     : "missing (expected a method: morris: {trajectories, levels} or lhs: {samples})");

  SensitivityStudy study;
  study.plan = read_plan_header(root, text, file, "sensitivity");
  RunPlan& plan = study.plan;
  if (root["bootstrap"]) study.bootstrap = count_value(root["bootstrap"], file, "bootstrap", 0, 1000000);
  study.outputs = root["outputs"] ? read_outputs(root["outputs"], file) : kDefaultOutputs;

  Scenario base = load_base_scenario(root["base"], file, "base");
  std::set<std::string> fixed;
  if (root["set"]) apply_set(base, root["set"], file, fixed);

  if (root["morris"]) {
    study.method = SensitivityMethod::morris;
    read_morris(root["morris"], file, study.morris);
    study.morris.seed = plan.seed;
  } else {
    study.method = SensitivityMethod::lhs;
    const YAML::Node lhs = root["lhs"];
    if (!lhs.IsMap()) fail(file, where(lhs), "lhs", "found " + describe(lhs) + " (expected {samples})");
    check_keys(lhs, {"samples"}, file, "lhs");
    if (!lhs["samples"]) fail(file, where(lhs), "lhs.samples", "missing (expected the number of samples)");
    study.samples = count_value(lhs["samples"], file, "lhs.samples", 1, kMaxPoints);
  }

  const YAML::Node parameters = root["parameters"];
  if (!parameters.IsMap() || parameters.size() == 0)
    fail(file, where(parameters), "parameters",
         "found " + describe(parameters) + " (expected a mapping of parameters to {min, max} or [a, b])");
  // Dotted keys only ("outreach.workers: {min, max}"): a range is itself a mapping.
  std::set<std::string> seen;
  for (const auto& entry : parameters) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    const std::string where_key = "parameters." + key;
    const YAML::Node node = entry.second;
    const ParamSpec& spec = parameter(key, file, where(entry.first));
    if (!seen.insert(key).second) fail(file, where(entry.first), where_key, "duplicate key");
    if (fixed.count(key))
      fail(file, where(entry.first), where_key, "is both fixed in set: and varied (expected one of the two)");
    const SensitivityFactor& f = study.factors.emplace_back(read_factor(base, spec, node, file, where_key));
    const int steps = study.morris.levels - 1;
    if (study.method == SensitivityMethod::morris && f.integer && f.max - f.min < steps)
      fail(file, where(node), where_key,
           "a whole-number range narrower than the " + std::to_string(study.morris.levels) +
               " levels (expected max - min >= " + std::to_string(steps) + ", or fewer levels)");
  }
  const std::size_t k = study.factors.size();
  if (study.method == SensitivityMethod::lhs && study.samples < k + 3)
    fail(file, where(root["lhs"]["samples"]), "lhs.samples",
         std::to_string(study.samples) + " samples for " + std::to_string(k) +
             " parameters (expected at least parameters + 3, and ten times as many for stable rankings)");

  if (root["morris"]) {
    if ((k + 1) * study.morris.trajectories > kMaxPoints)
      fail(file, where(root["morris"]), "morris", "more than " + std::to_string(kMaxPoints) + " points");
    study.design = morris_trajectories(k, study.morris);
  } else {
    study.design = latin_hypercube(study.samples, k, splitmix64(plan.seed ^ 0x6c6873ull));  // "lhs"
  }

  for (const SensitivityFactor& f : study.factors) {
    const ParamSpec& spec = *find_parameter(f.key);
    const bool text_column = spec.type == ParamType::choice || spec.type == ParamType::boolean;
    plan.columns.push_back({f.key, text_column, std::string(spec.unit), std::string(spec.meaning)});
  }
  for (std::size_t point = 0; point < study.design.size(); ++point) {
    Variant variant{base, {}};
    for (std::size_t j = 0; j < k; ++j) {
      const ParamSpec& spec = *find_parameter(study.factors[j].key);
      const double value = factor_value(study.factors[j], study.design[point][j], study.method);
      set_parameter(variant.scenario, spec, value);
      variant.cells.push_back({value, plan.columns[j].text ? format_parameter_value(spec, value) : std::string()});
    }
    const auto problems = validate(variant.scenario);
    if (!problems.empty())
      fail(file, where(parameters), problems.front().key,
           problems.front().problem + " at point " + std::to_string(point));
    variant.scenario.source_text += "# sensitivity point " + std::to_string(point) + "\n";
    plan.variants.push_back(std::move(variant));
  }
  add_runs(plan, "p", {}, [](std::size_t) { return 0; });  // common random numbers across points
  return study;
}

SensitivityStudy load_sensitivity(const std::string& path) { return parse_sensitivity(read_text_file(path), path); }

}  // namespace kyosei
