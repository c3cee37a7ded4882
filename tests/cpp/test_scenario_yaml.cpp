// Tests of sim/io/scenario_yaml.cpp (and of the error message format and the parameter table
// invariants that the loader relies on): the shared scenarios load, overrides apply, and every
// malformed file in tests/data/bad fails with exactly the message in its expectations.txt.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/io/scenario_yaml.hpp"

namespace kyosei {
namespace {

const std::filesystem::path kSourceDir = KYOSEI_SOURCE_DIR;
const std::filesystem::path kBadDir = kSourceDir / "tests" / "data" / "bad";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The what() of the ScenarioError that `action` throws, or a note that it threw none.
template <class Action>
std::string scenario_error_of(Action action) {
  try {
    action();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no ScenarioError thrown)";
}

std::string parse_error(const std::string& yaml) {
  return scenario_error_of([&] { parse_scenario(yaml, "test.yaml"); });
}

std::string override_error(const std::vector<std::string>& assignments) {
  Scenario scenario = Scenario::defaults();
  return scenario_error_of([&] { apply_overrides(scenario, assignments); });
}

// "a.b.c" and "v" as nested YAML: "a:\n  b:\n    c: v\n".
std::string nested_yaml(std::string_view path, const std::string& value) {
  std::string yaml;
  std::string indent;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
    yaml += indent + std::string(path.substr(0, dot)) + ":\n";
    indent += "  ";
    path.remove_prefix(dot + 1);
  }
  return yaml + indent + std::string(path) + ": " + value + "\n";
}

// ---- the error message format -------------------------------------------------------------

TEST(ScenarioError, WhatNamesFileLineColumnKeyAndProblem) {
  const ScenarioError e("a.yaml", 3, 7, "intake.mode", "unknown value 'x' (expected one of y)");
  EXPECT_STREQ(e.what(), "a.yaml:3:7: intake.mode: unknown value 'x' (expected one of y)");
  EXPECT_EQ(e.file(), "a.yaml");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 7);
  EXPECT_EQ(e.key(), "intake.mode");
  EXPECT_EQ(e.problem(), "unknown value 'x' (expected one of y)");
}

TEST(ScenarioError, WhatLeavesOutUnknownLineAndEmptyKey) {
  EXPECT_STREQ(ScenarioError("--set", 0, 0, "run.seed", "bad").what(), "--set: run.seed: bad");
  EXPECT_STREQ(ScenarioError("a.yaml", 2, 1, "", "bad").what(), "a.yaml:2:1: bad");
  EXPECT_STREQ(ScenarioError("a.yaml", 0, 0, "", "bad").what(), "a.yaml: bad");
}

// ---- the shared scenarios -----------------------------------------------------------------

TEST(ScenarioFiles, SiloIsTheBaselineMunicipality) {
  const std::string path = (kSourceDir / "scenarios" / "silo.yaml").string();
  const Scenario s = load_scenario(path);
  EXPECT_EQ(s.name, "silo");
  EXPECT_EQ(s.intake.mode, IntakeMode::silo);
  EXPECT_EQ(s.intake.handoff, HandOff::cold);
  EXPECT_EQ(s.population.residents, 100000);
  EXPECT_EQ(s.run.horizon_days, 3650);
  EXPECT_EQ(s.source_path, path);
  EXPECT_EQ(s.source_text, read_text(path));
}

TEST(ScenarioFiles, IntegratedDiffersFromSiloOnlyInIntake) {
  const Scenario silo = load_scenario((kSourceDir / "scenarios" / "silo.yaml").string());
  const Scenario integrated = load_scenario((kSourceDir / "scenarios" / "integrated.yaml").string());
  EXPECT_EQ(integrated.name, "integrated");
  EXPECT_EQ(integrated.intake.mode, IntakeMode::integrated);
  EXPECT_EQ(integrated.intake.handoff, HandOff::warm);
  for (const ParamSpec& spec : parameter_table()) {
    if (spec.path == "intake.mode" || spec.path == "intake.handoff") continue;
    EXPECT_EQ(spec.get(silo), spec.get(integrated)) << spec.path;
  }
}

