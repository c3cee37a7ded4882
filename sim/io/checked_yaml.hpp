#pragma once
// Reading YAML that people write by hand, for the scenario loader and the sweep and region
// readers: errors located as "file:line:col: key: problem (expected ...)" (ScenarioError), and the
// same refusals of binary text, tabs in indentation, aliases, deep nesting and second documents.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace kyosei {

// A 1-based position in a file; {0, 0} where there is none (an override).
struct Where {
  int line = 0;
  int column = 0;
};

Where where(const YAML::Mark& mark);
Where where(const YAML::Node& node);

[[noreturn]] void fail(const std::string& file, Where at, const std::string& key, const std::string& problem);

// The file's text; ScenarioError when it cannot be read.
std::string read_text_file(const std::string& path);

// One YAML document, after checking its bytes and its events. `kind` names the files in messages
// ("scenario"), `contents` what the document maps ("parameters").
YAML::Node parse_checked_yaml(std::string_view text, const std::string& file, std::string_view kind,
                              std::string_view contents);

// "a mapping", "a sequence", "the value 'x'", "an empty value".
std::string describe(const YAML::Node& node);

}  // namespace kyosei
