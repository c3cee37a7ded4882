// Tests of sim/io/summary_json.cpp: every Summary number, NaN as null, escaped strings, and
// (where /usr/bin/python3 exists) a parse by Python's json module.
#include "kyosei/io/summary_json.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "kyosei/analysis/summary_fields.hpp"

namespace kyosei {
namespace {

Summary sample_summary() {
  Summary s;
  s.overall.episodes = 10;
  s.overall.detection_365 = 0.375;
  s.overall.detected = 7;
  s.overall.median_days = 12.5;
  s.overall.rmst_days = 40.25;
  s.overall.within_30 = 0.25;
  s.overall.within_90 = 0.5;
  s.overall.within_365 = 0.7;
  s.by_field[2].median_days = std::nan("");
  s.by_compound[0].rmst_days = 1e-7;
  s.mean_isolation_residents = 0.1;
  s.share_crisis = std::nan("");
  s.refusals = 123456789012;
  return s;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Built by appending: GCC 12's -Wrestrict misfires on "literal" + std::string here.
bool has_object(const std::string& text, std::string_view key) {
  std::string member = "\"";
  member.append(key);
  member.append("\": {");
  return contains(text, member);
}

TEST(SummaryJson, WritesEveryNumberWithNaNAsNull) {
  const std::string json = summary_to_json(sample_summary(), "baseline");
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.substr(json.size() - 2), "}\n");
  EXPECT_TRUE(contains(json, "\"scenario\": \"baseline\""));
  EXPECT_TRUE(contains(json, "\"overall\": {\n    \"episodes\": 10,\n    \"contact_365\": 0,\n")) << json;
  EXPECT_TRUE(contains(json, "    \"detection_365\": 0.375,\n")) << json;
  EXPECT_TRUE(contains(json,
                       "    \"resolution_365\": 0,\n    \"detected\": 7,\n"
                       "    \"median_days\": 12.5,\n    \"rmst_days\": 40.25,"))
      << json;
  EXPECT_TRUE(contains(json, "      \"detected\": 0,\n      \"median_days\": null,")) << json;
  EXPECT_TRUE(contains(json, "\"rmst_days\": 1e-07")) << json;
  EXPECT_TRUE(contains(json, "\"mean_isolation_residents\": 0.1,"));  // shortest round trip
  EXPECT_TRUE(contains(json, "\"share_crisis\": null,"));
  EXPECT_TRUE(contains(json, "\"refusals\": 123456789012,"));
  for (const auto name : kFieldNames) EXPECT_TRUE(has_object(json, name)) << name;
  for (const auto name : kCompoundTagNames) EXPECT_TRUE(has_object(json, name)) << name;
#define KYOSEI_CHECK(name, unit, meaning) EXPECT_TRUE(contains(json, "\"" #name "\": ")) << #name;
  KYOSEI_SUMMARY_SCALARS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
}

TEST(SummaryJson, EscapesTheScenarioName) {
  const std::string json = summary_to_json(Summary{}, "a \"b\"\\c\n\t\x01 共生");
  EXPECT_TRUE(contains(json, "\"scenario\": \"a \\\"b\\\"\\\\c\\n\\t\\u0001 共生\"")) << json;
}

// Python's json module parses the text and finds the values where the layout says.
TEST(SummaryJson, ParsesWithPython) {
  if (std::system("/usr/bin/python3 -c 'import json' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 not available";
  }
  const auto dir = std::filesystem::temp_directory_path();
  const auto stem = "kyosei_json_" + std::to_string(::getpid());
  const auto json_path = dir / (stem + ".json");
  const auto script_path = dir / (stem + ".py");
  std::ofstream(json_path) << summary_to_json(sample_summary(), "quote\" name");
  std::ofstream(script_path) << R"(import json, sys
s = json.load(open(sys.argv[1]))
assert s["scenario"] == 'quote" name'
assert s["overall"]["within_365"] == 0.7
assert s["by_field"]["child"]["median_days"] is None
assert s["by_compound"]["8050"]["rmst_days"] == 1e-7
assert s["no_compound"]["episodes"] == 0
assert s["share_crisis"] is None and s["refusals"] == 123456789012
assert len(s["by_field"]) == 5 and len(s["by_compound"]) == 4
)";
  const std::string command = "/usr/bin/python3 " + script_path.string() + " " + json_path.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::filesystem::remove(json_path);
  std::filesystem::remove(script_path);
}

}  // namespace
}  // namespace kyosei