// ---- parsing ------------------------------------------------------------------------------

TEST(ParseScenario, EmptyMappingGivesDefaultsNamedAfterTheFile) {
  const Scenario s = parse_scenario("{}", "dir/my_town.yaml");
  const Scenario defaults = Scenario::defaults();
  for (const ParamSpec& spec : parameter_table()) EXPECT_EQ(spec.get(s), spec.get(defaults)) << spec.path;
  EXPECT_EQ(s.name, "my_town");
  EXPECT_EQ(s.source_path, "dir/my_town.yaml");
  EXPECT_EQ(s.source_text, "{}");
}

TEST(ParseScenario, NameAndDescriptionAreTopLevelText) {
  const Scenario s = parse_scenario("name: Aomori pilot\ndescription: a test\n", "x.yaml");
  EXPECT_EQ(s.name, "Aomori pilot");
  EXPECT_EQ(parse_error("name: \"\"\n"), "test.yaml:1:7: name: found the value '' (expected text)");
  EXPECT_EQ(parse_error("description: {a: 1}\n"), "test.yaml:1:14: description: found a mapping (expected text)");
}

TEST(ParseScenario, EveryParameterReadsBackItsFormattedDefault) {
  // What the documentation writes for a value is what the loader reads back, exactly.
  for (const ParamSpec& spec : parameter_table()) {
    const std::string text = format_parameter_value(spec, spec.default_value);
    const Scenario s = parse_scenario(nested_yaml(spec.path, text), "x.yaml");
    EXPECT_EQ(spec.get(s), spec.default_value) << spec.path << " = " << text;
  }
}

TEST(ParseScenario, AcceptsYamlNumberSpellingsAndInclusiveBounds) {
  EXPECT_EQ(parse_scenario("ties: {active_share: .5}", "x").ties.active_share, 0.5);
  EXPECT_EQ(parse_scenario("ties: {active_share: +5e-1}", "x").ties.active_share, 0.5);
  EXPECT_EQ(parse_scenario("ties: {active_share: 0.99}", "x").ties.active_share, 0.99);
  EXPECT_EQ(parse_scenario("intake: {warm_arrival: 0}", "x").intake.warm_arrival, 0);
  EXPECT_EQ(parse_scenario("intake: {max_hops: +7}", "x").intake.max_hops, 7);
  EXPECT_EQ(parse_error("ties: {active_share: 0.991}"),
            "test.yaml:1:22: ties.active_share: value 0.991 out of range (expected 0.01 to 0.99)");
}

TEST(ParseScenario, ChoicesMayBeQuotedButNumbersMayNot) {
  EXPECT_EQ(parse_scenario("intake: {mode: 'integrated'}", "x").intake.mode, IntakeMode::integrated);
  EXPECT_EQ(parse_error("ties: {active_share: '0.5'}"),
            "test.yaml:1:22: ties.active_share: '0.5' is quoted, which makes it text "
            "(expected a number from 0.01 to 0.99)");
}

TEST(ParseScenario, DottedKeysNameTheSameParameters) {
  EXPECT_EQ(parse_scenario("intake.mode: integrated\n", "x").intake.mode, IntakeMode::integrated);
  EXPECT_EQ(parse_error("intake.mode: integrated\nintake:\n  mode: silo\n"),
            "test.yaml:3:3: intake.mode: duplicate key (already written at line 1)");
}

TEST(ParseScenario, EmptySectionKeepsDefaults) {
  EXPECT_EQ(parse_scenario("intake:\n  # mode: integrated\n", "x").intake.mode, IntakeMode::silo);
}

TEST(ParseScenario, ValidationProblemIsPlacedAtItsKeyOrFirstChild) {
  // validate() names the section population.households; only a child of it is written here.
  EXPECT_EQ(parse_error("# comment\nrun: {seed: 2}\npopulation.households.single: 0.5\n"),
            "test.yaml:3:1: population.households: household shares sum to 1.117 "
            "(expected 1: the types partition all households)");
}

