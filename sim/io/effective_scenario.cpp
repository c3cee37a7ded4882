// What a result file says ran (scenario_yaml.hpp): the scenario's text with its --set overrides
// written into it, so that the `scenario` attribute is the scenario that ran, and the overrides
// listed apart.
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "kyosei/model/params.hpp"
#include "kyosei/io/scenario_yaml.hpp"

namespace kyosei {
namespace {

constexpr std::string_view kOverrideComment = "# --set ";

// Sets `value` at the dotted `path` under `node`: where the file wrote the rest of the path as
// one flat key ("intake.mode: silo"), there; else in nested mappings, made where missing.
void set_path(YAML::Node node, const std::string& path, const YAML::Node& value) {
  if (node[path] || path.find('.') == std::string::npos) {
    node[path] = value;
    return;
  }
  const std::size_t dot = path.find('.');
  const std::string head = path.substr(0, dot);
  if (!node[head] || !node[head].IsMap()) node[head] = YAML::Node(YAML::NodeType::Map);
  set_path(node[head], path.substr(dot + 1), value);
}

bool same_parameters(const Scenario& a, const Scenario& b) {
  for (const ParamSpec& spec : parameter_table())
    if (spec.get(a) != spec.get(b)) return false;
  return a.timeline.size() == b.timeline.size() && a.name == b.name;
}

}  // namespace

std::vector<std::string> scenario_overrides(const Scenario& scenario) {
  std::vector<std::string> overrides;
  std::istringstream lines(scenario.source_text);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(kOverrideComment)) overrides.push_back(line.substr(kOverrideComment.size()));
  return overrides;
}

std::string effective_scenario_text(const Scenario& scenario) {
  const std::vector<std::string> overrides = scenario_overrides(scenario);
  if (overrides.empty()) return scenario.source_text;
  try {
    YAML::Node root = YAML::Load(scenario.source_text);  // the override lines are comments
    if (!root.IsMap()) root = YAML::Node(YAML::NodeType::Map);
    if (!root["name"]) root["name"] = scenario.name;  // else the name would come from the file's stem
    for (const std::string& assignment : overrides) {
      const std::size_t equals = assignment.find('=');
      set_path(root, assignment.substr(0, equals), YAML::Load(assignment.substr(equals + 1)));
    }
    YAML::Emitter out;
    out << root;
    const std::string text = std::string(out.c_str()) + "\n";
    // Kept only if it reads back as the same scenario; else the text with its override comments.
    if (same_parameters(parse_scenario(text, scenario.source_path), scenario)) return text;
  } catch (const std::exception&) {}
  return scenario.source_text;
}

}  // namespace kyosei
