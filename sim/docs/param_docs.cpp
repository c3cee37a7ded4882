// docs/parameters.md, generated from the parameter table so that the documentation cannot drift
// from the values the loader accepts (see params.hpp).
#include <string>
#include <string_view>

#include "kyosei/model/params.hpp"
#include "docs/markdown.hpp"

namespace kyosei {
namespace {

constexpr std::string_view kPreamble =
    "# Scenario parameters\n"
    "\n"
    "<!-- Generated from the parameter table (sim/model/param_table.cpp) by\n"
    "     `kyosei params --markdown > docs/parameters.md`. Do not edit by hand. -->\n"
    "\n"
    "Every key that a scenario file (`scenarios/*.yaml`) or an override (`--set key.path=value`)\n"
    "may set. Key paths are nested YAML mappings: `intake.mode` is written\n"
    "\n"
    "```yaml\n"
    "intake:\n"
    "  mode: integrated\n"
    "```\n"
    "\n"
    "A key left out keeps its default. Ranges are inclusive and are checked when the scenario\n"
    "is loaded, with the checks that span several keys (the household shares must sum to 1).\n";

constexpr std::string_view kTableHeader =
    "| Name | Default | Unit | Range | Meaning | Source |\n"
    "|---|---|---|---|---|---|\n";

std::string range_cell(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::boolean: return "true, false";
    case ParamType::choice: {
      std::string names;
      for (std::string_view name : spec.choices) names += (names.empty() ? "`" : ", `") + std::string(name) + "`";
      return names;
    }
    case ParamType::integer:
    case ParamType::real:
      return format_parameter_value(spec, spec.min) + " to " + format_parameter_value(spec, spec.max);
  }
  return {};
}

std::string table_row(const ParamSpec& spec) {
  return "| `" + std::string(spec.path) + "` | " + markdown_cell(format_parameter_value(spec, spec.default_value)) +
         " | " + markdown_cell(spec.unit) + " | " + markdown_cell(range_cell(spec)) + " | " +
         markdown_cell(spec.meaning) + " | " + markdown_cell(spec.source) + " |\n";
}

std::string_view section_of(std::string_view path) { return path.substr(0, path.find('.')); }

}  // namespace

std::string parameter_dictionary_markdown() {
  std::string out(kPreamble);
  std::string_view section;
  for (const ParamSpec& spec : parameter_table()) {
    if (section_of(spec.path) != section) {  // the table lists each section's keys together
      section = section_of(spec.path);
      out += "\n## " + std::string(section) + "\n\n" + std::string(kTableHeader);
    }
    out += table_row(spec);
  }
  return out;
}

}  // namespace kyosei