TEST(LoadScenario, MissingFileIsAScenarioError) {
  EXPECT_EQ(scenario_error_of([] { load_scenario("no/such/file.yaml"); }),
            "no/such/file.yaml: cannot open file: No such file or directory");
  EXPECT_EQ(scenario_error_of([] { load_scenario(kBadDir.string()); }),
            kBadDir.string() + ": cannot open file: Is a directory");
}

// ---- overrides ----------------------------------------------------------------------------

TEST(ApplyOverrides, SetsValuesAndRecordsThemInTheSourceText) {
  Scenario s = parse_scenario("run:\n  seed: 3", "x.yaml");
  apply_overrides(s,
                  {"intake.mode=integrated", "intake.handoff=warm", "ties.active_share=0.5", "run.horizon_days=365"});
  EXPECT_EQ(s.intake.mode, IntakeMode::integrated);
  EXPECT_EQ(s.intake.handoff, HandOff::warm);
  EXPECT_EQ(s.ties.active_share, 0.5);
  EXPECT_EQ(s.run.horizon_days, 365);
  EXPECT_EQ(s.run.seed, 3);
  EXPECT_EQ(s.source_text,
            "run:\n  seed: 3\n# --set intake.mode=integrated\n# --set intake.handoff=warm\n"
            "# --set ties.active_share=0.5\n# --set run.horizon_days=365\n");
}

TEST(ApplyOverrides, ValidatesOnlyAfterAllAreApplied) {
  // Each alone breaks the household shares' sum; together they keep it at 1.
  Scenario s = Scenario::defaults();
  apply_overrides(s, {"population.households.single=0.28", "population.households.couple=0.3389"});
  EXPECT_EQ(s.population.household_shares[0], 0.28);
  EXPECT_EQ(override_error({"population.households.single=0.28"}),
            "--set: population.households: household shares sum to 0.897 "
            "(expected 1: the types partition all households)");
}

TEST(ApplyOverrides, ABadOverrideLeavesTheScenarioUntouched) {
  Scenario s = Scenario::defaults();
  EXPECT_THROW(apply_overrides(s, {"intake.mode=integrated", "intake.handoff=lukewarm"}), ScenarioError);
  EXPECT_EQ(s.intake.mode, IntakeMode::silo);
  EXPECT_EQ(s.source_text, "");
}

TEST(ApplyOverrides, ErrorsNameTheKeyWithoutALine) {
  EXPECT_EQ(override_error({"intake.mode"}), "--set: 'intake.mode' has no '=' (expected key.path=value)");
  EXPECT_EQ(override_error({"intake.mod=warm"}),
            "--set: intake.mod: unknown key 'intake.mod' (did you mean 'intake.mode'?)");
  EXPECT_EQ(override_error({"intake.handoff=hot"}),
            "--set: intake.handoff: unknown value 'hot' (expected one of cold, warm)");
  EXPECT_EQ(override_error({"run.seed=1.5"}),
            "--set: run.seed: '1.5' is not an integer (expected an integer from 0 to "
            "9007199254740992)");
  EXPECT_EQ(override_error({"ties.active_share="}),
            "--set: ties.active_share: found an empty value (expected a number from 0.01 to 0.99)");
  EXPECT_EQ(override_error({"ties.active_share=[0.5"}),
            "--set: ties.active_share: cannot read value '[0.5': end of sequence flow not found");
}

// ---- the catalogue of malformed files -----------------------------------------------------

struct BadFile {
  std::string file;     // name in tests/data/bad
  std::string message;  // what() when the file is named by its path from the source directory
};

// Test names and failure messages show the file, not the struct's bytes.
void PrintTo(const BadFile& bad, std::ostream* out) { *out << bad.file; }

