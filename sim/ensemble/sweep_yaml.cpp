// Sweep files to run plans (sweep.hpp): the base scenario, the fixed overrides, the variations
// (grid of lists and ranges, explicit variants, Latin hypercube), replicates and seeds.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/ensemble/sensitivity.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "yaml_support.hpp"

namespace kyosei {
namespace {

using namespace ensemble;

constexpr std::size_t kMaxVariants = 100'000;  // each holds a copy of the scenario
constexpr std::size_t kMaxValues = 100'000;    // of one list or range

// One section of `vary`: its parameters and its rows of values (NaN: the parameter keeps the base
// value in that row), with optional row names.
struct Section {
  std::vector<const ParamSpec*> keys;
  std::vector<std::vector<double>> rows;
  std::vector<std::string> names;
};

class SweepReader {
public:
  SweepReader(const std::string& file, std::set<std::string>& fixed, std::vector<std::string>& varied)
      : file_(file), fixed_(fixed), varied_(varied) {}

  void note_varied(const std::string& key, const YAML::Node& at, const std::string& section) {
    if (fixed_.count(key))
      fail(file_, where(at), section + "." + key, "is both fixed in set: and varied (expected one of the two)");
    if (std::find(varied_.begin(), varied_.end(), key) != varied_.end() && section_keys_.count(key) == 0)
      fail(file_, where(at), section + "." + key,
           "is varied in two sections of vary: (expected each parameter in one)");
    section_keys_.insert(key);
    if (std::find(varied_.begin(), varied_.end(), key) == varied_.end()) varied_.push_back(key);
  }

  // A list of values, or a range {from, to, step} with both ends included.
  std::vector<double> values(const Scenario& base, const ParamSpec& spec, const YAML::Node& node,
                             const std::string& key) {
    std::vector<double> out;
    if (node.IsSequence()) {
      if (node.size() == 0) fail(file_, where(node), key, "an empty list (expected at least one value)");
      if (node.size() > kMaxValues)
        fail(file_, where(node), key, "more than " + std::to_string(kMaxValues) + " values");
      for (const YAML::Node& value : node) out.push_back(parameter_value(base, spec, value, file_, key));
      return out;
    }
    if (!node.IsMap())
      fail(file_, where(node), key,
           "found " + describe(node) +
               " (expected a list of values or a range {from, to, step}; a single value goes in set:)");
    check_keys(node, {"from", "to", "step"}, file_, key);
    for (const char* part : {"from", "to", "step"})
      if (!node[part])
        fail(file_, where(node), key, std::string("a range without ") + part + " (expected {from, to, step})");
    if (spec.type == ParamType::choice || spec.type == ParamType::boolean)
      fail(file_, where(node), key,
           "a range of a " + std::string(spec.type == ParamType::choice ? "choice" : "boolean") +
               " parameter (expected a list of values)");
    const double from = parameter_value(base, spec, node["from"], file_, key + ".from");
    const double to = parameter_value(base, spec, node["to"], file_, key + ".to");
    const double step = real_value(node["step"], file_, key + ".step");
    if (!(step > 0))
      fail(file_, where(node["step"]), key + ".step",
           "step " + node["step"].Scalar() + " (expected a positive number)");
    if (spec.type == ParamType::integer && step != std::floor(step))
      fail(file_, where(node["step"]), key + ".step",
           "step " + node["step"].Scalar() + " of an integer parameter (expected a whole number)");
    if (to < from) fail(file_, where(node["to"]), key + ".to", "to is below from (expected from <= to)");
    const double count = std::floor((to - from) / step * (1 + 1e-12) + 1e-9) + 1;
    if (count > static_cast<double>(kMaxValues))
      fail(file_, where(node), key, "more than " + std::to_string(kMaxValues) + " values");
    for (std::size_t k = 0; k < static_cast<std::size_t>(count); ++k) {
      double value = from + static_cast<double>(k) * step;
      // from + k step in decimal: 0.1 + 2 x 0.1 is 0.3, not 0.30000000000000004
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.12g", value);
      value = std::min(std::strtod(buffer, nullptr), spec.max);
      out.push_back(value);
    }
    return out;
  }

