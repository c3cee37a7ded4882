#pragma once
// What the sweep, region and sensitivity readers share: the plan header (name, replicates, seed),
// located errors in the scenario loader's style ("file:line:col: key: problem (expected ...)"), the same
// refusals of binary text, aliases and deep nesting, "did you mean" for keys and parameters, and
// parameter values checked exactly as a scenario file's are (through apply_overrides).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kyosei/model/params.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "../io/checked_yaml.hpp"

namespace kyosei::ensemble {

using kyosei::describe;
using kyosei::fail;
using kyosei::read_text_file;
using kyosei::Where;
using kyosei::where;

// Parses one YAML document after checking its bytes (UTF-8 text, no tabs in indentation) and its
// events (no aliases, at most 32 levels, one document). Errors are located in `file`.
YAML::Node parse_yaml(std::string_view text, const std::string& file);

// "unknown key 'x' (did you mean 'y'?)" among `known`, or "unknown key 'x' (expected one of ...)".
std::string unknown_key(const std::string& key, const std::vector<std::string_view>& known);

// Checks the top-level keys of a mapping against `known`, refusing unknown and duplicate keys.
void check_keys(const YAML::Node& mapping, const std::vector<std::string_view>& known, const std::string& file,
                const std::string& prefix);

// The parameter named `key` (written at `at`), or a located "unknown parameter" error with a
// "did you mean". run.seed is refused: the ensemble's seed decides every run's seed.
const ParamSpec& parameter(const std::string& key, const std::string& file, Where at);

// The value `node` gives parameter `key`, read by the scenario loader's rules (type, range,
// quoting) and checked on `base`. Errors point at the node.
double parameter_value(const Scenario& base, const ParamSpec& spec, const YAML::Node& node, const std::string& file,
                       const std::string& key);

// The (key path, value node) pairs of a mapping of parameters, nested ("outreach: {workers: 2}")
// or dotted ("outreach.workers: 2"), in the order written; duplicates refused.
// A top-level key equal to `skip` is left out (the name of an explicit variant).
std::vector<std::pair<std::string, YAML::Node>> parameter_entries(const YAML::Node& mapping, const std::string& file,
                                                                  const std::string& prefix,
                                                                  std::string_view skip = {});

// A whole number from a scalar (`what` for messages, e.g. "an integer from 1 to 10000").
std::int64_t integer_value(const YAML::Node& node, const std::string& file, const std::string& key, std::int64_t min,
                           std::int64_t max);
double real_value(const YAML::Node& node, const std::string& file, const std::string& key);
std::string text_value(const YAML::Node& node, const std::string& file, const std::string& key);

// A path written in a file, relative to that file's directory.
std::string relative_to(const std::string& file, const std::string& path);

// Loads the base scenario named at `node` (relative to `file`); its errors keep their own file.
Scenario load_base_scenario(const YAML::Node& node, const std::string& file, const std::string& key);

// Sets the value on the scenario and records "# --set key=value" in its text, as the CLI's --set.
void set_parameter(Scenario& scenario, const ParamSpec& spec, double value);

// Applies a `set:` mapping of fixed overrides to `base`, each checked as the loader checks it and
// then together (validate), and adds their keys to `fixed`.
void apply_set(Scenario& base, const YAML::Node& set, const std::string& file, std::set<std::string>& fixed);

// A plan of `kind` read from `text` (at `file`) with the keys every plan file shares: name (default
// the file's stem), description (checked, not kept), replicates and seed; no runs yet.
RunPlan read_plan_header(const YAML::Node& root, std::string_view text, const std::string& file,
                         const std::string& kind);

}  // namespace kyosei::ensemble