// tests/data/bad/expectations.txt: "file<TAB>message" lines; '#' starts a comment line.
std::vector<BadFile> read_expectations() {
  std::vector<BadFile> entries;
  std::ifstream in(kBadDir / "expectations.txt");
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    entries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return entries;
}

class BadScenarioFile : public testing::TestWithParam<BadFile> {};

TEST_P(BadScenarioFile, FailsWithItsExpectedMessage) {
  const BadFile& bad = GetParam();
  const std::filesystem::path path = kBadDir / bad.file;
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  // parse_scenario with the relative name gives the message exactly as written ...
  const std::string relative = "tests/data/bad/" + bad.file;
  EXPECT_EQ(scenario_error_of([&] { parse_scenario(read_text(path), relative); }), bad.message);
  // ... and load_scenario with the absolute path the same message under that path.
  EXPECT_EQ(scenario_error_of([&] { load_scenario(path.string()); }), kSourceDir.string() + "/" + bad.message);
}

std::string test_name(const testing::TestParamInfo<BadFile>& info) {
  std::string name = std::filesystem::path(info.param.file).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadScenarioFile, testing::ValuesIn(read_expectations()), test_name);

TEST(BadScenarioFiles, EveryFileHasAnExpectation) {
  std::set<std::string> expected;
  for (const BadFile& bad : read_expectations()) expected.insert(bad.file);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kBadDir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    EXPECT_TRUE(expected.count(entry.path().filename().string()))
        << entry.path().filename() << " has no line in expectations.txt";
  }
  EXPECT_GE(files, 20u);
}

// ---- the parameter table's invariants, which the loader relies on -------------------------

TEST(ParameterTable, PathsAreUniqueAndNoParameterIsAlsoASection) {
  std::set<std::string_view> paths;
  for (const ParamSpec& spec : parameter_table())
    EXPECT_TRUE(paths.insert(spec.path).second) << "duplicate path " << spec.path;
  for (const ParamSpec& spec : parameter_table())
    for (std::string_view other : paths)
      EXPECT_FALSE(other.size() > spec.path.size() && other.starts_with(spec.path) && other[spec.path.size()] == '.')
          << spec.path << " is both a parameter and the section of " << other;
}

TEST(ParameterTable, DefaultsLieWithinTheirRanges) {
  for (const ParamSpec& spec : parameter_table()) {
    EXPECT_LE(spec.min, spec.max) << spec.path;
    EXPECT_GE(spec.default_value, spec.min) << spec.path;
    EXPECT_LE(spec.default_value, spec.max) << spec.path;
    if (spec.type == ParamType::real) continue;
    EXPECT_EQ(spec.default_value, std::floor(spec.default_value)) << spec.path;
    EXPECT_EQ(spec.min, std::floor(spec.min)) << spec.path;
    EXPECT_EQ(spec.max, std::floor(spec.max)) << spec.path;
  }
}

TEST(ParameterTable, ChoicesCoverTheirRange) {
  for (const ParamSpec& spec : parameter_table()) {
    if (spec.type != ParamType::choice) continue;
    ASSERT_FALSE(spec.choices.empty()) << spec.path;
    EXPECT_EQ(spec.min, 0) << spec.path;
    EXPECT_EQ(spec.max, static_cast<double>(spec.choices.size() - 1)) << spec.path;
  }
}

TEST(ParameterTable, EveryParameterIsDocumented) {
  for (const ParamSpec& spec : parameter_table()) {
    EXPECT_FALSE(spec.unit.empty()) << spec.path;
    EXPECT_FALSE(spec.meaning.empty()) << spec.path;
    EXPECT_FALSE(spec.source.empty()) << spec.path;
  }
}

TEST(ParameterTable, DefaultsAreStoredAndValid) {
  const Scenario defaults = Scenario::defaults();
  for (const ParamSpec& spec : parameter_table()) EXPECT_EQ(spec.get(defaults), spec.default_value) << spec.path;
  for (const ValidationProblem& problem : validate(defaults)) ADD_FAILURE() << problem.key << ": " << problem.problem;
}

}  // namespace
}  // namespace kyosei