  Section grid(const Scenario& base, const YAML::Node& node) {
    if (!node.IsMap() || node.size() == 0)
      fail(file_, where(node), "vary.grid",
           "found " + describe(node) + " (expected a mapping of parameters to lists or ranges)");
    Section section;
    std::vector<std::vector<double>> axes;
    double combinations = 1;
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
      const ParamSpec& spec = parameter(key, file_, where(entry.first));
      if (std::find(section.keys.begin(), section.keys.end(), &spec) != section.keys.end())
        fail(file_, where(entry.first), "vary.grid." + key, "duplicate key");
      note_varied(key, entry.first, "vary.grid");
      section.keys.push_back(&spec);
      axes.push_back(values(base, spec, entry.second, "vary.grid." + key));
      combinations *= static_cast<double>(axes.back().size());
      if (combinations > static_cast<double>(kMaxVariants))
        fail(file_, where(entry.first), "vary.grid", "more than " + std::to_string(kMaxVariants) + " combinations");
    }
    std::vector<std::size_t> at(axes.size(), 0);
    for (std::size_t n = 0; n < static_cast<std::size_t>(combinations); ++n) {
      std::vector<double> row;
      for (std::size_t a = 0; a < axes.size(); ++a) row.push_back(axes[a][at[a]]);
      section.rows.push_back(std::move(row));
      for (std::size_t a = axes.size(); a-- > 0;) {  // the last key varies fastest
        if (++at[a] < axes[a].size()) break;
        at[a] = 0;
      }
    }
    return section;
  }

  Section variants(const Scenario& base, const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0)
      fail(file_, where(node), "vary.variants",
           "found " + describe(node) + " (expected a list of mappings of parameters)");
    Section section;
    std::vector<std::vector<std::pair<const ParamSpec*, double>>> rows;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const std::string at = "vary.variants[" + std::to_string(i) + "]";
      if (!item.IsMap())
        fail(file_, where(item), at, "found " + describe(item) + " (expected a mapping of parameters)");
      std::string name;
      if (item["name"]) name = text_value(item["name"], file_, at + ".name");
      std::vector<std::pair<const ParamSpec*, double>> row;
      for (const auto& [key, value] : parameter_entries(item, file_, at, "name")) {
        const ParamSpec& spec = *find_parameter(key);
        note_varied(key, value, "vary.variants");
        if (std::find(section.keys.begin(), section.keys.end(), &spec) == section.keys.end())
          section.keys.push_back(&spec);
        row.emplace_back(&spec, parameter_value(base, spec, value, file_, at + "." + key));
      }
      if (row.empty() && name.empty()) fail(file_, where(item), at, "an empty variant (expected parameters)");
      rows.push_back(std::move(row));
      section.names.push_back(name);
    }
    for (const auto& row : rows) {
      std::vector<double> values(section.keys.size(), NAN);
      for (const auto& [spec, value] : row)
        values[static_cast<std::size_t>(std::find(section.keys.begin(), section.keys.end(), spec) -
                                        section.keys.begin())] = value;
      section.rows.push_back(std::move(values));
    }
    return section;
  }

  Section latin_hypercube(const Scenario& base, const YAML::Node& node) {
    const std::string at = "vary.latin_hypercube";
    if (!node.IsMap())
      fail(file_, where(node), at,
           "found " + describe(node) + " (expected a mapping with samples, seed and parameters)");
    check_keys(node, {"samples", "seed", "parameters"}, file_, at);
    if (!node["samples"]) fail(file_, where(node), at + ".samples", "missing (expected the number of samples)");
    if (!node["parameters"])
      fail(file_, where(node), at + ".parameters", "missing (expected a mapping of parameters to {min, max} or lists)");
    const auto samples =
        static_cast<std::size_t>(integer_value(node["samples"], file_, at + ".samples", 1, kMaxValues));
    const auto seed =
        node["seed"] ? static_cast<std::uint64_t>(integer_value(node["seed"], file_, at + ".seed", 0, INT64_MAX)) : 1;
    const YAML::Node parameters = node["parameters"];
    if (!parameters.IsMap() || parameters.size() == 0)
      fail(file_, where(parameters), at + ".parameters",
           "found " + describe(parameters) + " (expected a mapping of parameters to {min, max} or lists)");
    Section section;
    section.rows.assign(samples, {});
    const Matrix unit = kyosei::latin_hypercube(samples, parameters.size(), seed);
    for (const auto& entry : parameters) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
      const std::string where_key = at + ".parameters." + key;
      const ParamSpec& spec = parameter(key, file_, where(entry.first));
      if (std::find(section.keys.begin(), section.keys.end(), &spec) != section.keys.end())
        fail(file_, where(entry.first), where_key, "duplicate key");
      note_varied(key, entry.first, "vary.latin_hypercube");
      const std::size_t column = section.keys.size();
      section.keys.push_back(&spec);
      const YAML::Node range = entry.second;
      std::vector<double> levels;
      double low = 0, high = 0;
      if (range.IsSequence()) {
        levels = values(base, spec, range, where_key);
      } else if (range.IsMap()) {
        if (spec.type == ParamType::choice || spec.type == ParamType::boolean)
          fail(file_, where(range), where_key, "a range of a choice or boolean parameter (expected a list of values)");
        check_keys(range, {"min", "max"}, file_, where_key);
        if (!range["min"] || !range["max"]) fail(file_, where(range), where_key, "expected {min, max}");
        low = parameter_value(base, spec, range["min"], file_, where_key + ".min");
        high = parameter_value(base, spec, range["max"], file_, where_key + ".max");
        if (!(low < high))
          fail(file_, where(range["max"]), where_key + ".max", "max is not above min (expected min < max)");
      } else {
        fail(file_, where(range), where_key, "found " + describe(range) + " (expected {min, max} or a list of values)");
      }
      for (std::size_t i = 0; i < samples; ++i) {
        const double u = unit[i][column];
        double value;
        if (!levels.empty()) {
          value = levels[std::min(levels.size() - 1, static_cast<std::size_t>(u * static_cast<double>(levels.size())))];
        } else if (spec.type == ParamType::integer) {
          value = std::min(high, low + std::floor(u * (high - low + 1)));
        } else {
          value = low + u * (high - low);
        }
        section.rows[i].push_back(value);
      }
    }
    return section;
  }

  void start_section() { section_keys_.clear(); }

private:
  const std::string& file_;
  std::set<std::string>& fixed_;
  std::vector<std::string>& varied_;
  std::set<std::string> section_keys_;
};

}  // namespace

RunPlan parse_sweep(std::string_view text, const std::string& file) {
  const YAML::Node root = parse_yaml(text, file);
  if (!root.IsMap())
    fail(file, where(root), "", "found " + describe(root) + " (expected a mapping with base, vary, replicates, seed)");
  check_keys(root, {"name", "description", "base", "set", "vary", "replicates", "seed", "seeds"}, file, "");
  if (!root["base"])
    fail(file, {1, 1}, "base", "missing (expected the path of the base scenario, relative to this file)");

  RunPlan plan = read_plan_header(root, text, file, "sweep");
  if (root["seeds"]) {
    const std::string mode = text_value(root["seeds"], file, "seeds");
    if (mode != "common" && mode != "independent")
      fail(file, where(root["seeds"]), "seeds", "unknown value '" + mode + "' (expected common or independent)");
    plan.seeds = mode == "common" ? SeedMode::common : SeedMode::independent;
  }

  Scenario base = load_base_scenario(root["base"], file, "base");
  std::set<std::string> fixed;
  if (root["set"]) apply_set(base, root["set"], file, fixed);

  std::vector<std::string> varied;
  SweepReader reader(file, fixed, varied);
  std::vector<Section> sections;
  if (const YAML::Node vary = root["vary"]) {
    if (!vary.IsMap())
      fail(file, where(vary), "vary", "found " + describe(vary) + " (expected grid, variants or latin_hypercube)");
    check_keys(vary, {"grid", "variants", "latin_hypercube"}, file, "vary");
    for (const auto& entry : vary) {
      reader.start_section();
      const std::string kind = entry.first.Scalar();
      if (kind == "grid")
        sections.push_back(reader.grid(base, entry.second));
      else if (kind == "variants")
        sections.push_back(reader.variants(base, entry.second));
      else
        sections.push_back(reader.latin_hypercube(base, entry.second));
    }
  }

  // The product of the sections, the first varying slowest.
  double total = 1;
  for (const Section& s : sections) total *= static_cast<double>(s.rows.size());
  if (total > static_cast<double>(kMaxVariants))
    fail(file, where(root["vary"]), "vary", "more than " + std::to_string(kMaxVariants) + " variants");
  const bool named = std::any_of(sections.begin(), sections.end(), [](const Section& s) {
    return std::any_of(s.names.begin(), s.names.end(), [](const std::string& n) { return !n.empty(); });
  });
  if (named) plan.columns.push_back({"variant_name", true, "name", "Name of the explicit variant"});
  std::vector<const ParamSpec*> specs;
  for (const std::string& key : varied) {
    const ParamSpec* spec = find_parameter(key);
    specs.push_back(spec);
    const bool text_column = spec->type == ParamType::choice || spec->type == ParamType::boolean;
    plan.columns.push_back({key, text_column, std::string(spec->unit), std::string(spec->meaning)});
  }
  std::vector<std::string> suffixes;
  std::vector<std::size_t> at(sections.size(), 0);
  for (std::size_t v = 0; v < static_cast<std::size_t>(total); ++v) {
    Variant variant{base, {}};
    std::string name;
    for (std::size_t s = 0; s < sections.size(); ++s) {
      const Section& section = sections[s];
      for (std::size_t k = 0; k < section.keys.size(); ++k) {
        const double value = section.rows[at[s]][k];
        if (!std::isnan(value)) set_parameter(variant.scenario, *section.keys[k], value);
      }
      if (!section.names.empty() && !section.names[at[s]].empty())
        name += (name.empty() ? "" : "+") + section.names[at[s]];
    }
    const auto problems = validate(variant.scenario);
    if (!problems.empty())
      fail(file, where(root["vary"]), problems.front().key,
           problems.front().problem + " in variant " + std::to_string(v));
    variant.scenario.source_text += "# sweep variant " + std::to_string(v) + "\n";
    if (named) variant.cells.push_back({NAN, name});
    for (const ParamSpec* spec : specs) {
      const double value = spec->get(variant.scenario);
      variant.cells.push_back({value, spec->type == ParamType::choice || spec->type == ParamType::boolean
                                          ? format_parameter_value(*spec, value)
                                          : std::string()});
    }
    plan.variants.push_back(std::move(variant));
    suffixes.push_back(name);
    for (std::size_t s = sections.size(); s-- > 0;) {
      if (++at[s] < sections[s].rows.size()) break;
      at[s] = 0;
    }
  }
  if (plan.variants.empty()) {  // no vary: the base scenario alone, replicated
    plan.variants.push_back({base, {}});
    suffixes.emplace_back();
  }
  const SeedMode mode = plan.seeds;
  add_runs(plan, "v", suffixes, [mode](std::size_t v) { return mode == SeedMode::common ? 0 : v + 1; });
  return plan;
}

RunPlan load_sweep(const std::string& path) { return parse_sweep(read_text_file(path), path); }

}  // namespace kyosei
